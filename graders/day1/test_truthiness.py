"""Grader for day1.truthiness: truth values, and None ("not given") versus falsy values."""

from __future__ import annotations

import ast
import copy
import textwrap
from collections.abc import Iterator

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day1 import truthiness

SNIPPETS = {
    "list_of_zero": "bool([0])",
    "string_zero": 'bool("0")',
    "string_false": 'bool("False")',
    "nan": 'bool(float("nan"))',
    "empty_range": "bool(range(3, 3))",
    "len_zero": """
        class Box:
            def __len__(self):
                return 0
        bool(Box())
    """,
    "bool_beats_len": """
        class Full:
            def __bool__(self):
                return True
            def __len__(self):
                return 0
        bool(Full())
    """,
    "plain_object": """
        class Plain:
            pass
        bool(Plain())
    """,
    "or_returns_operand": '[] or {} or "fallback"',
    "or_all_falsy": '"" or 0 or None or []',
    "and_short_circuits": "0 and 1 / 0",
    "and_returns_last": '"a" and "b"',
}


def _evaluate(code: str) -> object:
    """Run a snippet in a fresh namespace; return the value of its last line."""
    *body, last = ast.parse(textwrap.dedent(code).strip()).body
    assert isinstance(last, ast.Expr)
    namespace: dict[str, object] = {"__name__": "snippet"}
    exec(compile(ast.Module(body=body, type_ignores=[]), "<snippet>", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "<snippet>", "eval"), namespace)


@pytest.mark.predict
@pytest.mark.parametrize("name", list(SNIPPETS))
def test_predict(name: str) -> None:
    answers = truthiness.predict()
    assert name in answers, f"predict() must answer the snippet {name!r}"
    got, want = answers[name], _evaluate(SNIPPETS[name])
    code = " / ".join(line.strip() for line in SNIPPETS[name].strip().splitlines())
    assert got == want, f"predict()[{name!r}]: what `{code}` evaluates to"
    assert repr(got) == repr(want), (
        f"predict()[{name!r}]: the right value but the wrong type -- give the value itself, "
        f"a {type(want).__name__}"
    )


class Source:
    """An iterator over 0, 1, 2, ... that counts how many items were pulled from it."""

    def __init__(self, size: int = 1_000) -> None:
        self.size = size
        self.pulled = 0

    def __iter__(self) -> Iterator[int]:
        return self

    def __next__(self) -> int:
        if self.pulled >= self.size:
            raise StopIteration
        self.pulled += 1
        return self.pulled - 1


def test_take_zero_is_a_real_limit() -> None:
    got = truthiness.take([1, 2, 3], 0)
    assert got == [], "take(items, 0): a limit of 0 is a real limit, not 'no limit'"
    source = Source()
    truthiness.take(source, 0)
    assert source.pulled == 0, "take(items, 0) must not pull any item"


def test_take_none_means_no_limit() -> None:
    got = truthiness.take([1, 2, 3])
    assert got == [1, 2, 3], "take(items): without a limit, all the items"
    got = truthiness.take([1, 2, 3], None)
    assert got == [1, 2, 3], "take(items, None): None means no limit, all the items"


@pytest.mark.parametrize("limit", [-1, -5])
def test_take_negative_limit_is_refused(limit: int) -> None:
    try:
        got = truthiness.take([1, 2, 3], limit)
    except ValueError:
        pass
    else:
        pytest.fail(f"take(items, {limit}) must raise ValueError, but it returned {got!r}")


@settings(max_examples=50)
@given(st.lists(st.integers(), max_size=12), st.none() | st.integers(0, 15))
@example([0, 0, 1], 2)
@example([], 0)
def test_take_returns_the_first_items(items: list[int], limit: int | None) -> None:
    got = truthiness.take(items, limit)
    want = items if limit is None else items[:limit]
    assert got == want, "take(items, limit): the first `limit` items (all of them for None)"
    assert type(got) is list, "take() returns a list"


@settings(max_examples=30)
@given(st.integers(0, 50))
def test_take_pulls_at_most_limit_items(limit: int) -> None:
    source = Source()
    got = truthiness.take(source, limit)
    assert got == list(range(limit)), "take(iterator, limit): the first `limit` items"
    assert source.pulled == limit, (
        "take(iterator, limit) pulls at most `limit` items: the rest stay unconsumed"
    )


_values = st.one_of(
    st.integers(), st.text(max_size=3), st.booleans(), st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=1), st.integers(), max_size=1), st.just(0.0),
)
_keys = st.sampled_from(["id", "name", "age", "tags", "nick", "active"])


@settings(max_examples=50)
@given(
    st.dictionaries(_keys, _values, max_size=6),
    st.dictionaries(_keys, st.none() | _values | st.sampled_from([0, "", False, [], {}]), max_size=6),
)
@example({"name": "Ann", "visits": 3}, {"name": None, "visits": 0})
@example({"tags": ["vip"], "nick": "A"}, {"tags": [], "nick": ""})
@example({"active": True}, {"active": False, "new": None})
def test_merge_update_none_means_not_given(
    current: dict[str, object], update: dict[str, object | None]
) -> None:
    current_before, update_before = copy.deepcopy(current), copy.deepcopy(update)
    got = truthiness.merge_update(current, update)
    for key, value in update.items():
        if value is None:
            if key in current:
                assert key in got and got[key] == current[key], (
                    f"merge_update(): {key!r}: None means 'not provided', the current value stays"
                )
            else:
                assert key not in got, (
                    f"merge_update(): {key!r}: None means 'not provided', the key is not added"
                )
        else:
            assert key in got and got[key] == value, (
                f"merge_update(): {key!r} = {value!r} must replace or add -- falsy values "
                "(0, '', False, [], {}) are deliberate new values"
            )
    for key, value in current.items():
        if key not in update:
            assert key in got and got[key] == value, (
                f"merge_update(): {key!r} is not in the update, so it keeps its value"
            )
    want_order = list(current) + [k for k, v in update.items() if k not in current and v is not None]
    assert list(got) == want_order, (
        "merge_update(): key order is current's keys, then new keys in update's order"
    )
    assert current == current_before, "merge_update() must not modify `current`"
    assert update == update_before, "merge_update() must not modify `update`"


def test_merge_update_returns_a_new_dict() -> None:
    current = {"a": 1}
    got = truthiness.merge_update(current, {})
    assert got == {"a": 1}, "merge_update(current, {}): an empty update changes nothing"
    assert got is not current, "merge_update() returns a new dict, never `current` itself"
