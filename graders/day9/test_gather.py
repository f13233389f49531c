"""Grader for day9.gather: TaskGroup vs gather semantics, watched on the loop's virtual clock.

Each job logs, on the loop's clock, when it finished, failed or was cancelled (its ``except
CancelledError`` cleanup). A snapshot of that log taken the moment the function under test
returns or raises shows whether the other jobs were cancelled and waited for; a second look
after a long sleep shows whether anything was still running in the background.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Coroutine, Iterable
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day9 import gather as kata

pytestmark = [pytest.mark.asyncio, pytest.mark.looptime]

Runner = Callable[[Iterable[Coroutine[Any, Any, str]]], Coroutine[Any, Any, list[Any]]]
Layout = list[tuple[int, bool]]  # one (delay in seconds, fails?) per job

RUNNERS: dict[str, Callable[[], Runner]] = {
    "run_all_or_nothing": lambda: kata.run_all_or_nothing,
    "run_collecting": lambda: kata.run_collecting,
    "run_fail_fast": lambda: kata.run_fail_fast,
}


class JobError(Exception):
    """What a failing job raises: one distinct object per job."""


class Jobs:
    """Makes the jobs and logs, on the loop's clock, how each one ended."""

    def __init__(self) -> None:
        self.ended: dict[int, tuple[str, float]] = {}
        self.started: dict[int, float] = {}
        self.errors: dict[int, JobError] = {}
        self.made: list[Coroutine[Any, Any, str]] = []

    def job(self, index: int, delay: float, fails: bool = False) -> Coroutine[Any, Any, str]:
        self.errors[index] = JobError(f"job {index} failed")

        async def body() -> str:
            loop = asyncio.get_running_loop()
            self.started[index] = loop.time()
            try:
                await asyncio.sleep(delay)
            except asyncio.CancelledError:
                self.ended[index] = ("cancelled", loop.time())
                raise
            if fails:
                self.ended[index] = ("failed", loop.time())
                raise self.errors[index]
            self.ended[index] = ("done", loop.time())
            return f"result {index}"

        return self.track(body())

    def track(self, coroutine: Coroutine[Any, Any, str]) -> Coroutine[Any, Any, str]:
        self.made.append(coroutine)
        return coroutine

    def close_unstarted(self) -> None:
        """A coroutine the code under test never started would warn "never awaited"."""
        for coroutine in self.made:
            if inspect.getcoroutinestate(coroutine) == inspect.CORO_CREATED:
                coroutine.close()


async def run(runner: Runner, jobs: Jobs, layout: Layout) -> tuple[Any, float, dict[int, Any]]:
    """(what the runner returned or raised, when it did, the job log at that moment).

    Afterwards it sleeps past every job's end, so leftovers show in ``jobs.ended``.
    """
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        outcome: Any = await runner(jobs.job(i, d, f) for i, (d, f) in enumerate(layout))
    except NotImplementedError:
        raise
    except BaseException as exc:  # an ExceptionGroup, a job's error, a CancelledError
        outcome = exc
    finally:
        jobs.close_unstarted()
    at, snapshot = loop.time() - start, dict(jobs.ended)
    await asyncio.sleep(30)
    jobs.ended = {i: (what, when - start) for i, (what, when) in jobs.ended.items()}
    return outcome, at, {i: (what, when - start) for i, (what, when) in snapshot.items()}


layouts = st.lists(
    st.tuples(st.integers(min_value=1, max_value=20), st.booleans()),
    min_size=1,
    max_size=6,
    unique_by=lambda job: job[0],  # distinct delays: "the first failure" is one job
)
EXAMPLES = [
    [(5, False), (1, True)],
    [(1, False), (3, True), (2, False), (7, False)],
    [(4, True), (2, True)],
    [(3, False), (1, False), (2, False)],
]


