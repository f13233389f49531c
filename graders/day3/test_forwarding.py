"""Grader for day3.forwarding: a recording wrapper that forwards *args / **kwargs untouched."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from day3 import forwarding as kata
from day3.forwarding import Call

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(alphabet="ab é", max_size=4),
    st.lists(st.integers(), max_size=3),
    st.builds(object),
)
# Names a wrapper might use for its own parameters must be forwarded like any other keyword.
OWN_NAMES = ["self", "func", "journal", "args", "kwargs", "wrapper", "cls", "call"]
keyword_names = st.one_of(
    st.text(alphabet="abcxyz_", min_size=1, max_size=5), st.sampled_from(OWN_NAMES)
)


def echo(*args: Any, **kwargs: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return args, kwargs


def not_same_objects(got: list[Any], sent: list[Any]) -> list[int]:
    """Positions where the object received is not the very object that was sent."""
    return [i for i, (g, s) in enumerate(zip(got, sent, strict=True)) if g is not s]


@settings(max_examples=50)  # a small input space: 50 cases find every bug here
@given(args=st.lists(values, max_size=5), kwargs=st.dictionaries(keyword_names, values, max_size=5))
@example(args=[], kwargs={})
@example(args=[1, "two", None], kwargs={"z": 1, "a": 2})
def test_forwards_the_very_same_arguments(args: list[Any], kwargs: dict[str, Any]) -> None:
    journal: list[Call] = []
    result = kata.recorded(echo, journal)(*args, **kwargs)
    assert result is not None, "recorded(): the wrapper returns func's result"
    got_args, got_kwargs = result
    assert list(got_args) == args, (
        "recorded(): func receives the same positional arguments, positionally, in the same order"
    )
    assert got_kwargs == kwargs, (
        "recorded(): func receives the same keyword arguments, by keyword, nothing added or dropped"
    )
    assert not_same_objects(list(got_args), args) == [], (
        "recorded(): positional arguments are passed on as the very same objects, not copies "
        "(positions that were not)"
    )
    assert not_same_objects([got_kwargs[k] for k in kwargs], list(kwargs.values())) == [], (
        "recorded(): keyword arguments are passed on as the very same objects, not copies "
        "(positions that were not)"
    )


@settings(max_examples=50)  # a small input space: 50 cases find every bug here
@given(args=st.lists(values, max_size=5), kwargs=st.dictionaries(keyword_names, values, max_size=5))
@example(args=[], kwargs={})
@example(args=[[1]], kwargs={"b": 2, "a": 1})
def test_journal_records_each_call_as_made(args: list[Any], kwargs: dict[str, Any]) -> None:
    journal: list[Call] = []
    wrapped = kata.recorded(echo, journal)
    wrapped(*args, **kwargs)
    wrapped()
    assert journal == [Call(tuple(args), kwargs), Call((), {})], (
        "recorded(): each call appends Call(args=<positional arguments as a tuple>, "
        "kwargs=<keyword arguments as a dict>) to journal"
    )
    assert list(journal[0].kwargs) == list(kwargs), (
        "recorded(): Call.kwargs keeps the keyword arguments in the order they were given"
    )


def test_positional_only_and_keyword_only_parameters() -> None:
    def connect(host: str, port: int, /, user: str, *, timeout: float) -> str:
        return f"{user}@{host}:{port}/{timeout}"

    journal: list[Call] = []
    wrapped = kata.recorded(connect, journal)
    got = [wrapped("db", 5432, "ann", timeout=1.5), wrapped("db", 5432, user="bob", timeout=2)]
    assert got == ["ann@db:5432/1.5", "bob@db:5432/2"], (
        "recorded(): positional arguments stay positional and keyword arguments stay keyword, "
        "so func's positional-only and keyword-only parameters still work"
    )
    assert journal == [
        Call(("db", 5432, "ann"), {"timeout": 1.5}),
        Call(("db", 5432), {"user": "bob", "timeout": 2}),
    ], "recorded(): the journal shows each call exactly as the caller made it"


def test_keywords_named_like_the_wrappers_own_parameters() -> None:
    journal: list[Call] = []
    wrapped = kata.recorded(echo, journal)
    sent = {name: index for index, name in enumerate(OWN_NAMES)}
    try:
        got = wrapped(1, **sent)
    except TypeError as exc:
        got = f"TypeError: {exc}"
    assert got == ((1,), sent), (
        "recorded(): keyword arguments are forwarded whatever their names -- "
        "wrapper(1, self=2, func=3) calls func(1, self=2, func=3)"
    )
    assert journal == [Call((1,), sent)], (
        "recorded(): the journal shows each call exactly as the caller made it"
    )


def test_returns_the_result_object_itself() -> None:
    result = object()
    got = kata.recorded(lambda: result, [])()
    assert got == result, "recorded(): the wrapper returns func's result itself"


def test_records_before_calling_func() -> None:
    journal: list[Call] = []
    seen_while_running: list[int] = []

    def spy(x: int) -> int:
        seen_while_running.append(len(journal))
        return x

    kata.recorded(spy, journal)(7)
    assert seen_while_running == [1], (
        "recorded(): the call is appended to journal before func is called (journal length "
        "seen by func while it runs)"
    )


class Boom(Exception):
    pass


def test_exception_propagates_and_call_stays_recorded() -> None:
    journal: list[Call] = []
    error = Boom("db down")

    def failing(query: str, *, retries: int) -> None:
        raise error

    wrapped = kata.recorded(failing, journal)
    raised: object = "nothing raised"
    try:
        wrapped("select 1", retries=2)
    except NotImplementedError:
        raise
    except Exception as exc:  # the learner's wrapper may raise anything: show what it was
        raised = "func's exception" if exc is error else repr(exc)
    assert raised == "func's exception", (
        "recorded(): when func raises, the same exception object propagates"
    )
    assert journal == [Call(("select 1",), {"retries": 2})], (
        "recorded(): a call that raised stays recorded in journal"
    )


def test_wrapping_alone_records_and_calls_nothing() -> None:
    journal: list[Call] = []
    calls: list[int] = []
    kata.recorded(lambda: calls.append(1), journal)
    assert (journal, calls) == ([], []), (
        "recorded(): creating the wrapper neither calls func nor touches journal"
    )


def test_each_wrapper_writes_to_its_own_journal() -> None:
    first: list[Call] = []
    second: list[Call] = []
    kata.recorded(echo, first)(1)
    kata.recorded(echo, second)(2)
    assert (first, second) == ([Call((1,), {})], [Call((2,), {})]), (
        "recorded(): each wrapper appends to the journal it was given, and only to that one"
    )
