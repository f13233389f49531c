"""Grader for day9.async_resources: a pool lease (class), a transaction (@asynccontextmanager)
and lease_many (AsyncExitStack) — released on every way out, timeouts on the loop's clock.

Everything runs in virtual time (looptime): ``loop.time()`` starts at 0 in each test and
``asyncio.sleep(100)`` costs no real time.
"""

from __future__ import annotations

import asyncio
import heapq
import inspect
import math
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any, TypeVar

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day9 import async_resources as kata

pytestmark = [pytest.mark.asyncio, pytest.mark.looptime]

X = TypeVar("X")


class Boom(Exception):
    """An error raised inside a block."""


class Abort(BaseException):
    """Not an Exception: `except Exception` does not see it."""


def now() -> float:
    return asyncio.get_running_loop().time()


async def context(
    func: Callable[..., AbstractAsyncContextManager[X]], *args: Any
) -> AbstractAsyncContextManager[X]:
    """func(*args), after checking func is an async generator under @asynccontextmanager."""
    original = inspect.unwrap(func)
    if inspect.iscoroutinefunction(original):  # an `async def` without `yield`: the stub
        await original(*args)  # the untouched stub raises NotImplementedError here
        pytest.fail(
            f"{func.__name__}() must be an async generator function (an `async def` with a "
            "`yield`) decorated with @contextlib.asynccontextmanager"
        )
    return func(*args)


async def hold(pool: kata.Pool[X]) -> tuple[X, kata.Lease[X]]:
    """Lease an item by hand (enter without a block); release with `release`."""
    lease = pool.lease()
    return await lease.__aenter__(), lease


async def outcomes(*tasks: asyncio.Future[Any]) -> list[Any]:
    """What each task returned or raised; the untouched stub's NotImplementedError escapes."""
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for result in results:
        if isinstance(result, NotImplementedError):
            raise result
    return results


async def release(lease: kata.Lease[Any], after: float = 0) -> None:
    await asyncio.sleep(after)
    await lease.__aexit__(None, None, None)


# --- the pool -------------------------------------------------------------------------------


async def test_pool_size_and_available() -> None:
    """Pool(items) takes any iterable; all free at first; an empty one raises ValueError."""
    pool = kata.Pool(iter(["a", "b", "c"]))
    assert (pool.size, pool.available) == (3, 3), (
        "Pool(items): size is the number of items, all of them available at first"
    )
    try:
        kata.Pool([])
    except ValueError:
        pass
    else:
        pytest.fail("Pool([]): a pool without items raises ValueError")


async def test_lease_hands_out_an_item_and_takes_it_back() -> None:
    """A lease gives a free item for the block; leaving the block returns it."""
    pool = kata.Pool(["a", "b"])
    lease = pool.lease(timeout=1)
    assert isinstance(lease, kata.Lease), "pool.lease() returns a Lease"
    assert pool.available == 2, "pool.lease() itself takes nothing: entering the block does"
    async with lease as first:
        async with pool.lease() as second:
            assert {first, second} == {"a", "b"}, (
                "two leases held at once get two different items of the pool"
            )
            assert pool.available == 0, "available counts the items not leased right now"
        assert pool.available == 1, "leaving the block returns the item to the pool"
    assert (pool.available, now()) == (2, 0), (
        "leaving the block returns the item; free items are handed out without waiting"
    )


async def test_falsy_items_are_items() -> None:
    """Items such as None and 0 are leased and returned like any other."""
    pool = kata.Pool([None, 0])
    async with pool.lease() as first, pool.lease() as second:
        assert sorted([first, second], key=repr) == [0, None], (
            "a lease hands out the pool's items themselves, None and 0 included"
        )
    assert pool.available == 2, "leaving the block returns the item, even when it is None or 0"


@pytest.mark.parametrize(
    "error", [Boom("in the block"), Abort()], ids=["Exception", "BaseException"]
)
async def test_error_in_the_block_propagates_and_returns_the_item(error: BaseException) -> None:
    """An exception leaving the block propagates unchanged, and the item goes back."""
    pool = kata.Pool(["a"])
    try:
        async with pool.lease():
            raise error
    except NotImplementedError:
        raise  # the untouched stub
    except BaseException as exc:
        got: object = exc
    else:
        got = "nothing raised"
    assert got is error, (
        "an exception raised inside `async with pool.lease()` propagates unchanged "
        "(__aexit__ never swallows it)"
    )
    assert pool.available == 1, "after an exception in the block, the item is back in the pool"


