"""Grader for day7.retry: attempts, which errors are retried, capped backoff, injected sleep."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day7 import retry as kata


class Cancelled(BaseException):
    """Not an Exception: the default exceptions=(Exception,) must not retry it."""


class Service:
    """A fake dependency: each call logs itself, then raises or returns its next outcome."""

    def __init__(self, outcomes: list[object], log: list[tuple[Any, ...]]) -> None:
        self.outcomes = list(outcomes)
        self.log = log

    def __call__(self, *args: object, **kwargs: object) -> object:
        self.log.append(("call", args, kwargs))
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


def recording_sleep(log: list[tuple[Any, ...]]) -> Callable[[float], None]:
    return lambda seconds: log.append(("sleep", seconds))


def raised(call: Callable[[], object]) -> BaseException | None:
    """The exception the call raised (None if it returned); a stub's NotImplementedError escapes."""
    try:
        call()
    except NotImplementedError:
        raise
    except BaseException as exc:
        return exc
    return None


def sleeps(log: list[tuple[Any, ...]]) -> list[float]:
    return [entry[1] for entry in log if entry[0] == "sleep"]


def calls(log: list[tuple[Any, ...]]) -> int:
    return sum(1 for entry in log if entry[0] == "call")


def rejects(**config: Any) -> str:
    """'ValueError' if retry(**config) raises it, else a description of what happened."""
    error = raised(lambda: kata.retry(**config))
    return "returned a decorator" if error is None else type(error).__name__


@settings(report_multiple_bugs=False)  # one failing case, not an ExceptionGroup
@given(
    attempts=st.integers(min_value=1, max_value=8),
    base_delay=st.floats(min_value=0, max_value=5),
    max_delay=st.floats(min_value=0, max_value=5),
    failures=st.integers(min_value=0, max_value=8),
)
@example(attempts=1, base_delay=1.0, max_delay=1.0, failures=1)
@example(attempts=6, base_delay=1.0, max_delay=5.0, failures=8)
@example(attempts=4, base_delay=0.0, max_delay=0.0, failures=8)
@example(attempts=3, base_delay=2.0, max_delay=0.5, failures=2)
def test_attempts_and_sleeps_follow_the_formula(
    attempts: int, base_delay: float, max_delay: float, failures: int
) -> None:
    log: list[tuple[Any, ...]] = []
    errors = [ConnectionError(f"failure {n}") for n in range(failures)]
    service = Service([*errors, "ok"], log)
    decorated = kata.retry(
        attempts=attempts,
        exceptions=(ConnectionError,),
        base_delay=base_delay,
        max_delay=max_delay,
        sleep=recording_sleep(log),
    )(service)
    returned: list[object] = []
    error = raised(lambda: returned.append(decorated("req", timeout=3)))
    want: list[tuple[Any, ...]] = []
    for k in range(min(failures + 1, attempts)):
        want.append(("call", ("req",), {"timeout": 3}))
        if k < failures and k < attempts - 1:
            want.append(("sleep", pytest.approx(min(max_delay, base_delay * 2**k), abs=1e-12)))
    assert log == want, (
        "retry(): call, then after failure k sleep min(max_delay, base_delay * 2 ** k), then call "
        "again, same arguments each time; no sleep before the first or after the last attempt"
    )
    if failures < attempts:
        assert (error, returned) == (None, ["ok"]), (
            "retry(): the first attempt that returns ends the retrying; its value is returned"
        )
    else:
        assert error is errors[attempts - 1], (
            "retry(): when every attempt fails, the last attempt's exception object is re-raised"
        )


def test_returns_the_first_success_without_sleeping() -> None:
    log: list[tuple[Any, ...]] = []
    decorated = kata.retry(attempts=5, sleep=recording_sleep(log))(Service([42], log))
    got = decorated(1, 2)
    assert got == 42, "retry(): the decorated function returns the original's result"
    assert log == [("call", (1, 2), {})], "retry(): a call that succeeds at once is not retried"


