"""Grader for day10.pipeline: results in order, workers at once, backpressure, stop, errors,
and no thread left behind.

``run_pipeline`` always runs in a helper thread with a time limit, so a pipeline that never
returns (a producer blocked in ``put`` on a full queue after the workers quit, a worker
waiting for a sentinel that never comes) fails in spec words instead of hanging the grader.
Handshakes use Events and Barriers with timeouts; nothing sleeps for real. The one short wait
(backpressure) only gives an unbounded producer the chance to overrun — a correct pipeline
passes however long it is.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day10 import pipeline as kata

LIMIT = 3.0  # seconds a whole run_pipeline call may take here (they take milliseconds)
# Once one call has hung, the kata has failed: later checks wait less for theirs, so that a
# pipeline that never shuts down fails in seconds rather than in a minute.
AFTER_A_HANG = 0.5
_hung: list[str] = []
RUNAWAY = 1_000  # pulls after a stop that prove the pipeline ignores it
NEVER_RETURNED = (
    "run_pipeline() returns promptly{when} — it never returned: a producer blocked in put() "
    "on a full queue nobody reads any more, or a worker waiting in get() for a sentinel that "
    "never comes?"
)
LEFT_RUNNING = (
    "run_pipeline() returns (or raises) only after every thread it started has ended — "
    "{n} still running{when} (one sentinel per worker, then join every thread)"
)


class Outcome:
    def __init__(self) -> None:
        self.result: Any = None
        self.error: BaseException | None = None
        self.caller: threading.Thread | None = None


def call(items: Any, work: Callable[[Any], Any], *, when: str = "", **options: Any) -> Outcome:
    """run_pipeline(items, work, **options) in a helper thread; checks it ends, leaving no thread."""
    before = set(threading.enumerate())
    outcome = Outcome()

    def target() -> None:
        try:
            outcome.result = kata.run_pipeline(items, work, **options)
        except BaseException as exc:
            outcome.error = exc

    outcome.caller = threading.Thread(target=target, name="grader-caller", daemon=True)
    outcome.caller.start()
    outcome.caller.join(LIMIT if not _hung else AFTER_A_HANG)
    if outcome.caller.is_alive():
        _hung.append(when)
    assert not outcome.caller.is_alive(), NEVER_RETURNED.format(when=when)
    if isinstance(outcome.error, NotImplementedError):
        raise outcome.error
    left = [t for t in threading.enumerate() if t not in before]
    assert left == [], LEFT_RUNNING.format(n=len(left), when=when)
    return outcome


class Background:
    """A check's helper call running in its own thread; join() gives its value or raises.

    When the call ends it sets the `wake` events, so a check waiting for one of them does not
    wait out its timeout for a pipeline that has already returned (or raised).
    """

    def __init__(self, function: Callable[[], Outcome], wake: tuple[threading.Event, ...]) -> None:
        self.wake = wake
        self.outcome: list[Outcome] = []
        self.error: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, args=(function,), daemon=True)
        self.thread.start()

    def _run(self, function: Callable[[], Outcome]) -> None:
        try:
            self.outcome.append(function())
        except BaseException as exc:
            self.error.append(exc)
        finally:
            for event in self.wake:
                event.set()

    def join(self) -> Outcome:
        self.thread.join(LIMIT + 1)
        if self.error:
            raise self.error[0]
        assert self.outcome, NEVER_RETURNED.format(when="")
        return self.outcome[0]


def returned(items: Any, work: Callable[[Any], Any], *, when: str = "", **options: Any) -> Any:
    """What run_pipeline returned; whatever it raised instead propagates to the check."""
    outcome = call(items, work, when=when, **options)
    if outcome.error is not None:
        raise outcome.error
    return outcome.result


class Source:
    """An iterator over 0, 1, 2, ... (endless unless `size`), recording every pull."""

    def __init__(self, size: int | None = None, on_pull: Callable[[int], None] | None = None):
        self.size, self.on_pull = size, on_pull
        self.lock = threading.Lock()
        self.pulled = 0  # next() calls so far
        self.pulled_at_stop: int | None = None

    def __iter__(self) -> Iterator[int]:
        return self

    def __next__(self) -> int:
        with self.lock:
            index, self.pulled = self.pulled, self.pulled + 1
            at_stop = self.pulled_at_stop
        assert at_stop is None or index < at_stop + RUNAWAY, (
            "run_pipeline(): once stop is set, at most one more item is pulled from items — "
            f"{RUNAWAY} were"
        )
        if self.on_pull is not None:
            self.on_pull(index)
        if self.size is not None and index >= self.size:
            raise StopIteration
        return index


class Work:
    """A work function recording which items started, on which threads, how many at once."""

    def __init__(self, body: Callable[[int], Any] = lambda n: n * n) -> None:
        self.body = body
        self.lock = threading.Lock()
        self.started: list[int] = []
        self.threads: set[threading.Thread] = set()
        self.active = self.most_active = 0
        self.started_at_stop: int | None = None

    def __call__(self, item: int) -> Any:
        with self.lock:
            self.started.append(item)
            self.threads.add(threading.current_thread())
            self.active += 1
            self.most_active = max(self.most_active, self.active)
        try:
            return self.body(item)
        finally:
            with self.lock:
                self.active -= 1


def stop_now(stop: threading.Event, source: Source, work: Work) -> None:
    """Set stop, noting at that instant how far items and work had got."""
    with work.lock, source.lock:
        work.started_at_stop, source.pulled_at_stop = len(work.started), source.pulled
        stop.set()


@settings(max_examples=40)
@given(
    items=st.lists(st.integers(-1000, 1000), max_size=30),
    workers=st.integers(1, 4),
    maxsize=st.integers(1, 4),
)
@example(items=[], workers=4, maxsize=1)
@example(items=[7], workers=4, maxsize=8)
@example(items=[3, 3, 3, 1, 2], workers=1, maxsize=1)
def test_results_in_the_order_of_items(items: list[int], workers: int, maxsize: int) -> None:
    """Each item's result, in the order of items, whatever order the calls finish in."""

    def scrambled(n: int) -> tuple[int, int]:
        for _ in range(n % 4):
            time.sleep(0)  # yields the GIL: calls finish out of order
        return n, n * 2

    work = Work(scrambled)
    got = returned(iter(items), work, workers=workers, maxsize=maxsize)
    assert got == [(n, n * 2) for n in items], (
        "run_pipeline(items, work) returns [work(item) for item in items], in the order of items"
    )
    assert sorted(work.started) == sorted(items), "work(item) is called exactly once per item"
    assert work.most_active <= workers, (
        f"run_pipeline(workers={workers}): never more than {workers} work calls at once"
    )