def cancelled_at_first_failure(layout: Layout) -> tuple[int | None, dict[int, Any]]:
    """The job that fails first, and how each job ends when that failure cancels the rest."""
    failing = [delay for delay, fails in layout if fails]
    if not failing:
        return None, {i: ("done", d) for i, (d, _) in enumerate(layout)}
    first = min(failing)
    ends: dict[int, Any] = {}
    for index, (delay, fails) in enumerate(layout):
        if delay < first:
            ends[index] = ("done", delay)
        elif delay == first:
            ends[index] = ("failed", delay)
        else:
            ends[index] = ("cancelled", first)
    return next(i for i, (d, _) in enumerate(layout) if d == first), ends


@settings(max_examples=40)
@given(layout=layouts)
@example(layout=EXAMPLES[0])
@example(layout=EXAMPLES[1])
@example(layout=EXAMPLES[2])
@example(layout=EXAMPLES[3])
async def test_all_or_nothing(layout: Layout) -> None:
    """run_all_or_nothing: results in order; a failure cancels the rest, then ExceptionGroup."""
    jobs = Jobs()
    outcome, at, snapshot = await run(kata.run_all_or_nothing, jobs, layout)
    first, ends = cancelled_at_first_failure(layout)
    if first is None:
        assert outcome == [f"result {i}" for i in range(len(layout))], (
            "run_all_or_nothing(): when every job succeeds, their results in input order"
        )
        assert at == max(d for d, _ in layout), (
            "run_all_or_nothing(): the jobs run together: it takes as long as the longest job"
        )
        return
    assert isinstance(outcome, ExceptionGroup), (
        "run_all_or_nothing(): when a job raises, an ExceptionGroup is raised (TaskGroup "
        f"semantics) — got {outcome!r}"
    )
    assert list(outcome.exceptions) == [jobs.errors[first]], (
        "run_all_or_nothing(): the ExceptionGroup holds the very exception the failed job "
        "raised (and no CancelledError)"
    )
    assert snapshot == ends, (
        "run_all_or_nothing(): when a job fails, every job still running is cancelled, and "
        "they have all finished (their cleanup ran) before the ExceptionGroup is raised"
    )
    assert at == layout[first][0], (
        "run_all_or_nothing(): it raises right after the first failure and the cancellations"
    )
    assert jobs.ended == snapshot, (
        "run_all_or_nothing(): nothing is left running in the background after it raised"
    )


@settings(max_examples=40)
@given(layout=layouts)
@example(layout=EXAMPLES[0])
@example(layout=EXAMPLES[1])
@example(layout=EXAMPLES[2])
@example(layout=EXAMPLES[3])
async def test_fail_fast(layout: Layout) -> None:
    """run_fail_fast: results in order; a failure cancels the rest, then raises itself."""
    jobs = Jobs()
    outcome, at, snapshot = await run(kata.run_fail_fast, jobs, layout)
    first, ends = cancelled_at_first_failure(layout)
    if first is None:
        assert outcome == [f"result {i}" for i in range(len(layout))], (
            "run_fail_fast(): when every job succeeds, their results in input order"
        )
        assert at == max(d for d, _ in layout), (
            "run_fail_fast(): the jobs run together: it takes as long as the longest job"
        )
        return
    assert outcome is jobs.errors[first], (
        "run_fail_fast(): the first job's exception propagates — the very object, not "
        f"wrapped in a group — got {outcome!r}"
    )
    assert snapshot == ends, (
        "run_fail_fast(): when a job fails, every job still running is cancelled, and they "
        "have all finished (their cleanup ran) before the exception propagates — plain "
        "gather leaves them running"
    )
    assert at == layout[first][0], "run_fail_fast(): it raises right after the first failure"
    assert jobs.ended == snapshot, (
        "run_fail_fast(): nothing is left running in the background after it raised"
    )


