"""Grader for day9.pitfalls: each fixed function checked by its behaviour.

- load_report: fetch_sync must run in another thread while the loop keeps running (the
  thread asks the loop to run a callback and waits for it; two calls meet at a Barrier);
- save_all: every save has run, in order, one at a time, when it returns (virtual time);
- fire_and_forget: the task survives gc.collect() while it waits, and is let go once done;
- Inventory.reserve: concurrent reservations in virtual time never oversell or lose a unit.
"""

from __future__ import annotations

import asyncio
import gc
import threading
import weakref
from collections.abc import Coroutine, Iterator
from typing import Any, TypeVar

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from day9 import pitfalls as kata

T = TypeVar("T")

HANDSHAKE = 1.0  # real seconds a worker thread waits for the loop: only a blocked loop needs them


# --- 1. load_report: no blocking call on the loop's thread -----------------------------------


@pytest.mark.asyncio
async def test_load_report_runs_fetch_sync_off_the_loop() -> None:
    """fetch_sync runs in a worker thread, and the loop keeps running while it blocks."""
    loop = asyncio.get_running_loop()
    loop_thread = threading.get_ident()
    loop_answered = threading.Event()
    seen: dict[str, object] = {}

    def fetch_sync(name: str) -> bytes:
        seen["in the loop's thread"] = threading.get_ident() == loop_thread
        if seen["in the loop's thread"]:
            return b"report " + name.encode()  # waiting for the loop here would wait for ever
        loop.call_soon_threadsafe(loop_answered.set)  # runs only if the loop is not blocked
        seen["loop kept running"] = loop_answered.wait(HANDSHAKE)
        return b"report " + name.encode()

    got = await kata.load_report(fetch_sync, "q3")
    assert seen.get("in the loop's thread") is False, (
        "load_report(): fetch_sync is a blocking call — it must not run in the event loop's "
        "thread; run it in a worker thread with asyncio.to_thread"
    )
    assert seen.get("loop kept running") is True, (
        "load_report(): the event loop keeps running while fetch_sync blocks in its thread — "
        "await the thread's result (asyncio.to_thread), do not block on it"
    )
    assert got == b"report q3", "load_report(): returns what fetch_sync returned"


@pytest.mark.asyncio
async def test_concurrent_load_reports_block_at_the_same_time() -> None:
    """Two load_report calls run their fetch_sync at the same time, in two threads."""
    loop_thread = threading.get_ident()
    barrier = threading.Barrier(2, timeout=HANDSHAKE)
    threads: list[int] = []

    def fetch_sync(name: str) -> bytes:
        threads.append(threading.get_ident())
        if threading.get_ident() == loop_thread:
            return b"blocked the loop"
        try:
            barrier.wait()  # both calls must be inside fetch_sync at once
        except threading.BrokenBarrierError:
            return b"ran alone"
        return f"report {name}".encode()

    got = await asyncio.gather(kata.load_report(fetch_sync, "a"), kata.load_report(fetch_sync, "b"))
    assert (list(got), loop_thread in threads) == ([b"report a", b"report b"], False), (
        "load_report(): two concurrent calls run their blocking fetch_sync at the same time, "
        "each in its own worker thread, while the loop keeps serving other tasks"
    )


@pytest.mark.asyncio
async def test_load_report_lets_errors_propagate() -> None:
    """What fetch_sync raises propagates unchanged."""
    error = KeyError("no such report")

    def fetch_sync(name: str) -> bytes:
        raise error

    try:
        await kata.load_report(fetch_sync, "q4")
    except NotImplementedError:
        raise
    except Exception as raised:  # noqa: BLE001 — which exception is the point
        got: object = raised
    else:
        got = "returned"
    assert got is error, "load_report(): an exception raised by fetch_sync propagates unchanged"


# --- 2. save_all: nothing forgotten, one at a time -------------------------------------------