async def test_cancelled_inside_the_block_returns_the_item() -> None:
    """A task cancelled inside the block returns its item; CancelledError propagates."""
    pool = kata.Pool(["a"])

    async def user() -> None:
        async with pool.lease():
            await asyncio.sleep(10)

    task = asyncio.ensure_future(user())
    await asyncio.sleep(1)
    task.cancel()
    outcome = await outcomes(task)
    assert isinstance(outcome[0], asyncio.CancelledError), (
        "a task cancelled inside `async with pool.lease()` ends cancelled (CancelledError "
        f"propagates) — got {outcome[0]!r}"
    )
    assert pool.available == 1, "a task cancelled inside the block returns its item"


async def test_timeout_raises_timeout_error_on_the_loop_clock() -> None:
    """No free item within `timeout` seconds: TimeoutError, exactly then; the pool unchanged."""
    pool = kata.Pool(["a"])
    _, holder = await hold(pool)
    releasing = asyncio.ensure_future(release(holder, after=5))
    try:
        async with pool.lease(timeout=2):
            got: object = "entered"
    except TimeoutError:
        got = "TimeoutError"
    assert (got, now()) == ("TimeoutError", 2), (
        "a lease that finds no free item within `timeout` seconds (of the loop's clock) "
        "raises TimeoutError exactly then"
    )
    await releasing
    assert pool.available == 1, (
        "a lease that timed out takes nothing: the item comes back to the pool"
    )


async def test_waiting_ends_when_an_item_comes_back() -> None:
    """A waiting lease gets the item the moment a holder returns it."""
    pool = kata.Pool(["a"])
    _, holder = await hold(pool)
    releasing = asyncio.ensure_future(release(holder, after=1.5))
    async with pool.lease(timeout=2) as item:
        assert (item, now()) == ("a", 1.5), (
            "a waiting lease gets the item as soon as its holder returns it"
        )
    await releasing
    _, holder = await hold(pool)
    releasing = asyncio.ensure_future(release(holder, after=100))
    async with pool.lease(timeout=None) as item:
        assert (item, now()) == ("a", 101.5), (
            "timeout=None waits as long as it takes (here 100 s) for an item"
        )
    await releasing


async def test_waiters_are_served_first_come_first_served() -> None:
    """Waiting leases get the returned items in the order they started waiting."""
    pool = kata.Pool(["a"])
    _, holder = await hold(pool)
    got: list[tuple[str, float]] = []

    async def waiter(name: str) -> None:
        async with pool.lease():
            got.append((name, now()))
            await asyncio.sleep(1)

    first = asyncio.ensure_future(waiter("first"))
    await asyncio.sleep(1)
    second = asyncio.ensure_future(waiter("second"))
    await release(holder, after=1)
    await asyncio.gather(first, second)
    assert got == [("first", 2), ("second", 3)], (
        "waiting leases are served first come, first served"
    )


async def test_cancelled_waiter_gives_up_its_place() -> None:
    """A lease cancelled while waiting gives up its place; the next waiter is served."""
    pool = kata.Pool(["a"])
    _, holder = await hold(pool)
    got: list[tuple[str, float]] = []

    async def waiter(name: str) -> None:
        async with pool.lease():
            got.append((name, now()))

    cancelled = asyncio.ensure_future(waiter("cancelled"))
    await asyncio.sleep(0.5)
    served = asyncio.ensure_future(waiter("served"))
    await asyncio.sleep(0.5)
    cancelled.cancel()
    await release(holder, after=1)
    outcome = await outcomes(cancelled, served)
    assert isinstance(outcome[0], asyncio.CancelledError), (
        "a lease cancelled while waiting ends with CancelledError"
    )
    assert (got, pool.available) == ([("served", 2)], 1), (
        "a lease cancelled while waiting gives up its place: the next waiter gets the item "
        "when it comes back, and nothing is lost"
    )


async def test_no_item_lost_when_cancelled_as_it_is_handed_over() -> None:
    """A waiter cancelled the very moment an item is returned to it loses nothing."""
    pool = kata.Pool(["a"])
    _, holder = await hold(pool)

    async def waiter() -> None:
        async with pool.lease():
            await asyncio.sleep(1)

    task = asyncio.ensure_future(waiter())
    await asyncio.sleep(1)
    await release(holder)  # the item goes to the waiting lease ...
    task.cancel()  # ... which is cancelled before it could run again
    await outcomes(task)
    assert pool.available == 1, (
        "a lease cancelled at the very moment an item was handed to it must not lose the "
        "item: it goes back to the pool (or to the next waiter)"
    )
    async with pool.lease(timeout=1) as item:
        assert item == "a", "after that, the item can be leased again"


@pytest.mark.parametrize("timeout", [0, -1, math.nan, -math.inf], ids=repr)
async def test_bad_timeout_is_refused_by_lease(timeout: float) -> None:
    """lease(timeout) with timeout not > 0 raises ValueError in lease() itself."""
    pool = kata.Pool(["a"])
    try:
        pool.lease(timeout=timeout)
    except ValueError:
        pass
    else:
        pytest.fail(f"pool.lease(timeout={timeout!r}) must raise ValueError: timeout must be > 0")
    for fine in (None, 0.5, 1e-9):
        async with pool.lease(timeout=fine):
            pass
    assert pool.available == 1, "timeout=None or any value > 0 is fine"


