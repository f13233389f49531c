"""Grader for day10.many_waits: 10 000 waits as tasks in one thread, a bounded thread pool for
blocking waits, and which resource each design runs out of first.

The async checks run on looptime's virtual clock: a 30 s wait takes no real time, and the
loop's clock says exactly how long the waits took together. Every wait counts itself in and
out, so a check sees how many were in progress at once, and in which thread they ran.
Overlap of blocking calls is proven with a barrier, never with timing.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any

import pytest

from day10 import many_waits as kata

BARRIER_TIMEOUT = 2  # seconds of real time: far more than overlapping calls need

# The truth the spec's numbers give (4 GiB / 8 MiB = 512 threads; one fd per socket or file).
LIMITS = {
    "thread_per_client": "threads",
    "thread_per_client_low_ulimit": "threads",
    "asyncio_low_ulimit": "file_descriptors",
    "asyncio_high_ulimit": "nothing",
    "asyncio_timers": "nothing",
    "thread_pool": "nothing",
    "threads_with_files": "file_descriptors",
}


class Boom(Exception):
    """What a failing wait raises: one distinct object per test."""


class Waits:
    """Makes the waits and counts, on the loop's clock, how they went."""

    def __init__(self) -> None:
        self.started = 0
        self.waiting = 0
        self.most_waiting = 0
        self.finished = 0
        self.cancelled = 0
        self.threads: set[int] = set()
        self.most_threads = 0

    def make(
        self, seconds: Callable[[int], float], fails: dict[int, BaseException] | None = None
    ) -> Callable[[int], Coroutine[Any, Any, int]]:
        fails = fails or {}

        async def wait(i: int) -> int:
            self.started += 1
            self.waiting += 1
            self.most_waiting = max(self.most_waiting, self.waiting)
            self.threads.add(threading.get_native_id())
            self.most_threads = max(self.most_threads, threading.active_count())
            try:
                await asyncio.sleep(seconds(i))
                if i in fails:
                    raise fails[i]
            except asyncio.CancelledError:
                self.cancelled += 1
                raise
            finally:
                self.waiting -= 1
            self.finished += 1
            return i * 3

        return wait


def contains(error: BaseException, wanted: BaseException) -> bool:
    """The exception itself, or an exception group (nested or not) holding it."""
    if error is wanted:
        return True
    if isinstance(error, BaseExceptionGroup):
        return any(contains(inner, wanted) for inner in error.exceptions)
    return False