class Store:
    """An async store that takes 1 virtual second per write and logs each start and end."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.log: list[tuple[str, str, float]] = []
        self.fail_on = fail_on
        self.error = ConnectionError(f"store refused {fail_on}")

    async def save(self, item: str) -> None:
        loop = asyncio.get_running_loop()
        self.log.append(("start", item, loop.time()))
        await asyncio.sleep(1)
        if item == self.fail_on:
            raise self.error
        self.log.append(("end", item, loop.time()))


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_save_all_awaits_every_save_in_order() -> None:
    """Every save has run when save_all returns, one after another, in order; returns the count."""
    loop = asyncio.get_running_loop()
    store = Store()
    async with asyncio.timeout(100):
        count = await kata.save_all(["a", "b", "c"], store.save)
    done_at = loop.time()
    log_at_return = list(store.log)
    assert log_at_return == [
        ("start", "a", 0), ("end", "a", 1),
        ("start", "b", 1), ("end", "b", 2),
        ("start", "c", 2), ("end", "c", 3),
    ], (
        "save_all(): every save(item) is awaited — all of them have finished when save_all "
        "returns — one after another, each finishing before the next starts, in order"
    )
    assert (count, done_at) == (3, 3), "save_all(): returns the number of items saved, after the last save"


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_save_all_takes_any_iterable_and_stops_at_an_error() -> None:
    """A generator works; a failing save propagates and the later items are not saved."""
    store = Store(fail_on="b")

    def items() -> Iterator[str]:
        yield from ["a", "b", "c"]

    try:
        async with asyncio.timeout(100):
            await kata.save_all(items(), store.save)
    except NotImplementedError:
        raise
    except Exception as raised:  # noqa: BLE001 — which exception is the point
        got: object = raised
    else:
        got = "returned"
    await asyncio.sleep(10)  # anything still running in the background shows itself now
    assert got is store.error, "save_all(): an exception raised by save propagates unchanged"
    assert [(event, item) for event, item, _ in store.log] == [("start", "a"), ("end", "a"), ("start", "b")], (
        "save_all(): items may come from a generator; after a failed save the later items are "
        "not saved"
    )
    empty = await kata.save_all([], store.save)
    assert empty == 0, "save_all([]) returns 0"


# --- 3. fire_and_forget: kept while running, let go when done --------------------------------


def start(coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
    """fire_and_forget(coro); if it raises, the coroutine is closed (not left unawaited)."""
    try:
        return kata.fire_and_forget(coro)
    except BaseException:
        coro.close()
        raise


@pytest.mark.asyncio
async def test_fire_and_forget_returns_the_task() -> None:
    """The returned task runs the coroutine; awaiting it gives the coroutine's result."""

    async def job() -> str:
        await asyncio.sleep(0)
        return "done"

    task = start(job())
    is_task = isinstance(task, asyncio.Task)
    assert is_task, "fire_and_forget() returns the asyncio.Task running the coroutine"
    got = await asyncio.wait_for(task, 5)
    assert got == "done", "fire_and_forget(): awaiting the returned task gives the coroutine's result"


def resolve(futures: dict[str, weakref.ref[asyncio.Future[str]]]) -> None:
    """Complete each future still alive with its name (keeping no reference to it)."""
    for name, ref in futures.items():
        if (future := ref()) is not None:
            future.set_result(name)


@pytest.mark.asyncio
async def test_fire_and_forget_keeps_waiting_tasks_alive() -> None:
    """A task nobody else references survives garbage collection until it is done."""
    loop = asyncio.get_running_loop()
    futures: dict[str, weakref.ref[asyncio.Future[str]]] = {}
    finished: list[str] = []

    async def job(name: str) -> None:
        # This future is referenced only by this coroutine: if nothing holds the task,
        # task -> coroutine -> future -> task is garbage, and the collector destroys it.
        future: asyncio.Future[str] = loop.create_future()
        futures[name] = weakref.ref(future)
        finished.append(await future)

    start(job("first"))  # the caller keeps no reference: fire and forget
    start(job("second"))
    for _ in range(3):
        await asyncio.sleep(0)  # both jobs start and wait on their futures
    gc.collect()
    alive = {name: ref() is not None for name, ref in futures.items()}
    assert alive == {"first": True, "second": True}, (
        "fire_and_forget(): every task started is kept alive (a strong reference) until it is "
        "done — the event loop holds its tasks only weakly, so an unreferenced waiting task is "
        "garbage-collected"
    )
    resolve(futures)
    for _ in range(5):
        await asyncio.sleep(0)
    assert sorted(finished) == ["first", "second"], "fire_and_forget(): the kept tasks run to completion"


@pytest.mark.asyncio
async def test_fire_and_forget_lets_finished_tasks_go() -> None:
    """Once a task is done, fire_and_forget keeps no reference to it."""

    async def job(n: int) -> int:
        await asyncio.sleep(0)
        return n

    refs = [weakref.ref(start(job(n))) for n in range(3)]
    for _ in range(5):
        await asyncio.sleep(0)  # the jobs finish, and their done callbacks run
    gc.collect()
    kept = [n for n, ref in enumerate(refs) if ref() is not None]
    assert kept == [], (
        "fire_and_forget(): the reference to a task is dropped once it is done (e.g. "
        "task.add_done_callback(tasks.discard)), so finished tasks do not pile up"
    )


# --- 4. Inventory.reserve: check-then-act across an await ------------------------------------


class Verifier:
    """An async check answering per reservation (in call order): after `delay` virtual seconds,
    its verdict — or raising `error`."""

    def __init__(self, answers: list[tuple[float, bool]], error: Exception | None = None) -> None:
        self.answers = list(answers)
        self.error = error
        self.calls = 0

    async def __call__(self, item: str) -> bool:
        delay, verdict = self.answers[self.calls % len(self.answers)]
        self.calls += 1
        await asyncio.sleep(delay)
        if self.error is not None:
            raise self.error
        return verdict