@settings(max_examples=30)
@given(
    size=st.integers(min_value=1, max_value=3),
    durations=st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=8),
)
@example(size=1, durations=[2, 1, 3])
@example(size=2, durations=[3, 1, 1, 2, 2])
async def test_many_users_share_the_pool_in_order(size: int, durations: list[int]) -> None:
    """Many users, one pool: never more leases than items, each item held by one at a time,
    served first come, first served."""
    pool = kata.Pool(range(size))
    start = now()
    held: set[int] = set()
    shared: list[int] = []
    started: dict[int, float] = {}

    async def user(index: int, seconds: int) -> None:
        async with pool.lease() as item:
            if item in held:
                shared.append(item)
            held.add(item)
            started[index] = now() - start
            await asyncio.sleep(seconds)
            held.discard(item)

    await asyncio.gather(*(user(i, d) for i, d in enumerate(durations)))
    free_at = [0] * size  # when each item is next free, if handed out first come first served
    want = []
    for seconds in durations:
        at = heapq.heappop(free_at)
        want.append(at)
        heapq.heappush(free_at, at + seconds)
    assert shared == [], "an item is held by one lease at a time"
    assert [started[i] for i in range(len(durations))] == want, (
        "users all asking at once (in list order) are served first come, first served, each "
        "as soon as an item is free"
    )
    assert pool.available == size, "when every user is done, every item is back"


# --- transaction ----------------------------------------------------------------------------