@settings(max_examples=40)
@given(layout=layouts)
@example(layout=EXAMPLES[0])
@example(layout=EXAMPLES[2])
async def test_collecting(layout: Layout) -> None:
    """run_collecting: every job runs to its end; exceptions take their job's place."""
    jobs = Jobs()
    outcome, at, snapshot = await run(kata.run_collecting, jobs, layout)
    want = [jobs.errors[i] if fails else f"result {i}" for i, (_, fails) in enumerate(layout)]
    assert isinstance(outcome, list), (
        f"run_collecting(): a failure raises nothing, it returns a list — got {outcome!r}"
    )
    assert len(outcome) == len(want) and all(
        got is wanted if isinstance(wanted, JobError) else got == wanted
        for got, wanted in zip(outcome, want)
    ), (
        "run_collecting(): one entry per job in input order: its result, or the very "
        f"exception object it raised — got {outcome!r}"
    )
    assert snapshot == {i: ("failed" if f else "done", d) for i, (d, f) in enumerate(layout)}, (
        "run_collecting(): a failure cancels nothing: every job runs to its end"
    )
    assert at == max(d for d, _ in layout), (
        "run_collecting(): the jobs run together: it takes as long as the longest job"
    )


async def test_collecting_keeps_a_cancelled_job_in_its_place() -> None:
    """run_collecting: a job ending with CancelledError leaves one in its slot; others finish."""
    loop = asyncio.get_running_loop()
    jobs = Jobs()

    async def gives_up() -> str:
        await asyncio.sleep(1)
        raise asyncio.CancelledError()

    start = loop.time()
    try:
        got: Any = await kata.run_collecting(
            [jobs.job(0, 2), jobs.track(gives_up()), jobs.job(2, 3)])
    except asyncio.CancelledError:
        got = "CancelledError raised"
    finally:
        jobs.close_unstarted()
    assert isinstance(got, list) and len(got) == 3, (
        "run_collecting(): a job ending with CancelledError (a BaseException) is collected "
        f"like any exception, not raised — got {got!r}"
    )
    assert (got[0], isinstance(got[1], asyncio.CancelledError), got[2]) == (
        "result 0", True, "result 2"), (
        "run_collecting(): the cancelled job's place holds a CancelledError; the other jobs' "
        "results stay in their places"
    )
    assert (jobs.ended, loop.time() - start) == ({0: ("done", start + 2),
                                                  2: ("done", start + 3)}, 3), (
        "run_collecting(): the other jobs still run to their end"
    )


@pytest.mark.parametrize("name", list(RUNNERS))
async def test_cancelling_the_caller_cancels_every_job(name: str) -> None:
    """Cancelling the caller cancels every running job, waits for them, raises CancelledError."""
    loop = asyncio.get_running_loop()
    runner = RUNNERS[name]()
    jobs = Jobs()
    start = loop.time()
    caller = asyncio.ensure_future(runner(iter([jobs.job(0, 5), jobs.job(1, 10)])))
    try:
        await asyncio.sleep(2)
        caller.cancel()
        try:
            outcome: Any = await caller
        except asyncio.CancelledError:
            outcome = "CancelledError"
        except NotImplementedError:
            raise
        except BaseException as exc:
            outcome = exc
        snapshot = {i: (what, when - start) for i, (what, when) in jobs.ended.items()}
        await asyncio.sleep(30)
    finally:
        jobs.close_unstarted()
    assert outcome == "CancelledError", (
        f"{name}(): when the caller is cancelled, CancelledError propagates — got {outcome!r}"
    )
    assert snapshot == {0: ("cancelled", 2), 1: ("cancelled", 2)}, (
        f"{name}(): when the caller is cancelled, every running job is cancelled, and they "
        "have finished (their cleanup ran) before CancelledError reaches the caller"
    )
    assert len(jobs.ended) == 2 and all(what == "cancelled" for what, _ in jobs.ended.values()), (
        f"{name}(): after the caller was cancelled, no job keeps running in the background"
    )


@pytest.mark.parametrize("name", list(RUNNERS))
async def test_no_jobs_and_any_iterable(name: str) -> None:
    """No jobs gives []; a list of coroutines works as well as a generator."""
    runner = RUNNERS[name]()
    got = await runner(iter([]))
    assert got == [], f"{name}(): no jobs gives []"
    jobs = Jobs()
    try:
        got = await runner([jobs.job(0, 2), jobs.job(1, 1)])
    finally:
        jobs.close_unstarted()
    assert got == ["result 0", "result 1"], (
        f"{name}(): a list of coroutines works too; results in input order"
    )