async def reserve_all(shop: kata.Inventory, item: str, starts: list[float]) -> list[bool]:
    """Reservations of item started at the given virtual times (relative to now), concurrently."""
    loop = asyncio.get_running_loop()
    began = loop.time()

    async def reserve_at(at: float) -> bool:
        await asyncio.sleep(began + at - loop.time())
        return await shop.reserve(item)

    async with asyncio.timeout(1000):
        return list(await asyncio.gather(*(reserve_at(at) for at in starts)))


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_the_last_unit_goes_to_one_reservation() -> None:
    """Two concurrent reservations of the last unit: exactly one gets it."""
    verify = Verifier([(1, True)])
    shop = kata.Inventory({"book": 1}, verify)
    got = await reserve_all(shop, "book", [0, 0])
    assert (sorted(got), shop.left("book")) == ([False, True], 0), (
        "Inventory.reserve(): with one unit left, two concurrent reservations (each awaiting "
        "verify) give exactly one True, and the stock ends at 0, never below — check the stock "
        "again after the await"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_concurrent_reservations_lose_no_unit() -> None:
    """n reservations that return True take exactly n units."""
    shop = kata.Inventory({"book": 2, "pen": 5}, Verifier([(1, True)]))
    got = await reserve_all(shop, "book", [0, 0, 0])
    assert (sorted(got), shop.left("book"), shop.left("pen")) == ([False, True, True], 0, 5), (
        "Inventory.reserve(): three concurrent reservations of 2 units give True, True, False "
        "and leave 0 — each True takes exactly one unit (no update lost across the await), "
        "and other items are untouched"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_refusals_and_empty_stock() -> None:
    """verify says no: False, stock unchanged; no unit left: False at once without verify."""
    stock = {"book": 1, "sold out": 0}
    verify = Verifier([(1, False)])
    shop = kata.Inventory(stock, verify)
    refused = await reserve_all(shop, "book", [0])
    assert (refused, shop.left("book"), verify.calls) == ([False], 1, 1), (
        "Inventory.reserve(): when verify answers False, it returns False and takes nothing"
    )
    loop = asyncio.get_running_loop()
    before = loop.time()
    empty = [await shop.reserve("sold out"), await shop.reserve("never stocked")]
    assert (empty, verify.calls, loop.time() - before) == ([False, False], 1, 0), (
        "Inventory.reserve(): with no unit left (or an item never stocked) it returns False "
        "at once, without calling verify"
    )
    assert (shop.left("never stocked"), stock) == (0, {"book": 1, "sold out": 0}), (
        "Inventory: left() is 0 for an item never stocked; the caller's stock mapping is "
        "copied, never changed"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_a_failing_verify_takes_nothing() -> None:
    """If verify raises, the exception propagates and no unit is taken."""
    error = ConnectionError("fraud service down")
    shop = kata.Inventory({"book": 1}, Verifier([(1, True)], error=error))
    try:
        async with asyncio.timeout(100):
            await shop.reserve("book")
    except NotImplementedError:
        raise
    except Exception as raised:  # noqa: BLE001 — which exception is the point
        got: object = raised
    else:
        got = "returned"
    assert (got is error, shop.left("book")) == (True, 1), (
        "Inventory.reserve(): an exception from verify propagates unchanged and takes nothing"
    )


HALVES = st.integers(min_value=0, max_value=8).map(lambda n: n / 2)


@pytest.mark.asyncio
@pytest.mark.looptime
@given(
    stock=st.integers(min_value=0, max_value=4),
    reservations=st.lists(st.tuples(HALVES, HALVES, st.booleans()), min_size=1, max_size=8),
)
@example(stock=1, reservations=[(0, 1, True), (0, 1, True)])
@example(stock=2, reservations=[(0, 2, True), (0.5, 1, True), (1, 0, True)])
@example(stock=1, reservations=[(0, 3, True), (1, 1, False), (1, 1, True)])
async def test_any_mix_of_reservations(stock: int, reservations: list[tuple[float, float, bool]]) -> None:
    """Whatever the timing: as many True as min(stock, approvals), each taking exactly one unit."""
    starts = [start for start, _, _ in reservations]
    # Reservation i gets the i-th answer (delay, verdict) — in the order verify is called.
    verify = Verifier([(delay, verdict) for _, delay, verdict in reservations])
    shop = kata.Inventory({"item": stock}, verify)
    got = await reserve_all(shop, "item", starts)
    approvals = sum(verdict for _, _, verdict in reservations)
    taken = sum(got)
    assert (taken, shop.left("item")) == (min(stock, approvals), stock - taken), (
        f"Inventory.reserve(): {stock} in stock, reservations (start, verify delay, verdict) "
        f"{reservations} — a reservation takes a unit only when verify allows it and one is "
        "still left after the await; every True takes exactly one unit, and the stock never "
        "goes below 0 (count of True, units left)"
    )
    assert verify.calls <= len(reservations), "Inventory.reserve(): verify is called at most once per reservation"