def test_backoff_is_capped() -> None:
    log: list[tuple[Any, ...]] = []
    errors = [TimeoutError(n) for n in range(6)]
    decorated = kata.retry(
        attempts=6,
        exceptions=(TimeoutError,),
        base_delay=1,
        max_delay=5,
        sleep=recording_sleep(log),
    )(Service(errors, log))
    error = raised(decorated)
    assert sleeps(log) == [1, 2, 4, 5, 5], (
        "retry(): delays double from base_delay and never exceed max_delay"
    )
    assert error is errors[-1], "retry(): after the last failed attempt its exception is re-raised"


@pytest.mark.parametrize("base_delay", [0.5, 0.0], ids=["base_delay=0.5", "base_delay=0.0"])
def test_backoff_never_overflows(base_delay: float) -> None:
    log: list[tuple[Any, ...]] = []
    attempts = 1100  # 2 ** k no longer fits in a float from k = 1024 on
    errors = [ConnectionError(n) for n in range(attempts)]
    decorated = kata.retry(
        attempts=attempts,
        exceptions=(ConnectionError,),
        base_delay=base_delay,
        max_delay=10.0,
        sleep=recording_sleep(log),
    )(Service(errors, log))
    error = raised(decorated)
    assert error is errors[-1], (
        "retry(): any number of attempts works — after the last one its exception is re-raised; "
        "computing the delay never raises OverflowError (base_delay * 2 ** k literally does for "
        "a float from k = 1024 on: double the previous delay and cap it)"
    )
    want = [min(10.0, base_delay * 2**k) for k in range(10)] + [10.0 if base_delay else 0.0] * (
        attempts - 11
    )
    assert sleeps(log) == want, (
        "retry(): the delay is min(max_delay, base_delay * 2 ** k) for every k, however large: "
        "it stays max_delay once reached"
    )


class RecordingJitter(list[float]):
    """A jitter that keeps the delays it was given: a callable that is falsy while empty."""

    def __call__(self, delay: float) -> float:
        self.append(delay)
        return delay / 2


def test_a_falsy_jitter_is_still_a_jitter() -> None:
    log: list[tuple[Any, ...]] = []
    jitter = RecordingJitter()
    decorated = kata.retry(
        attempts=3,
        exceptions=(ConnectionError,),
        base_delay=1,
        max_delay=10,
        jitter=jitter,
        sleep=recording_sleep(log),
    )(Service([ConnectionError("a"), ConnectionError("b"), "ok"], log))
    got = decorated()
    assert got == "ok", "retry(): the first attempt that returns ends the retrying"
    assert (list(jitter), sleeps(log)) == ([1, 2], [0.5, 1.0]), (
        "retry(): a jitter that is not None is called once per sleep, whatever its truth value "
        "(check `jitter is not None`, not `if jitter`)"
    )


def test_exception_not_listed_propagates_immediately() -> None:
    log: list[tuple[Any, ...]] = []
    bug = KeyError("missing")
    decorated = kata.retry(
        attempts=4, exceptions=(ConnectionError,), base_delay=1, sleep=recording_sleep(log)
    )(Service([ConnectionError("flaky"), bug, "never reached"], log))
    error = raised(decorated)
    assert error is bug, "retry(): an exception not in `exceptions` propagates unchanged"
    assert (calls(log), sleeps(log)) == (2, [1]), (
        "retry(): an exception not in `exceptions` is not retried: no sleep, no further attempt"
    )


def test_subclasses_of_listed_exceptions_are_retried() -> None:
    log: list[tuple[Any, ...]] = []
    decorated = kata.retry(
        attempts=3, exceptions=(OSError,), base_delay=0.5, sleep=recording_sleep(log)
    )(Service([ConnectionResetError("reset"), "ok"], log))
    got = decorated()
    assert (got, calls(log), sleeps(log)) == ("ok", 2, [0.5]), (
        "retry(): subclasses of a listed exception are retried too (isinstance rule)"
    )