def test_order_holds_when_the_first_call_finishes_last() -> None:
    """Results follow the order of items, not the order the calls finish in."""
    second_started = threading.Event()

    def body(n: int) -> str:
        if n == 0:  # finishes only after another worker has finished item 1 and begun item 2
            assert second_started.wait(2), (
                "run_pipeline(workers=2): two work calls run at the same time"
            )
        if n == 2:
            second_started.set()
        return f"result {n}"

    got = returned(range(3), Work(body), workers=2, maxsize=2)
    assert got == ["result 0", "result 1", "result 2"], (
        "run_pipeline(): results are in the order of items even when item 0 finishes last"
    )


def test_workers_calls_run_at_the_same_time() -> None:
    """Up to `workers` calls run at the same time, never more."""
    together = threading.Barrier(3, timeout=2)
    work = Work(lambda n: together.wait() * 0 + n)
    outcome = call(range(9), work, workers=3, maxsize=2)
    assert not isinstance(outcome.error, threading.BrokenBarrierError), (
        "run_pipeline(workers=3): 3 work calls run at the same time, on 3 worker threads "
        "(three calls waiting for each other inside work timed out)"
    )
    if outcome.error is not None:
        raise outcome.error
    assert work.most_active <= 3, "run_pipeline(workers=3): never more than 3 work calls at once"
    assert outcome.result == list(range(9)), "run_pipeline() returns each item's result, in order"
    assert len(work.threads) == 3, "run_pipeline(workers=3): the calls run on 3 worker threads"