# --- gather_waits(): tasks in one thread -------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_ten_thousand_waits_are_in_progress_at_once() -> None:
    """10 000 waits of 30 s: all in progress at once, in this thread, done after 30 s."""
    loop = asyncio.get_running_loop()
    waits, threads_before, start = Waits(), threading.active_count(), loop.time()
    got = await kata.gather_waits(10_000, waits.make(lambda i: 30))
    took = loop.time() - start
    assert waits.most_waiting == 10_000, (
        "gather_waits(10_000, wait): all 10 000 waits are in progress at the same time "
        "(tasks, not one await after the other, and no limit of your own)"
    )
    assert took == pytest.approx(30), (
        "gather_waits(): 10 000 waits of 30 s each take 30 s on the loop's clock"
    )
    assert got == [i * 3 for i in range(10_000)], (
        "gather_waits(): the result is [result of wait(0), ..., result of wait(n - 1)]"
    )
    assert waits.threads == {threading.get_native_id()}, (
        "gather_waits(): every wait runs in the thread that awaits gather_waits"
    )
    assert waits.most_threads == threads_before, (
        "gather_waits(): no thread is started — threading.active_count() does not grow"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_results_are_in_order_whatever_order_the_waits_finish_in() -> None:
    """wait(i) takes 50 - i s, so they finish in reverse: the result is still in i order."""
    loop = asyncio.get_running_loop()
    waits, start = Waits(), loop.time()
    got = await kata.gather_waits(50, waits.make(lambda i: 50 - i))
    assert got == [i * 3 for i in range(50)], (
        "gather_waits(): results are in the order of i, not in the order the waits finish"
    )
    assert loop.time() - start == pytest.approx(50), (
        "gather_waits(): waits of 50, 49, ..., 1 s all at once take 50 s"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_no_waits() -> None:
    """n = 0 gives []; n < 0 raises ValueError before any wait starts."""
    waits = Waits()
    got = await kata.gather_waits(0, waits.make(lambda i: 1))
    assert got == [], "gather_waits(0, wait): no waits, the result is []"
    try:
        await kata.gather_waits(-1, waits.make(lambda i: 1))
    except ValueError:
        pass
    else:
        pytest.fail("gather_waits(-1, wait) must raise ValueError")
    assert waits.started == 0, "gather_waits(): n < 0 is refused before any wait starts"


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_a_failing_wait_cancels_the_others() -> None:
    """wait(7) fails after 1 s: the 99 others are cancelled and finished before it raises."""
    loop = asyncio.get_running_loop()
    error = Boom("wait 7 failed")
    waits, start = Waits(), loop.time()
    try:
        await kata.gather_waits(100, waits.make(lambda i: 1 if i == 7 else 30, {7: error}))
    except NotImplementedError:
        raise
    except Exception as exc:  # noqa: BLE001  (which one is the point of the check)
        raised: BaseException | None = exc
    else:
        raised = None
    when, still_waiting, cancelled = loop.time() - start, waits.waiting, waits.cancelled
    assert raised is not None and contains(raised, error), (
        "gather_waits(): a wait's exception propagates — itself, or in an ExceptionGroup"
    )
    assert when == pytest.approx(1), (
        "gather_waits(): when a wait fails it raises at once, not after the others' 30 s"
    )
    assert {"still waiting": still_waiting, "cancelled": cancelled} == {
        "still waiting": 0, "cancelled": 99
    }, (
        "gather_waits(): when a wait fails, the 99 others are cancelled and have finished "
        "before it raises — none is left running behind the caller's back"
    )
    await asyncio.sleep(60)
    assert waits.finished == 0, "gather_waits(): after a failure no other wait runs on"


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_cancelling_gather_waits_cancels_every_wait() -> None:
    """A timeout around gather_waits: every wait is cancelled and finished when it ends."""
    loop = asyncio.get_running_loop()
    waits, start = Waits(), loop.time()
    try:
        await asyncio.wait_for(kata.gather_waits(200, waits.make(lambda i: 3600)), timeout=5)
    except TimeoutError:
        pass
    else:
        pytest.fail("gather_waits(): waits of an hour cannot finish within a 5 s timeout")
    got = {"started": waits.started, "still waiting": waits.waiting, "cancelled": waits.cancelled}
    assert got == {"started": 200, "still waiting": 0, "cancelled": 200}, (
        "gather_waits(): cancelled after 5 s (by a timeout), all 200 waits had started, and "
        "all are cancelled and finished when the cancellation propagates"
    )
    assert loop.time() - start == pytest.approx(5), "gather_waits(): the timeout ends it at 5 s"


# --- run_blocking_waits(): a bounded pool of threads ------------------------------------------


class Blocking:
    """Blocking waits: each records its thread (by native id, which the OS does not hand out
    again soon, unlike threading.get_ident()); the first `meet` to arrive wait at a barrier
    (it breaks unless `meet` of them are in progress at the same time)."""

    def __init__(self, meet: int = 0, fails: dict[int, BaseException] | None = None) -> None:
        self.lock = threading.Lock()
        self.arrived = 0
        self.barrier = threading.Barrier(meet, timeout=BARRIER_TIMEOUT) if meet else None
        self.meet = meet
        self.fails = fails or {}
        self.threads: set[int] = set()
        self.most_threads = 0

    def wait(self, i: int) -> int:
        with self.lock:
            arrival = self.arrived
            self.arrived += 1
            self.threads.add(threading.get_native_id())
            self.most_threads = max(self.most_threads, threading.active_count())
        if self.barrier is not None and arrival < self.meet:
            self.barrier.wait()
        if i in self.fails:
            raise self.fails[i]
        return -i


def test_blocking_waits_use_at_most_max_threads() -> None:
    """200 waits with max_threads=3: 3 worker threads at most, never the caller's."""
    before = threading.active_count()
    blocking = Blocking(meet=3)
    got = kata.run_blocking_waits(200, blocking.wait, max_threads=3)
    assert got == [-i for i in range(200)], (
        "run_blocking_waits(): the result is [wait(0), ..., wait(n - 1)], in that order"
    )
    assert len(blocking.threads) <= 3, (
        "run_blocking_waits(200, wait, max_threads=3): at most 3 threads run the waits"
    )
    assert blocking.most_threads <= before + 3, (
        "run_blocking_waits(max_threads=3): threading.active_count() grows by 3 at most"
    )
    assert threading.get_native_id() not in blocking.threads, (
        "run_blocking_waits(): every call runs in a worker thread, never in the caller's"
    )


def test_max_threads_waits_are_in_progress_at_once() -> None:
    """With n >= max_threads, max_threads waits are in progress at the same time (40 here:
    more than any default pool size)."""
    blocking = Blocking(meet=40)
    try:
        kata.run_blocking_waits(80, blocking.wait, max_threads=40)
    except NotImplementedError:
        raise
    except threading.BrokenBarrierError:
        pytest.fail(
            "run_blocking_waits(80, wait, max_threads=40): 40 waits are in progress at the same "
            "time (the first 40 meet at a barrier, which broke)"
        )
    assert len(blocking.threads) == 40, (
        "run_blocking_waits(max_threads=40): 40 threads wait at once"
    )


def test_the_first_failing_call_in_order_propagates() -> None:
    """Calls 11 and 17 fail: call 11's exception propagates, and every thread has finished."""
    errors: dict[int, BaseException] = {11: Boom("wait 11 failed"), 17: Boom("wait 17 failed")}
    before = set(threading.enumerate())
    try:
        kata.run_blocking_waits(30, Blocking(fails=errors).wait, max_threads=4)
    except NotImplementedError:
        raise
    except Exception as exc:  # noqa: BLE001  (which one is the point of the check)
        raised: BaseException | None = exc
    else:
        raised = None
    left = sum(1 for t in threading.enumerate() if t not in before and t.is_alive())
    assert raised is errors[11], (
        "run_blocking_waits(): the exception of the first failing call, in order, propagates"
    )
    assert left == 0, "run_blocking_waits(): when it raises, every thread it started has finished"


def test_every_thread_has_finished_when_it_returns() -> None:
    """When it returns, no thread it started is still running."""
    before = set(threading.enumerate())
    got = kata.run_blocking_waits(40, Blocking().wait, max_threads=4)
    left = sum(1 for t in threading.enumerate() if t not in before and t.is_alive())
    assert got == [-i for i in range(40)], "run_blocking_waits(): [wait(0), ..., wait(n - 1)]"
    assert left == 0, (
        "run_blocking_waits(): when it returns, every thread it started has finished "
        "(shut the pool down: use `with`)"
    )


def test_bad_arguments_and_no_waits() -> None:
    """n = 0 gives []; n < 0 or max_threads < 1 raise ValueError before any thread starts."""
    blocking = Blocking()
    got = kata.run_blocking_waits(0, blocking.wait, max_threads=2)
    assert got == [], "run_blocking_waits(0, ...): no waits, the result is []"
    refused = {}
    cases = [("n=-1", -1, 2), ("max_threads=0", 5, 0), ("max_threads=-3", 5, -3)]
    for name, n, max_threads in cases:
        try:
            kata.run_blocking_waits(n, blocking.wait, max_threads=max_threads)
        except ValueError:
            refused[name] = "ValueError"
        except NotImplementedError:
            raise
        except Exception as exc:  # noqa: BLE001
            refused[name] = type(exc).__name__
        else:
            refused[name] = "returned"
    assert refused == dict.fromkeys(refused, "ValueError"), (
        "run_blocking_waits(): n < 0 or max_threads < 1 raises ValueError"
    )
    assert blocking.arrived == 0, "run_blocking_waits(): bad arguments are refused before any wait"


# --- first_limit() ------------------------------------------------------------------------------


def test_first_limit_answers_every_design() -> None:
    """first_limit() has one entry per design, each "threads", "file_descriptors" or "nothing"."""
    answers = kata.first_limit()
    assert sorted(answers) == sorted(LIMITS), "first_limit(): one key per design in the spec"
    kinds = ("threads", "file_descriptors", "nothing")
    odd = sorted(design for design, limit in answers.items() if limit not in kinds)
    assert odd == [], 'first_limit(): each value is "threads", "file_descriptors" or "nothing"'


@pytest.mark.predict
@pytest.mark.parametrize("design", list(LIMITS))
def test_first_limit(design: str) -> None:
    """Stacks: 8 MiB per thread out of 4 GiB (512 threads); one descriptor per socket or file."""
    answers = kata.first_limit()
    assert design in answers, f"first_limit() must answer the design {design!r}"
    assert answers[design] == LIMITS[design], (
        f"first_limit()[{design!r}]: count its threads (512 fit in 4 GiB at 8 MiB each) and its "
        "open sockets and files (against ulimit -n): which runs out at the smaller load, if any?"
    )
