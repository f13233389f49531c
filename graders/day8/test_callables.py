"""Grader for day8.callables: compose order, a None-returning decorator, a deferred call.

The type claims (``Callable[[A], C]``, ``ParamSpec`` signatures, ``R | None``) are graded by the
type cases in ``typecases/callables.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day8 import callables as kata


def call(rule: str, func: Any, /, *args: Any, **kwargs: Any) -> Any:
    """Call learner code; an unexpected exception fails with the rule (the stub's propagates)."""
    try:
        return func(*args, **kwargs)
    except NotImplementedError:
        raise
    except Exception as exc:
        pytest.fail(f"{rule} — it raised {type(exc).__name__}: {exc}")


def expect_raises(
    exc_type: type[Exception], rule: str, func: Any, /, *args: Any, **kwargs: Any
) -> Exception:
    """Call learner code expecting ``exc_type``; the stub's NotImplementedError propagates."""
    try:
        got = func(*args, **kwargs)
    except NotImplementedError:
        raise
    except exc_type as caught:
        return caught
    except Exception as other:
        pytest.fail(f"{rule} — it raised {type(other).__name__}: {other}")
    pytest.fail(f"{rule} — it returned {got!r}")


class Spy:
    """A one-argument function that records its calls and applies ``step``."""

    def __init__(self, step: Callable[[Any], Any]) -> None:
        self.step = step
        self.calls: list[Any] = []

    def __call__(self, value: Any) -> Any:
        self.calls.append(value)
        return self.step(value)


@settings(max_examples=40)
@given(value=st.integers(min_value=-1000, max_value=1000))
@example(value=0)
@example(value=1)
def test_compose_runs_first_then_then(value: int) -> None:
    first, then = Spy(lambda n: n + 1), Spy(lambda n: n * 10)
    composed = kata.compose(first, then)
    assert (first.calls, then.calls) == ([], []), (
        "compose(): nothing is called until the composed function is"
    )
    got = call("compose(first, then)(x) computes then(first(x))", composed, value)
    assert got == (value + 1) * 10, (
        "compose(first, then)(x) is then(first(x)): first runs first, its result goes to then"
    )
    assert (first.calls, then.calls) == ([value], [value + 1]), (
        "compose(): each call of the composed function calls first once with x, then once "
        "with first's result"
    )


def test_compose_works_with_any_callables_and_nests() -> None:
    strip_upper = kata.compose(str.strip, str.upper)
    rule = "compose(): any one-argument callables compose, methods included: then(first(x))"
    got = call(rule, strip_upper, "  ok ")
    assert got == "OK", rule
    length_twice = kata.compose(kata.compose(str.strip, len), lambda n: n * 2)
    rule = "compose(): a composed function can itself be composed again"
    length = call(rule, length_twice, " abc ")
    assert length == 6, rule


def test_compose_lets_exceptions_propagate() -> None:
    def boom(_: object) -> int:
        raise KeyError("boom")

    then = Spy(lambda n: n)
    composed = kata.compose(boom, then)
    expect_raises(KeyError, "compose(): an exception raised by first propagates", composed, 1)
    assert then.calls == [], (
        "compose(): when first raises, the exception propagates and then is not called"
    )


class Boom(Exception):
    pass


class SubBoom(Boom):
    pass


class Other(Exception):
    pass


def make_target() -> Callable[..., Any]:
    def target(a: int, b: int = 0, *rest: int, scale: int = 1, **extra: int) -> tuple[Any, ...]:
        """Raises what it is told to, else returns what it got."""
        if extra.get("raise_") == 1:
            raise Boom("boom")
        if extra.get("raise_") == 2:
            raise SubBoom("sub")
        if extra.get("raise_") == 3:
            raise Other("other")
        return (a, b, rest, scale, extra)

    return target


def test_catching_passes_every_argument_and_the_result_through() -> None:
    target = make_target()
    safe = kata.catching(Boom)(target)
    got = call(
        "catching(): the decorated function returns the original's result",
        safe,
        1,
        2,
        3,
        4,
        scale=5,
        tag=6,
    )
    assert got == (1, 2, (3, 4), 5, {"tag": 6}), (
        "catching(): positional and keyword arguments reach the original unchanged, and its "
        "result comes back unchanged"
    )
    got = safe(7)
    assert got == (7, 0, (), 1, {}), "catching(): the original's defaults apply as usual"


@pytest.mark.parametrize("which", [1, 2], ids=["listed type", "subclass of a listed type"])
def test_catching_returns_none_for_the_listed_exceptions(which: int) -> None:
    safe = kata.catching(ValueError, Boom)(make_target())
    got = call(
        "catching(Boom): an exception of a listed type (or a subclass) becomes None",
        safe,
        1,
        raise_=which,
    )
    assert got is None, (
        "catching(): when the original raises an instance of a listed type (subclasses "
        "included), the call returns None"
    )


def test_catching_lets_other_exceptions_propagate_unchanged() -> None:
    safe = kata.catching(Boom)(make_target())
    expect_raises(
        Other, "catching(Boom): an exception of another type propagates", safe, 1, raise_=3
    )
    err = Other("mine")

    def raise_mine() -> None:
        raise err

    caught = expect_raises(
        Other,
        "catching(Boom): an exception of another type propagates",
        kata.catching(Boom)(raise_mine),
    )
    assert caught is err, (
        "catching(): an exception that is not listed propagates as the same object"
    )


def test_catching_keeps_the_metadata() -> None:
    target = make_target()
    safe = kata.catching(Boom)(target)
    got = {
        name: getattr(safe, name, "<missing>")
        for name in ("__name__", "__qualname__", "__doc__", "__module__", "__wrapped__")
    }
    want = {
        "__name__": target.__name__,
        "__qualname__": target.__qualname__,
        "__doc__": target.__doc__,
        "__module__": target.__module__,
        "__wrapped__": target,
    }
    assert got == want, (
        "catching(): the decorated function keeps __name__, __qualname__, __doc__, __module__ "
        "and has __wrapped__ = the original (functools.wraps)"
    )


def test_catching_decorates_many_functions_independently() -> None:
    decorate = kata.catching(KeyError)
    first = decorate(lambda d: d["a"])
    second = decorate(lambda d: d["b"])
    got = (first({"a": 1}), second({"b": 2}), first({}), second({"a": 1}))
    assert got == (1, 2, None, None), (
        "catching(): one decorator from catching(...) can decorate several functions, each "
        "calling its own original"
    )


def test_catching_without_exception_types_is_a_value_error() -> None:
    expect_raises(
        ValueError, "catching() with no exception type at all raises ValueError", kata.catching
    )


def test_deferred_calls_later_and_every_time() -> None:
    calls: list[tuple[Any, ...]] = []

    def record(a: int, b: int, *, c: int = 0) -> int:
        calls.append((a, b, c))
        return len(calls)

    task = kata.deferred(record, 1, 2, c=3)
    assert calls == [], (
        "deferred(): func is not called by deferred itself, only by the callable it returns"
    )
    got = call("deferred(): calling the result calls func", task)
    assert (got, calls) == (1, [(1, 2, 3)]), (
        "deferred(): calling the result calls func(*args, **kwargs) once"
    )
    got = task()
    assert (got, calls) == (2, [(1, 2, 3), (1, 2, 3)]), (
        "deferred(): every call of the result calls func again and returns that call's result "
        "(nothing is cached)"
    )


def test_deferred_keeps_the_argument_objects() -> None:
    box: list[int] = []
    task = kata.deferred(lambda items: items, box)
    got = call("deferred(): the result calls func", task)
    assert got is box, "deferred(): the arguments are kept as given, not copied"


def test_deferred_passes_a_keyword_named_func_through() -> None:
    def configure(*, func: str, retries: int) -> str:
        return f"{func}x{retries}"

    task = call(
        "deferred(): func is positional-only, so a keyword argument called func goes to func",
        kata.deferred,
        configure,
        func="sync",
        retries=3,
    )
    got = call("deferred(): the result calls func", task)
    assert got == "syncx3", (
        "deferred(): func is positional-only, so a keyword argument called func is passed on "
        "like any other"
    )


def test_deferred_lets_exceptions_propagate_when_called() -> None:
    def fail() -> None:
        raise Boom("late")

    task = kata.deferred(fail)
    expect_raises(
        Boom, "deferred(): an exception raised by func propagates when the result is called", task
    )