class FakeConnection:
    """Logs each statement; `execute` really suspends, like a round trip to the database."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.log: list[str] = []
        self.fail_on = fail_on
        self.error = Boom(f"{fail_on} failed")

    async def execute(self, statement: str) -> None:
        await asyncio.sleep(0)
        self.log.append(statement)
        if statement == self.fail_on:
            raise self.error


async def test_transaction_commits_after_a_normal_block() -> None:
    """BEGIN, the block, COMMIT; the block gets the connection itself."""
    conn = FakeConnection()
    async with await context(kata.transaction, conn) as inside:
        assert inside is conn, "transaction(conn) yields conn itself"
        await conn.execute("INSERT")
    assert conn.log == ["BEGIN", "INSERT", "COMMIT"], (
        "transaction(): BEGIN on the way in, COMMIT after a block that finished normally"
    )
    original = inspect.unwrap(kata.transaction)
    assert inspect.isasyncgenfunction(original), (
        "transaction() is an async generator function decorated with @asynccontextmanager"
    )


@pytest.mark.parametrize(
    "error",
    [Boom("in the block"), Abort(), asyncio.CancelledError()],
    ids=["Exception", "BaseException", "CancelledError"],
)
async def test_transaction_rolls_back_and_reraises(error: BaseException) -> None:
    """Any exception leaving the block: ROLLBACK, then that same exception propagates."""
    conn = FakeConnection()
    block = await context(kata.transaction, conn)
    try:
        async with block:
            await conn.execute("INSERT")
            raise error
    except NotImplementedError:
        raise  # the untouched stub
    except BaseException as exc:
        got: object = exc
    else:
        got = "nothing raised"
    hint = "" if isinstance(error, Exception) else " — `except Exception` misses BaseExceptions"
    assert conn.log == ["BEGIN", "INSERT", "ROLLBACK"], (
        f"transaction(): a block left by an exception ({type(error).__name__}) is followed by "
        f"ROLLBACK, and no COMMIT{hint}"
    )
    assert got is error, "transaction(): after ROLLBACK the block's exception propagates unchanged"


async def test_transaction_rolls_back_when_the_task_is_cancelled() -> None:
    """A task cancelled inside the block: ROLLBACK, and the task ends cancelled."""
    conn = FakeConnection()

    async def work() -> None:
        async with await context(kata.transaction, conn):
            await conn.execute("INSERT")
            await asyncio.sleep(10)
            await conn.execute("never")

    task = asyncio.ensure_future(work())
    await asyncio.sleep(1)
    task.cancel()
    outcome = await outcomes(task)
    assert conn.log == ["BEGIN", "INSERT", "ROLLBACK"], (
        "transaction(): a task cancelled inside the block rolls back (CancelledError is a "
        "BaseException, not an Exception)"
    )
    assert isinstance(outcome[0], asyncio.CancelledError) and now() == 1, (
        "transaction(): the cancelled task ends cancelled, right away — the cancellation "
        f"is not swallowed (got {outcome[0]!r})"
    )


async def test_transaction_failed_begin_runs_nothing() -> None:
    """BEGIN raising: the exception propagates, the block does not run, nothing else is sent."""
    conn = FakeConnection(fail_on="BEGIN")
    ran: list[str] = []
    try:
        async with await context(kata.transaction, conn):
            ran.append("block")
    except Boom as exc:
        got: object = exc
    else:
        got = "nothing raised"
    assert got is conn.error, "transaction(): an exception from BEGIN propagates unchanged"
    assert (ran, conn.log) == ([], ["BEGIN"]), (
        "transaction(): when BEGIN fails the block does not run, and neither COMMIT nor "
        "ROLLBACK is sent"
    )


# --- lease_many -----------------------------------------------------------------------------


async def test_lease_many_leases_and_returns_every_item() -> None:
    """lease_many(pool, n): n different items for the block, all returned afterwards."""
    pool = kata.Pool(["a", "b", "c"])
    async with await context(kata.lease_many, pool, 2) as items:
        assert (len(items), len(set(items)), set(items) <= {"a", "b", "c"}) == (2, 2, True), (
            f"lease_many(pool, 2) yields a list of 2 different items of the pool — got {items!r}"
        )
        assert pool.available == 1, "lease_many(pool, 2) holds 2 items during the block"
    assert pool.available == 3, "leaving the lease_many block returns every item"
    async with await context(kata.lease_many, pool, 0) as items:
        assert items == [], "lease_many(pool, 0) yields []"
    async with await context(kata.lease_many, pool, 3) as items:
        assert sorted(items) == ["a", "b", "c"], "lease_many(pool, pool.size) leases everything"
    assert pool.available == 3, "leaving the lease_many block returns every item"


@pytest.mark.parametrize("count", [-1, 4])
async def test_lease_many_refuses_a_bad_count(count: int) -> None:
    """count outside 0..pool.size: ValueError on entering."""
    pool = kata.Pool(["a", "b", "c"])
    try:
        async with await context(kata.lease_many, pool, count, 1):
            pass
    except ValueError:
        pass
    else:
        pytest.fail(f"lease_many(pool, {count}) with pool.size == 3 must raise ValueError")
    assert pool.available == 3, "a refused lease_many holds nothing"


async def test_lease_many_gives_back_what_it_got_when_a_lease_times_out() -> None:
    """A lease that times out: the ones already held go back before TimeoutError propagates."""
    pool = kata.Pool(["a", "b", "c"])
    holders = [(await hold(pool))[1] for _ in range(2)]
    try:
        async with await context(kata.lease_many, pool, 2, 1):
            got: object = "entered"
    except TimeoutError:
        got = "TimeoutError"
    assert (got, now()) == ("TimeoutError", 1), (
        "lease_many(pool, 2, timeout=1) with one free item: the second lease times out after 1 s"
    )
    assert pool.available == 1, (
        "lease_many(): when a lease fails, the items already leased go back to the pool "
        "before the exception propagates"
    )
    for holder in holders:
        await release(holder)


async def test_lease_many_timeout_is_per_lease() -> None:
    """Each lease waits at most `timeout` seconds of its own."""
    pool = kata.Pool(["a", "b"])
    first, second = (await hold(pool))[1], (await hold(pool))[1]
    releases = [asyncio.ensure_future(release(first, 0.75)),
                asyncio.ensure_future(release(second, 1.5))]
    async with await context(kata.lease_many, pool, 2, 1) as items:
        assert (len(items), now()) == (2, 1.5), (
            "lease_many(pool, 2, timeout=1): each lease waits up to 1 s of its own — items "
            "freed at 0.75 s and 1.5 s are both leased"
        )
    await asyncio.gather(*releases)


async def test_lease_many_returns_everything_on_error_and_cancellation() -> None:
    """An error in the block, or a cancellation while waiting: every held item goes back."""
    pool = kata.Pool(["a", "b", "c"])
    error = Boom("in the block")
    try:
        async with await context(kata.lease_many, pool, 3):
            raise error
    except Boom as exc:
        got: object = exc
    else:
        got = "nothing raised"
    assert (got, pool.available) == (error, 3), (
        "lease_many(): an exception in the block propagates unchanged and every item goes back"
    )
    _, holder = await hold(pool)

    async def wants_all() -> None:
        async with await context(kata.lease_many, pool, 3):
            pass

    task = asyncio.ensure_future(wants_all())
    await asyncio.sleep(1)
    task.cancel()
    outcome = await outcomes(task)
    assert isinstance(outcome[0], asyncio.CancelledError), (
        "lease_many(): cancelled while waiting, CancelledError propagates"
    )
    assert pool.available == 2, (
        "lease_many(): cancelled while waiting for the third item, the two already leased "
        "go back to the pool"
    )
    await release(holder)
