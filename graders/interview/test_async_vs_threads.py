"""Grader for interview.async_vs_threads: diagnoses, predictions, and two fixes in virtual time.

- The diagnoses are compared with the answer key; for the designs whose deciding property a
  few lines can show, the grader also shows it (1000 queries against a 10-slot pool, the
  spec's ratio, with and without a semaphore, in virtual time; a plain call inside a coroutine lets no other
  task run).
- Each snippet is run here, from the grader's own copy, and its output compared.
- ``fetch_all`` runs in virtual time (looptime): start and end times, the peak number of
  fetches in flight, cancellations and the total time are exact.
- ``run_blocking_all`` runs with a default executor that counts what is handed to it; each
  blocking call waits for a gate that only the event loop can open, so a call made in the
  loop's own thread fails within a second instead of hanging.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import heapq
import io
import threading
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any, TypeVar

import looptime
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from interview import async_vs_threads as kata

T = TypeVar("T")
F, P = kata.FailureMode, kata.Property

# The answer key: design -> (failure, deciding property).
KEY: dict[str, tuple[kata.FailureMode, kata.Property]] = {
    "thread_per_connection": (F.THREADS_EXHAUSTED, P.STACK_PER_THREAD),
    "sync_driver_in_async": (F.LOOP_STALLED, P.ONE_THREAD_COOPERATIVE),
    "unbounded_gather": (F.DOWNSTREAM_OVERWHELMED, P.UNBOUNDED_IN_FLIGHT),
    "bounded_fan_out": (F.COPES, P.BOUNDED_IN_FLIGHT),
    "fixed_pool_long_connections": (F.CONNECTIONS_STARVE, P.WORKERS_HELD_PER_CONNECTION),
    "cpu_work_in_to_thread": (F.NO_PARALLEL_SPEEDUP, P.GIL),
    "idle_async_connections": (F.COPES, P.CHEAP_IDLE_TASKS),
}

# The grader's own copy of the snippets (the kata's docstring shows the same code).
SNIPPETS: dict[str, tuple[str, str]] = {
    "sync_call_does_not_yield": (
        "a coroutine gives the thread up only at an await: does a plain call inside it?",
        '''\
import asyncio

def blocking_fetch(name):
    print(name, "fetching")
    return name.upper()

async def handler(name):
    print(name, "start")
    result = blocking_fetch(name)
    print(name, "got", result)

async def ticker():
    for i in range(2):
        print("tick", i)
        await asyncio.sleep(0)

async def main():
    await asyncio.gather(handler("a"), ticker(), handler("b"))

asyncio.run(main())
''',
    ),
    "to_thread_keeps_the_loop_running": (
        "where does asyncio.to_thread run the function, and what does the loop do meanwhile?",
        '''\
import asyncio
import threading

def blocking_fetch(loop_thread, started, release):
    print("fetch in the loop's thread:", threading.get_ident() == loop_thread)
    started.set()
    release.wait()
    print("fetch released")
    return "data"

async def heartbeat(started, release):
    await asyncio.to_thread(started.wait)
    print("heartbeat: the loop still runs")
    release.set()

async def main():
    loop_thread = threading.get_ident()
    started = threading.Event()
    release = threading.Event()
    result, _ = await asyncio.gather(
        asyncio.to_thread(blocking_fetch, loop_thread, started, release),
        heartbeat(started, release),
    )
    print("main got", result)

asyncio.run(main())
''',
    ),
    "cancel_does_not_stop_the_thread": (
        "what does cancelling a task that awaits asyncio.to_thread do to the running function?",
        '''\
import asyncio
import threading

def slow_job(running, release, finished):
    running.set()
    release.wait()
    print("job: finished anyway")
    finished.set()

async def main():
    running = threading.Event()
    release = threading.Event()
    finished = threading.Event()
    task = asyncio.create_task(asyncio.to_thread(slow_job, running, release, finished))
    await asyncio.to_thread(running.wait)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("main: task cancelled", task.cancelled())
    release.set()
    await asyncio.to_thread(finished.wait)
    print("main: done")

asyncio.run(main())
''',
    ),
}


# ----------------------------------------------------------------------------- part 1


def answer(name: str) -> kata.Diagnosis:
    diagnoses = kata.diagnose()
    assert isinstance(diagnoses, dict), "diagnose(): returns a dict {design name: Diagnosis}"
    assert name in diagnoses, f"diagnose(): the dict has no diagnosis for design {name!r}"
    got = diagnoses[name]
    assert isinstance(got, tuple) and len(got) == 2, (
        f"diagnose(): the answer for {name!r} must be a Diagnosis(failure, because)"
    )
    return kata.Diagnosis(*got)


async def _pool_timeouts(n: int, pool_size: int, *, bounded: bool) -> tuple[int, float]:
    """n queries of 50 ms on a pool of pool_size connections, acquire timeout 1 s: how many time out."""
    loop = asyncio.get_running_loop()
    pool = asyncio.Semaphore(pool_size)
    gate = asyncio.Semaphore(pool_size) if bounded else contextlib.nullcontext()
    began = loop.time()

    async def query() -> bool:
        async with gate:
            try:
                async with asyncio.timeout(1):
                    await pool.acquire()
            except TimeoutError:
                return False
            try:
                await asyncio.sleep(0.05)
            finally:
                pool.release()
            return True

    done = await asyncio.gather(*(query() for _ in range(n)))
    return done.count(False), loop.time() - began


def _demonstrate(name: str) -> None:
    """The grader's own demonstration of the deciding property, where a few lines show it."""
    if name in ("unbounded_gather", "bounded_fan_out"):
        runner = asyncio.Runner(loop_factory=lambda: looptime.new_event_loop(start=0, _enabled=True))
        with runner:
            timeouts, seconds = runner.run(_pool_timeouts(1000, 10, bounded=name == "bounded_fan_out"))  # the same ratio
        if name == "unbounded_gather":
            assert timeouts >= 700, "demonstration: most unbounded acquires on a pool 100 times smaller time out"
        else:
            assert (timeouts, round(seconds, 3)) == (0, 5.0), "demonstration: bounded, all served in 5 s"
    elif name == "sync_driver_in_async":
        ticks: list[int] = []

        async def ticker() -> None:
            for i in range(3):
                ticks.append(i)
                await asyncio.sleep(0)

        async def handler() -> int:
            seen = len(ticks)
            sum(range(10_000))  # a plain call: no await, so nothing else can run meanwhile
            return len(ticks) - seen

        async def main() -> int:
            task = asyncio.create_task(ticker())
            await asyncio.sleep(0)
            moved = await handler()
            await task
            return moved

        assert asyncio.run(main()) == 0, "demonstration: no other task runs during a plain call"