def test_default_retries_exceptions_but_not_base_exceptions() -> None:
    log: list[tuple[Any, ...]] = []
    decorated = kata.retry(attempts=3, sleep=recording_sleep(log))(
        Service([ValueError("bad"), "ok"], log)
    )
    got = decorated()
    assert (got, calls(log)) == ("ok", 2), "retry(): by default every Exception is retried"
    log.clear()
    cancel = Cancelled()
    decorated = kata.retry(attempts=3, sleep=recording_sleep(log))(Service([cancel, "ok"], log))
    error = raised(decorated)
    assert error is cancel, "retry(): a BaseException that is not an Exception propagates"
    assert (calls(log), sleeps(log)) == (1, []), (
        "retry(): the default exceptions=(Exception,) does not retry a bare BaseException"
    )


def test_jitter_receives_the_capped_delay_and_sleep_gets_its_result() -> None:
    log: list[tuple[Any, ...]] = []
    jitter_inputs: list[float] = []

    def quarter(delay: float) -> float:
        jitter_inputs.append(delay)
        return delay / 4

    errors = [ConnectionError(n) for n in range(5)]
    decorated = kata.retry(
        attempts=5,
        exceptions=(ConnectionError,),
        base_delay=1,
        max_delay=3,
        jitter=quarter,
        sleep=recording_sleep(log),
    )(Service(errors, log))
    raised(decorated)
    assert jitter_inputs == [1, 2, 3, 3], (
        "retry(): jitter is called once per sleep with the capped delay"
    )
    assert sleeps(log) == [0.25, 0.5, 0.75, 0.75], "retry(): sleep receives what jitter returns"


def test_bad_configuration_is_rejected_when_retry_is_called() -> None:
    got = {
        "attempts=0": rejects(attempts=0),
        "attempts=-2": rejects(attempts=-2),
        "base_delay=-0.1": rejects(base_delay=-0.1),
        "max_delay=-1": rejects(max_delay=-1),
    }
    assert got == dict.fromkeys(got, "ValueError"), (
        "retry(): attempts < 1 or a negative delay raises ValueError when retry(...) is called"
    )
    nan = {
        "base_delay=nan": rejects(base_delay=float("nan")),
        "max_delay=nan": rejects(max_delay=float("nan")),
    }
    assert nan == dict.fromkeys(nan, "ValueError"), (
        "retry(): a delay that is NaN raises ValueError too (NaN < 0 is false: check >= 0)"
    )
    fine = {
        "attempts=1": rejects(attempts=1),
        "base_delay=0, max_delay=0": rejects(base_delay=0, max_delay=0),
        "max_delay < base_delay": rejects(base_delay=2, max_delay=1),
    }
    assert fine == dict.fromkeys(fine, "returned a decorator"), (
        "retry(): attempts >= 1 and delays >= 0 are valid (max_delay may be below base_delay)"
    )


def test_keeps_metadata() -> None:
    def fetch_user(user_id: int) -> str:
        """Load a user from the remote service."""
        return f"user {user_id}"

    decorated = kata.retry(sleep=lambda seconds: None)(fetch_user)
    assert decorated(7) == "user 7", "retry(): the decorated function returns the original's result"
    got = {attr: getattr(decorated, attr, "<missing>") for attr in (
        "__name__", "__qualname__", "__doc__", "__module__", "__wrapped__")}
    want = {attr: getattr(fetch_user, attr) for attr in (
        "__name__", "__qualname__", "__doc__", "__module__")} | {"__wrapped__": fetch_user}
    assert got == want, (
        "retry(): the decorated function keeps __name__, __qualname__, __doc__, __module__ and "
        "has __wrapped__ pointing at the original (functools.wraps)"
    )
