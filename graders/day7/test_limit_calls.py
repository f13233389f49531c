"""Grader for day7.limit_calls: a per-function call counter kept in the decorator's closure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from day7 import limit_calls as kata


def metadata(func: Callable[..., Any]) -> dict[str, Any]:
    return {
        attr: getattr(func, attr, "<missing>")
        for attr in ("__name__", "__qualname__", "__doc__", "__module__", "__wrapped__")
    }


def raised(call: Callable[[], object]) -> BaseException | None:
    """The exception the call raised (None if it returned); a stub's NotImplementedError escapes."""
    try:
        call()
    except NotImplementedError:
        raise
    except Exception as exc:
        return exc
    return None


def outcome(func: Callable[[], object]) -> str:
    """What one call did: 'ok', 'raised' (the function's own error) or 'refused'."""
    try:
        func()
    except kata.CallLimitExceeded:
        return "refused"
    except ValueError:
        return "raised"
    return "ok"


def test_runs_up_to_the_limit_then_refuses_without_running() -> None:
    decorate = kata.limit_calls(3)
    ran: list[int] = []

    def work(n: int, *, scale: int = 1) -> int:
        ran.append(n)
        return n * scale

    limited = decorate(work)
    got = [limited(1), limited(2, scale=10), limited(3)]
    assert got == [1, 20, 3], "limit_calls(): calls within the limit return the original's result"
    outcomes = [outcome(lambda: limited(4)), outcome(lambda: limited(5))]
    assert outcomes == ["refused", "refused"], (
        "limit_calls(): every call after `limit` calls raises CallLimitExceeded"
    )
    assert ran == [1, 2, 3], "limit_calls(): a refused call must not run the function"


def send_welcome_email() -> None:
    pass


def test_refusal_names_the_function_and_the_limit() -> None:
    limited = kata.limit_calls(1)(send_welcome_email)
    assert outcome(limited) == "ok", "limit_calls(1): the first call runs"
    error = raised(limited)
    assert type(error) == kata.CallLimitExceeded, (
        "limit_calls(): a call beyond the limit raises CallLimitExceeded"
    )
    assert isinstance(error, kata.CallLimitExceeded)
    name = send_welcome_email.__qualname__
    assert (error.function, error.limit) == (name, 1), (
        "CallLimitExceeded: .function is the original's __qualname__ and .limit the limit"
    )
    assert str(error) == f"{name} may be called at most 1 times", (
        "CallLimitExceeded: the message is '<function> may be called at most <limit> times'"
    )
    assert isinstance(error, RuntimeError), "CallLimitExceeded is a RuntimeError"


def test_negative_limit_is_rejected_and_zero_refuses_every_call() -> None:
    error = raised(lambda: kata.limit_calls(-1))
    assert type(error) == ValueError, "limit_calls(): a negative limit raises ValueError at once"
    ran: list[str] = []
    never = kata.limit_calls(0)(lambda: ran.append("ran"))
    assert outcome(never) == "refused", "limit_calls(0): every call is refused"
    assert ran == [], "limit_calls(0): the function never runs"


def test_calls_that_raise_still_count() -> None:
    def flaky() -> None:
        raise ValueError("boom")

    limited = kata.limit_calls(2)(flaky)
    got = [outcome(limited) for _ in range(4)]
    assert got == ["raised", "raised", "refused", "refused"], (
        "limit_calls(): a call counts as soon as it starts, even if the function raises"
    )


def test_one_decorator_applied_to_two_functions_keeps_two_counters() -> None:
    once = kata.limit_calls(1)
    first = once(lambda: "first")
    second = once(lambda: "second")
    got = [outcome(first), outcome(second), outcome(first), outcome(second)]
    assert got == ["ok", "ok", "refused", "refused"], (
        "limit_calls(): functions decorated by the same limit_calls(n) object must not share "
        "a counter (create the counter when a function is decorated, not in the factory)"
    )


def test_same_function_decorated_twice_keeps_two_counters() -> None:
    def report() -> str:
        return "report"

    twice = kata.limit_calls(2)
    a, b = twice(report), twice(report)
    c = kata.limit_calls(2)(report)
    got = [outcome(a), outcome(a), outcome(b), outcome(c), outcome(a), outcome(b), outcome(c)]
    assert got == ["ok", "ok", "ok", "ok", "refused", "ok", "ok"], (
        "limit_calls(): decorating the same function twice gives two independent counters"
    )


@settings(report_multiple_bugs=False)  # one failing case, not an ExceptionGroup
@given(
    limits=st.tuples(st.integers(min_value=0, max_value=4), st.integers(min_value=0, max_value=4)),
    calls=st.lists(st.tuples(st.integers(min_value=0, max_value=2), st.booleans()), max_size=25),
)
@example(limits=(1, 1), calls=[(0, False), (1, False), (2, False), (0, False)])
@example(limits=(2, 0), calls=[(0, True), (0, False), (0, False), (2, False), (1, False)])
def test_counters_follow_the_model(limits: tuple[int, int], calls: list[tuple[int, bool]]) -> None:
    shared = kata.limit_calls(limits[0])
    runs = [0, 0, 0]

    def make(index: int) -> Callable[[bool], None]:
        def job(fail: bool) -> None:
            runs[index] += 1
            if fail:
                raise ValueError("job failed")

        return job

    # Functions 0 and 1 are decorated by one shared limit_calls(n) object; 2 has its own.
    decorated = [shared(make(0)), shared(make(1)), kata.limit_calls(limits[1])(make(2))]
    own_limits = [limits[0], limits[0], limits[1]]
    started = [0, 0, 0]
    got: list[str] = []
    want: list[str] = []
    for index, fail in calls:
        got.append(outcome(lambda: decorated[index](fail)))
        if started[index] >= own_limits[index]:
            want.append("refused")
        else:
            started[index] += 1
            want.append("raised" if fail else "ok")
    assert got == want, (
        "limit_calls(): each decorated function runs at most `limit` times, counting calls "
        "that raise, with its own counter"
    )
    assert runs == started, "limit_calls(): refused calls never run the function"


def test_keeps_metadata() -> None:
    def charge_card(amount: int) -> str:
        """Charge the customer's card."""
        return f"charged {amount}"

    limited = kata.limit_calls(5)(charge_card)
    assert limited(3) == "charged 3", "limit_calls(): the original's result is returned"
    assert metadata(limited) == {**metadata(charge_card), "__wrapped__": charge_card}, (
        "limit_calls(): the decorated function keeps __name__, __qualname__, __doc__, "
        "__module__ and has __wrapped__ pointing at the original (functools.wraps)"
    )