@pytest.mark.predict
@pytest.mark.parametrize("name", list(KEY))
def test_diagnosis(name: str) -> None:
    """Each design: the failure it shows first under its load, and the property deciding it."""
    got = answer(name)
    failure, because = KEY[name]
    assert got.failure == failure, (
        f"design {name!r}: the failure mode — ask which resource runs out first as the load grows"
    )
    assert got.because == because, (
        f"design {name!r}: the deciding property — the one fact about the design that explains "
        "its failure (or why it copes)"
    )
    _demonstrate(name)


def test_every_design_diagnosed() -> None:
    """diagnose() answers for the designs of the spec, and no others."""
    got = kata.diagnose()
    assert sorted(got) == sorted(KEY), "diagnose(): one Diagnosis per design name, and no other keys"


# ----------------------------------------------------------------------------- part 2


def printed_lines(name: str) -> list[str]:
    code = SNIPPETS[name][1]
    out = io.StringIO()
    namespace: dict[str, object] = {"__name__": f"snippet_{name}"}
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"<snippet {name}>", "exec"), namespace)
    return out.getvalue().splitlines()


@pytest.mark.predict
@pytest.mark.parametrize("name", list(SNIPPETS))
def test_prediction(name: str) -> None:
    """Each snippet prints exactly the lines predicted, in that order."""
    predicted = kata.predictions()
    assert isinstance(predicted, dict), "predictions(): returns a dict {snippet name: list of lines}"
    got = predicted.get(name)
    if isinstance(got, tuple):
        got = list(got)
    assert got == printed_lines(name), f"snippet {name!r}: the lines it prints, in order — think: {SNIPPETS[name][0]}"


