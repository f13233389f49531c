"""Grader for day7.timed: per-call duration through an injected clock, reported even on errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day7 import timed as kata


class FakeClock:
    """Time moves only when the code under test (the decorated function) moves it."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


class Recorder:
    def __init__(self) -> None:
        self.reports: list[tuple[str, float]] = []

    def __call__(self, name: str, seconds: float) -> None:
        self.reports.append((name, seconds))


def raised(call: Callable[[], object]) -> BaseException | None:
    """The exception the call raised (None if it returned); a stub's NotImplementedError escapes."""
    try:
        call()
    except NotImplementedError:
        raise
    except Exception as exc:
        return exc
    return None


def metadata(func: Callable[..., Any]) -> dict[str, Any]:
    return {
        attr: getattr(func, attr, "<missing>")
        for attr in ("__name__", "__qualname__", "__doc__", "__module__", "__wrapped__")
    }


def expected_metadata(original: Callable[..., Any]) -> dict[str, Any]:
    return {**metadata(original), "__wrapped__": original}


def test_returns_the_result_and_reports_the_duration() -> None:
    clock, sink = FakeClock(), Recorder()

    def fetch(key: str, *, default: int = 0) -> tuple[str, int]:
        clock.now += 1.5
        return key, default

    timed_fetch = kata.timed(sink, clock=clock)(fetch)
    got = timed_fetch("a", default=7)
    assert got == ("a", 7), (
        "timed(): the decorated function returns what the original returns for the same arguments"
    )
    assert sink.reports == [(fetch.__qualname__, pytest.approx(1.5))], (
        "timed(): each call reports (the function's __qualname__, clock after - clock before)"
    )


@settings(report_multiple_bugs=False)  # one failing case, not an ExceptionGroup
@given(durations=st.lists(st.floats(min_value=0, max_value=1e4), max_size=8))
@example(durations=[0.0])
@example(durations=[3.0, 0.0, 0.5])
def test_every_call_reports_its_own_duration(durations: list[float]) -> None:
    clock, sink = FakeClock(start=50.0), Recorder()
    decorate = kata.timed(sink, clock=clock)

    def step(seconds: float) -> float:
        clock.now += seconds
        return seconds

    timed_step = decorate(step)
    results = [timed_step(seconds) for seconds in durations]
    assert results == durations, "timed(): the decorated function returns the original's result"
    want = [(step.__qualname__, pytest.approx(d, abs=1e-9)) for d in durations]
    assert sink.reports == want, (
        "timed(): every call reports exactly once, with that call's own duration "
        "(clock read after the call minus clock read before it)"
    )


def test_clock_is_read_per_call_not_at_decoration() -> None:
    clock, sink = FakeClock(start=0.0), Recorder()

    def job() -> None:
        clock.now += 2.0

    timed_job = kata.timed(sink, clock=clock)(job)
    clock.now += 100.0  # time passes between decoration and the first call
    timed_job()
    clock.now += 30.0  # and between calls
    timed_job()
    assert sink.reports == [(job.__qualname__, pytest.approx(2.0))] * 2, (
        "timed(): the duration is measured per call; time between decoration and a call, or "
        "between two calls, is not part of it"
    )


def test_report_comes_after_the_call_finishes() -> None:
    clock, sink = FakeClock(), Recorder()
    seen_during_call: list[int] = []

    def job() -> str:
        seen_during_call.append(len(sink.reports))
        clock.now += 1.0
        return "done"

    timed_job = kata.timed(sink, clock=clock)(job)
    timed_job()
    timed_job()
    assert seen_during_call == [0, 1], (
        "timed(): report is called after the original function has finished, never before"
    )
    assert len(sink.reports) == 2, "timed(): report is called exactly once per call"


def test_raising_call_is_reported_and_the_same_exception_propagates() -> None:
    clock, sink = FakeClock(), Recorder()
    error = ConnectionError("database is down")

    def query(sql: str) -> list[str]:
        clock.now += 4.0
        raise error

    timed_query = kata.timed(sink, clock=clock)(query)
    got = raised(lambda: timed_query("select 1"))
    assert got is error, "timed(): the original's exception propagates unchanged (same object)"
    assert sink.reports == [(query.__qualname__, pytest.approx(4.0))], (
        "timed(): a call that raises is still reported, with its duration"
    )


def test_a_keyboard_interrupt_is_reported_too() -> None:
    clock, sink = FakeClock(), Recorder()
    interrupt = KeyboardInterrupt()

    def long_job() -> None:
        clock.now += 7.0
        raise interrupt

    timed_job = kata.timed(sink, clock=clock)(long_job)
    caught: BaseException | None = None
    try:
        timed_job()
    except KeyboardInterrupt as exc:  # caught here: it must never reach the test runner
        caught = exc
    assert caught is interrupt, (
        "timed(): a KeyboardInterrupt (a BaseException) propagates unchanged — the same object"
    )
    assert sink.reports == [(long_job.__qualname__, pytest.approx(7.0))], (
        "timed(): a call that raises KeyboardInterrupt or another BaseException is still "
        "reported, with its duration (finally, not except Exception)"
    )


def test_reports_the_qualified_name() -> None:
    clock, sink = FakeClock(), Recorder()

    class Service:
        @kata.timed(sink, clock=clock)
        def handle(self, n: int) -> int:
            clock.now += 0.25
            return n + 1

    got = Service().handle(1)
    assert got == 2, "timed(): a decorated method still receives self and its arguments"
    qualname = "test_reports_the_qualified_name.<locals>.Service.handle"
    assert sink.reports == [(qualname, pytest.approx(0.25))], (
        "timed(): the reported name is the original function's __qualname__"
    )


def test_keeps_metadata() -> None:
    clock, sink = FakeClock(), Recorder()

    def compute_total(prices: list[int]) -> int:
        """Sum the prices."""
        return sum(prices)

    timed_total = kata.timed(sink, clock=clock)(compute_total)
    assert timed_total([1, 2]) == 3, "timed(): the decorated function returns the original's result"
    assert metadata(timed_total) == expected_metadata(compute_total), (
        "timed(): the decorated function keeps __name__, __qualname__, __doc__, __module__ and "
        "has __wrapped__ pointing at the original (functools.wraps)"
    )