def test_work_never_runs_on_the_calling_thread() -> None:
    """The calls run on worker threads, not on the thread that called run_pipeline."""
    work = Work()
    outcome = call(range(3), work, workers=1, maxsize=1)
    if outcome.error is not None:
        raise outcome.error
    assert outcome.caller not in work.threads, (
        "run_pipeline(workers=1): work runs on a worker thread, never on the calling thread"
    )
    assert outcome.result == [0, 1, 4], "run_pipeline() returns each item's result, in order"


def test_backpressure_bounds_what_is_pulled() -> None:
    """While every worker is busy, at most maxsize + 1 pulled items wait to be started."""
    workers, maxsize = 2, 3
    allowed = workers + maxsize + 1  # in work, in the queue, in the producer's hand
    release, all_busy, overrun = threading.Event(), threading.Event(), threading.Event()

    def body(n: int) -> int:
        with work.lock:
            if len(work.started) >= workers:
                all_busy.set()
        release.wait(LIMIT)  # every call is busy until the check has looked
        return n

    def on_pull(index: int) -> None:
        if index >= allowed and not release.is_set():
            overrun.set()

    work = Work(body)
    source = Source(size=allowed + 20, on_pull=on_pull)
    runner = Background(lambda: call(source, work, workers=workers, maxsize=maxsize), (all_busy,))
    try:
        all_busy.wait(LIMIT)
        busy = len(work.started) >= workers
        overrun.wait(0.2)  # an unbounded producer overruns at once; a bounded one is blocked
    finally:
        release.set()
    outcome = [runner.join()]
    if outcome[0].error is not None:
        raise outcome[0].error
    assert busy, "run_pipeline(workers=2): both workers take items while the queue fills"
    assert not overrun.is_set(), (
        f"run_pipeline(workers={workers}, maxsize={maxsize}): while both workers are busy, at "
        f"most maxsize + 1 = {maxsize + 1} pulled items wait (queue.Queue(maxsize), a bounded "
        "queue: put() blocks while it is full) — more were pulled from items"
    )
    assert outcome[0].result == list(range(allowed + 20)), (
        "run_pipeline() returns each item's result, in order"
    )


@pytest.mark.parametrize("workers", [1, 3])
def test_a_failing_call_is_raised_after_shutdown(workers: int) -> None:
    """work raising: the pipeline stops, its threads end, the very same exception is raised."""
    boom = ValueError("item 3 is broken")

    def body(n: int) -> int:
        if n == 3:
            raise boom
        return n

    work = Work(body)
    source = Source(size=200)
    outcome = call(source, work, when=" after a work call raised", workers=workers, maxsize=2)
    assert outcome.error is boom, (
        "run_pipeline(): when work raises, run_pipeline raises that very exception, once its "
        "threads have ended"
    )
    if workers == 1:
        assert work.started == [0, 1, 2, 3], (
            "run_pipeline(workers=1): after work raised, the pipeline stops as if stop had "
            "been set: the worker starts no further item"
        )


def test_a_failing_iterable_is_raised_after_shutdown() -> None:
    """items raising: the workers end too, and that very exception is raised."""
    broken = KeyError("source lost")

    def on_pull(index: int) -> None:
        if index == 4:
            raise broken

    outcome = call(
        Source(on_pull=on_pull), Work(), when=" after pulling from items raised", workers=2,
        maxsize=2,
    )
    assert outcome.error is broken, (
        "run_pipeline(): when pulling from items raises, run_pipeline raises that very "
        "exception, once its threads have ended"
    )


def test_one_of_several_errors_is_raised() -> None:
    """Several calls raising: run_pipeline raises one of those very exceptions."""
    errors = {n: RuntimeError(f"item {n}") for n in range(4)}

    def body(n: int) -> int:
        raise errors[n]

    outcome = call(range(4), Work(body), when=" after work calls raised", workers=2, maxsize=1)
    assert any(outcome.error is error for error in errors.values()), (
        "run_pipeline(): when several work calls raise, it raises one of those exceptions "
        "(the very object), not a wrapper"
    )