# ----------------------------------------------------------------------------- fetch_all


@dataclass
class Service:
    """Fake fetches: each url takes its latency in virtual seconds; records starts and ends."""

    latency: dict[str, float]
    fail: dict[str, Exception] = field(default_factory=dict)
    started: list[tuple[str, float]] = field(default_factory=list)
    ended: list[tuple[str, float, str]] = field(default_factory=list)
    in_flight: int = 0
    peak: int = 0

    @staticmethod
    def now() -> float:
        return round(asyncio.get_running_loop().time(), 6)

    async def fetch(self, url: str) -> str:
        self.started.append((url, self.now()))
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            await asyncio.sleep(self.latency[url])
        except asyncio.CancelledError:
            self.ended.append((url, self.now(), "cancelled"))
            raise
        finally:
            self.in_flight -= 1
        if url in self.fail:
            self.ended.append((url, self.now(), "failed"))
            raise self.fail[url]
        self.ended.append((url, self.now(), "done"))
        return f"body of {url}"


async def guarded(coro: Coroutine[Any, Any, T], budget: float, what: str) -> T:
    """Await coro, failing fast (in virtual time) if it runs for more than budget seconds."""
    deadline = asyncio.timeout(budget)
    try:
        async with deadline:
            return await coro
    except TimeoutError:
        if not deadline.expired():
            raise
        raise AssertionError(f"{what}: still running after {budget:g} virtual seconds") from None


