"""Grader for day1.mutable_defaults: the shared default explained as data, then fixed."""

from __future__ import annotations

import ast
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from day1 import mutable_defaults

PRELUDE = """
def append_to(item, target=[]):
    target.append(item)
    return target

def append_or(item, target=None):
    target = target or []
    target.append(item)
    return target
"""

SNIPPETS = {
    "second_call": """
        append_to(1)
        append_to(2)
    """,
    "first_result_later": """
        first = append_to(1)
        append_to(2)
        first
    """,
    "same_object": """
        first = append_to(1)
        second = append_to(2)
        first is second
    """,
    "explicit_target_between": """
        append_to(1)
        append_to(2, [])
        append_to(3)
    """,
    "defaults_attribute": """
        append_to(1)
        append_to(2)
        append_to.__defaults__
    """,
    "redefined": """
        append_to(1)
        def append_to(item, target=[]):
            target.append(item)
            return target
        append_to(2)
    """,
    "or_without_target": """
        append_or(1)
        append_or(2)
    """,
    "or_with_empty_list": """
        mine = []
        append_or(1, mine)
        mine
    """,
}


def _evaluate(code: str) -> object:
    """Run the buggy definitions, then a snippet, in a fresh namespace; return its last value."""
    *body, last = ast.parse(PRELUDE + textwrap.dedent(code).strip()).body
    assert isinstance(last, ast.Expr)
    namespace: dict[str, object] = {"__name__": "snippet"}
    exec(compile(ast.Module(body=body, type_ignores=[]), "<snippet>", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "<snippet>", "eval"), namespace)


@pytest.mark.predict
@pytest.mark.parametrize("name", list(SNIPPETS))
def test_predict(name: str) -> None:
    answers = mutable_defaults.predict()
    assert name in answers, f"predict() must answer the snippet {name!r}"
    got, want = answers[name], _evaluate(SNIPPETS[name])
    code = " / ".join(line.strip() for line in SNIPPETS[name].strip().splitlines())
    assert got == want, f"predict()[{name!r}]: what `{code}` evaluates to with the buggy functions"
    assert repr(got) == repr(want), (
        f"predict()[{name!r}]: the right value but the wrong type -- give the value itself, "
        f"a {type(want).__name__}"
    )


def test_calls_without_target_share_nothing() -> None:
    first = mutable_defaults.append_to(1)
    second = mutable_defaults.append_to(2)
    assert first == [1], "append_to(1): a new list holding just the item"
    assert second == [2], "append_to() without a target: nothing is shared between calls"
    assert first is not second, "append_to() without a target: every call gets its own new list"


def test_changing_a_result_does_not_leak_into_later_calls() -> None:
    first = mutable_defaults.append_to("a")
    first.extend(["b", "c"])
    got = mutable_defaults.append_to("z")
    assert got == ["z"], "append_to(): changing a returned list never affects a later call"


def test_explicit_none_is_the_same_as_no_target() -> None:
    first = mutable_defaults.append_to(1, None)
    second = mutable_defaults.append_to(2, None)
    assert (first, second) == ([1], [2]), "append_to(item, None): a brand-new list per call"


def test_the_callers_list_is_changed_and_returned() -> None:
    mine = [1, 2]
    got = mutable_defaults.append_to(3, mine)
    assert got is mine, "append_to(item, target): returns the caller's list itself, not a copy"
    assert mine == [1, 2, 3], "append_to(item, target): the caller's list gets the item appended"


def test_an_empty_target_is_still_the_callers_list() -> None:
    mine: list[int] = []
    got = mutable_defaults.append_to(1, mine)
    assert mine == [1], "append_to(item, []): an empty list is a target too -- it gets the item"
    assert got is mine, "append_to(item, []): returns the caller's (formerly empty) list itself"


@settings(max_examples=50)
@given(st.lists(st.tuples(st.integers(), st.booleans()), max_size=15))
def test_any_sequence_of_calls(calls: list[tuple[int, bool]]) -> None:
    target: list[int] = []
    results: list[list[int]] = []
    for item, explicit in calls:
        if explicit:
            got = mutable_defaults.append_to(item, target)
            assert got is target, "append_to(item, target) returns the caller's list itself"
        else:
            got = mutable_defaults.append_to(item)
            assert got == [item], "append_to(item) without a target: a new list holding just the item"
            results.append(got)
    assert target == [item for item, explicit in calls if explicit], (
        "append_to(item, target): exactly the items passed with that target, in order"
    )
    assert len({id(r) for r in results}) == len(results), (
        "append_to() without a target: every call gets its own new list"
    )