def test_the_first_error_caught_is_the_one_raised() -> None:
    """Two calls raising one after the other: the first one's exception is raised, not the last."""
    first, later = RuntimeError("item 1, first"), RuntimeError("item 0, later")
    first_raised = threading.Event()

    def body(n: int) -> int:
        if n == 1:
            try:
                raise first
            finally:
                first_raised.set()
        first_raised.wait(LIMIT)  # item 0 raises only once item 1 has raised
        raise later

    outcome = call([0, 1], Work(body), when=" after two work calls raised", workers=2, maxsize=1)
    assert outcome.error is first, (
        "run_pipeline(): when several work calls raise, it raises the first one caught and "
        f"drops the others — item 1 raised first, but run_pipeline raised {outcome.error!r}"
    )


def test_stop_from_a_worker_starts_nothing_queued() -> None:
    """Set while the queue is full: no queued item starts, the full queue does not hang."""
    maxsize = 3
    stop, queue_full = threading.Event(), threading.Event()
    # with the one worker busy on item 5, items 6-8 fill the queue and 9 is in the producer's hand
    source = Source(on_pull=lambda index: queue_full.set() if index == 6 + maxsize else None)

    def body(n: int) -> int:
        if n == 5:
            queue_full.wait(1)
            stop_now(stop, source, work)
        return n * n

    work = Work(body)
    got = returned(source, work, when=" once stop is set", workers=1, maxsize=maxsize, stop=stop)
    assert work.started == [0, 1, 2, 3, 4, 5], (
        "run_pipeline(workers=1): once stop is set, the worker starts no item still in the "
        "queue — it checks stop right before starting each item"
    )
    assert got == [0, 1, 4, 9, 16, 25], (
        "run_pipeline(stop=...): returns the results of the items processed, in order"
    )
    assert source.pulled_at_stop is not None and source.pulled <= source.pulled_at_stop + 1, (
        "run_pipeline(): once stop is set, at most one more item is pulled from items"
    )


def test_stop_from_another_thread_ends_an_endless_pipeline() -> None:
    """Set by another thread: at most `workers` more items start, processed ones are returned."""
    workers = 3
    stop, twenty_started = threading.Event(), threading.Event()
    source = Source()

    def body(n: int) -> int:
        if n >= 20:
            twenty_started.set()
        time.sleep(0)
        return -n

    work = Work(body)
    runner = Background(
        lambda: call(source, work, when=" once stop is set", workers=workers, maxsize=2, stop=stop),
        (twenty_started,),
    )
    twenty_started.wait(LIMIT)
    stop_now(stop, source, work)
    outcome = [runner.join()]
    if outcome[0].error is not None:
        raise outcome[0].error
    assert work.started_at_stop is not None
    assert len(work.started) - work.started_at_stop <= workers, (
        f"run_pipeline(workers={workers}): once stop is set, at most {workers} more items "
        "start (each worker checks stop right before starting an item)"
    )
    assert source.pulled_at_stop is not None and source.pulled <= source.pulled_at_stop + 1, (
        "run_pipeline(): once stop is set, at most one more item is pulled from items"
    )
    assert outcome[0].result == [-n for n in sorted(work.started)], (
        "run_pipeline(stop=...): returns the results of every item processed, in the order "
        "of items"
    )


def test_stop_already_set_processes_nothing() -> None:
    """stop set before the call: work is never called, the result is []."""
    stop = threading.Event()
    stop.set()
    work = Work()
    got = returned(Source(), work, when=" when stop is already set", workers=2, stop=stop)
    assert (got, work.started) == ([], []), (
        "run_pipeline(stop=<set Event>): work is never called and the result is []"
    )


@pytest.mark.parametrize(
    "options",
    [{"workers": 0}, {"workers": -1}, {"maxsize": 0}, {"maxsize": -2}],
    ids=["workers=0", "workers=-1", "maxsize=0", "maxsize=-2"],
)
def test_bad_arguments_are_refused_up_front(options: dict[str, int]) -> None:
    """workers < 1 or maxsize < 1: ValueError before any thread starts or item is pulled."""
    source, work = Source(size=50), Work()
    outcome = call(source, work, **options)
    shown = ", ".join(f"{k}={v}" for k, v in options.items())
    assert isinstance(outcome.error, ValueError), (
        f"run_pipeline({shown}) raises ValueError (maxsize=0 would make queue.Queue unbounded)"
    )
    assert (source.pulled, work.started) == (0, []), (
        f"run_pipeline({shown}): the ValueError comes before any item is pulled or processed"
    )