def in_virtual_time(main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    runner = asyncio.Runner(loop_factory=lambda: looptime.new_event_loop(start=0, _enabled=True))
    with runner:
        return runner.run(main())


def schedule(latencies: list[float], limit: int) -> list[float]:
    """Start time of each fetch with a pool of limit slots, taken in input order."""
    free = [0.0] * min(limit, max(len(latencies), 1))
    starts = []
    for latency in latencies:
        start = heapq.heappop(free)
        starts.append(start)
        heapq.heappush(free, start + latency)
    return starts


def leaves(group: BaseException) -> list[BaseException]:
    if isinstance(group, BaseExceptionGroup):
        return [leaf for exc in group.exceptions for leaf in leaves(exc)]
    return [group]


@settings(max_examples=40)
@given(
    quarters=st.lists(st.integers(1, 12), max_size=12),
    limit=st.integers(1, 5),
)
@example(quarters=[40, 4, 4, 4], limit=2)  # the spec's 10, 1, 1, 1 s with limit 2
@example(quarters=[], limit=3)
def test_fetch_all_is_a_pool_of_limit_slots_in_input_order(quarters: list[int], limit: int) -> None:
    """Results in input order; starts in order; limit in flight; a slot refilled as soon as it frees."""
    urls = [f"/u{i}" for i in range(len(quarters))]
    latencies = [q / 4 for q in quarters]
    service = Service(dict(zip(urls, latencies)))

    async def main() -> tuple[list[str], float]:
        results = await guarded(kata.fetch_all(urls, service.fetch, limit), 1000, "fetch_all()")
        return results, Service.now()

    results, total = in_virtual_time(main)
    assert list(results) == [f"body of {u}" for u in urls], (
        "fetch_all(): result[i] is what fetch(urls[i]) returned, in the order of urls"
    )
    assert [u for u, _ in service.started] == urls, "fetch_all(): fetches are started in the order of urls"
    assert service.peak == min(limit, len(urls)), (
        "fetch_all(): exactly limit fetches are in flight at once while enough urls are waiting"
    )
    starts = schedule(latencies, limit)
    assert [t for _, t in service.started] == starts, (
        "fetch_all(): a new fetch starts as soon as one finishes (a pool of limit slots, not batches)"
    )
    expected_total = max((s + d for s, d in zip(starts, latencies)), default=0.0)
    assert total == expected_total, "fetch_all(): returns as soon as the last fetch finishes"


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_fetch_all_2000_urls_through_100_slots() -> None:
    """2 000 urls with limit=100: never more than 100 in flight, all done in 20 rounds."""
    urls = [f"/u{i}" for i in range(2_000)]
    service = Service(dict.fromkeys(urls, 0.5))
    loop = asyncio.get_running_loop()
    began = loop.time()
    results = await guarded(kata.fetch_all(urls, service.fetch, 100), 10_000, "fetch_all()")
    assert service.peak == 100, "fetch_all(): at most limit fetches in flight, and limit when urls wait"
    assert len(results) == 2_000, "fetch_all(): one result per url"
    assert round(loop.time() - began, 6) == 10.0, "fetch_all(): 2 000 fetches of 0.5 s, 100 at a time, take 10 s"


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_fetch_all_first_error_cancels_the_rest() -> None:
    """A failing fetch: the others are cancelled at that moment and the error is raised in a group."""
    urls = ["/slow0", "/bad", "/slow2", "/slow3", "/slow4"]
    error = ConnectionResetError("peer reset")
    service = Service({**dict.fromkeys(urls, 100.0), "/bad": 1.0}, fail={"/bad": error})
    caught: BaseException | None = None
    try:
        await guarded(kata.fetch_all(urls, service.fetch, 3), 500, "fetch_all()")
    except (AssertionError, NotImplementedError):
        raise
    except BaseException as exc:  # noqa: BLE001 - whatever escaped is what we check
        caught = exc
    failed_at = Service.now()
    assert caught is not None, "fetch_all(): a fetch that raises makes fetch_all raise"
    assert isinstance(caught, BaseExceptionGroup), (
        "fetch_all(): the error is raised in an ExceptionGroup, as asyncio.TaskGroup raises it"
    )
    assert any(leaf is error for leaf in leaves(caught)), (
        "fetch_all(): the ExceptionGroup holds the very exception object the fetch raised"
    )
    assert failed_at == 1.0, "fetch_all(): raises as soon as the others are cancelled, not when they would end"
    assert service.in_flight == 0, "fetch_all(): every other fetch has finished (cancelled) before it raises"
    late = [u for u, t in service.started if t > 1.0]
    assert not late, "fetch_all(): no fetch starts after the first error"
    survivors = [u for u, _, how in service.ended if how == "done"]
    assert not survivors, "fetch_all(): fetches still in flight at the first error are cancelled"


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_cancelling_fetch_all_cancels_every_fetch() -> None:
    """A timeout around fetch_all: every fetch in flight is cancelled and has finished."""
    urls = [f"/u{i}" for i in range(6)]
    service = Service(dict.fromkeys(urls, 100.0))
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(5):
            await guarded(kata.fetch_all(urls, service.fetch, 2), 500, "fetch_all()")
    assert Service.now() == 5.0, "fetch_all(): cancelled at once when the caller's timeout fires"
    assert service.in_flight == 0, "fetch_all(): when cancelled, every fetch in flight has been cancelled and finished"
    assert [u for u, _ in service.started] == urls[:2], "fetch_all(): once cancelled, no further fetch is started"


@pytest.mark.asyncio
@pytest.mark.looptime
@pytest.mark.parametrize("limit", [0, -1])
async def test_fetch_all_rejects_a_limit_below_one(limit: int) -> None:
    """limit < 1 raises ValueError before any fetch starts."""
    service = Service({"/a": 1.0})
    with pytest.raises(ValueError):
        await guarded(kata.fetch_all(["/a"], service.fetch, limit), 10, "fetch_all()")
    assert service.started == [], "fetch_all(): limit < 1 raises ValueError before any fetch starts"


# ----------------------------------------------------------------------------- run_blocking_all


class CountingExecutor(concurrent.futures.ThreadPoolExecutor):
    """The loop's default executor, counting what is handed to it (submit runs in the loop's thread)."""

    def __init__(self, max_workers: int) -> None:
        super().__init__(max_workers=max_workers)
        self.submitted = 0

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> concurrent.futures.Future[T]:
        self.submitted += 1
        return super().submit(fn, *args, **kwargs)


@dataclass
class Blocking:
    """A blocking call that waits for a gate only the event loop opens."""

    gate: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    threads: list[int] = field(default_factory=list)
    in_flight: int = 0
    peak: int = 0

    def __call__(self, item: int) -> int:
        with self.lock:
            self.threads.append(threading.get_ident())
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
        try:
            if not self.gate.wait(timeout=1):
                raise RuntimeError(
                    "the blocking call waited for the event loop, which never ran: it was made "
                    "in the loop's own thread"
                )
        finally:
            with self.lock:
                self.in_flight -= 1
        return item * 10


@contextlib.contextmanager
def counting_default_executor(workers: int) -> Any:
    loop = asyncio.get_running_loop()
    executor = CountingExecutor(workers)
    loop.set_default_executor(executor)
    try:
        yield executor
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


@pytest.mark.asyncio
@pytest.mark.parametrize(("n", "limit"), [(7, 3), (2, 4)])
async def test_run_blocking_all_offloads_to_at_most_limit_threads(n: int, limit: int) -> None:
    """Calls run in worker threads via to_thread, limit at a time, while the loop keeps running."""
    call = Blocking()
    loop_thread = threading.get_ident()
    with counting_default_executor(limit + 4) as executor:
        task = asyncio.create_task(kata.run_blocking_all(list(range(n)), call, limit))
        for _ in range(20):  # the loop is free: let every task get as far as it can
            await asyncio.sleep(0)
        handed = executor.submitted
        call.gate.set()  # only this running loop can open it
        results = await asyncio.wait_for(task, 5)
    assert handed == min(n, limit), (
        "run_blocking_all(): while the calls block, exactly min(limit, len(items)) of them are "
        "handed to the loop's default executor (asyncio.to_thread), the rest wait"
    )
    assert list(results) == [i * 10 for i in range(n)], "run_blocking_all(): result[i] is func(items[i])"
    assert loop_thread not in call.threads, "run_blocking_all(): func never runs in the event loop's thread"
    assert call.peak <= limit, "run_blocking_all(): at most limit calls run at the same time"
    assert executor.submitted == n, "run_blocking_all(): each call goes through asyncio.to_thread"


@pytest.mark.asyncio
async def test_run_blocking_all_error_stops_further_calls() -> None:
    """A call that raises: no further call starts, the error is raised in an ExceptionGroup."""
    error = LookupError("no such row")
    called: list[int] = []

    def func(item: int) -> int:
        called.append(item)
        if item == 2:
            raise error
        return item

    with pytest.raises(BaseExceptionGroup) as caught:
        await asyncio.wait_for(kata.run_blocking_all(list(range(6)), func, 1), 5)
    assert any(leaf is error for leaf in leaves(caught.value)), (
        "run_blocking_all(): the ExceptionGroup holds the very exception the call raised"
    )
    assert called in ([0, 1, 2], [0, 1, 2, 3]), (
        "run_blocking_all(): once a call has raised, no call starts later than that moment"
    )


@pytest.mark.asyncio
async def test_run_blocking_all_rejects_a_limit_below_one() -> None:
    """limit < 1 raises ValueError before any call."""
    called: list[int] = []
    with pytest.raises(ValueError):
        await asyncio.wait_for(kata.run_blocking_all([1], called.append, 0), 5)
    assert called == [], "run_blocking_all(): limit < 1 raises ValueError before any call"
    assert await asyncio.wait_for(kata.run_blocking_all([], called.append, 2), 5) == [], (
        "run_blocking_all(): [] gives []"
    )
