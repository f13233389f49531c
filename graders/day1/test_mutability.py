"""Grader for day1.mutability: predictions about mutation, and a deep freeze()."""

from __future__ import annotations

import ast
import copy
import textwrap
from collections import OrderedDict, defaultdict
from dataclasses import dataclass

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day1 import mutability

SNIPPETS = {
    "list_plus_equals": """
        a = [1]
        b = a
        b += [2]
        a
    """,
    "tuple_plus_equals": """
        a = (1,)
        b = a
        b += (2,)
        a
    """,
    "list_plus": """
        a = [1]
        b = a
        b = b + [2]
        a
    """,
    "str_method": """
        s = "abc"
        s.upper()
        s
    """,
    "tuple_holding_list": """
        t = (1, [])
        t[1].append(2)
        t
    """,
    "tuple_item_plus_equals": """
        t = ([],)
        try:
            t[0] += [1]
        except TypeError:
            pass
        t
    """,
    "grid": """
        grid = [[0] * 2] * 2
        grid[0][0] = 1
        grid
    """,
    "rebinding_parameter": """
        def extend(xs):
            xs = xs + [1]
            return xs
        a = [0]
        extend(a)
        a
    """,
    "mutating_parameter": """
        def extend(xs):
            xs.append(1)
            return xs
        a = [0]
        extend(a)
        a
    """,
    "hash_tuple_with_list": """
        try:
            hash((1, [2]))
            outcome = "hashable"
        except TypeError:
            outcome = "TypeError"
        outcome
    """,
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
    answers = mutability.predict()
    assert name in answers, f"predict() must answer the snippet {name!r}"
    got, want = answers[name], _evaluate(SNIPPETS[name])
    code = " / ".join(line.strip() for line in SNIPPETS[name].strip().splitlines())
    assert got == want, f"predict()[{name!r}]: what `{code}` evaluates to"
    assert repr(got) == repr(want), (
        f"predict()[{name!r}]: the right value but the wrong type -- give the value itself, "
        f"a {type(want).__name__}"
    )


def _frozen(value: object) -> object:
    """The conversion rules of the spec, written out."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(_frozen(v) for v in value)
    if isinstance(value, dict):
        return frozenset((k, _frozen(v)) for k, v in value.items())
    if isinstance(value, bytearray):
        return bytes(value)
    return value


def _check_types(got: object, want: object, path: str = "result") -> None:
    assert type(got) is type(want), (
        f"freeze(): {path} must be a {type(want).__name__}, not a {type(got).__name__}"
    )
    if isinstance(want, tuple) and isinstance(got, tuple):
        for i, (g, w) in enumerate(zip(got, want)):
            _check_types(g, w, f"{path}[{i}]")


_leaves = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
    st.text(max_size=4), st.binary(max_size=3),
)
_json_like = st.recursive(
    _leaves | st.binary(max_size=3).map(bytearray),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=3), inner, max_size=4),
        st.sets(_leaves, max_size=4),
        st.frozensets(_leaves, max_size=3),
    ),
    max_leaves=8,
)


@settings(max_examples=60)
@given(_json_like)
@example([1, [2, 3], {"a": [4]}])
@example({"tags": {"x", "y"}, "items": [{"id": 1, "raw": bytearray(b"z")}]})
@example(((1, [2]), []))
def test_freeze_follows_the_conversion_rules(value: object) -> None:
    before = copy.deepcopy(value)
    got = mutability.freeze(value)
    want = _frozen(value)
    assert got == want, (
        "freeze(): lists/tuples -> tuple, sets -> frozenset, dicts -> frozenset of "
        "(key, frozen value) pairs, bytearray -> bytes, recursively"
    )
    _check_types(got, want)
    try:
        hash(got)
    except TypeError as err:
        pytest.fail(f"freeze(): the result must be hashable, all the way down ({err})")
    assert value == before, "freeze() must never modify its argument"


@settings(max_examples=40)
@given(
    st.dictionaries(
        st.text(max_size=3),
        _leaves | st.lists(_leaves, max_size=3) | st.dictionaries(st.text(max_size=2), _leaves, max_size=3),
        max_size=5,
    )
)
def test_equal_dicts_freeze_equal(data: dict[str, object]) -> None:
    reordered = dict(reversed(list(data.items())))
    got_a, got_b = mutability.freeze(data), mutability.freeze(reordered)
    assert got_a == got_b, "freeze(): equal dicts (in any key order) give equal results"
    assert hash(got_a) == hash(got_b), "freeze(): equal dicts give equal hashes"


def test_nested_containers_are_left_untouched() -> None:
    inner = [1, 2]
    data = {"inner": inner, "rows": [inner, [3]]}
    mutability.freeze(data)
    assert data == {"inner": [1, 2], "rows": [[1, 2], [3]]}, "freeze() must never modify its argument"
    assert data["inner"] is inner and type(data["rows"]) is list, (
        "freeze() must never modify its argument, not even the containers nested inside it"
    )


@dataclass(frozen=True)
class Point:
    x: int
    y: int


@pytest.mark.parametrize(
    "value", ["text", 10**30, 2.5, None, b"raw", True, Point(1, 2), frozenset()],
    ids=lambda v: type(v).__name__,
)
def test_hashable_values_are_returned_as_they_are(value: object) -> None:
    got = mutability.freeze(value)
    if isinstance(value, frozenset):
        assert got == value and type(got) is frozenset, "freeze(frozenset()): a frozenset"
    else:
        assert got is value, (
            f"freeze(): a hashable {type(value).__name__} is returned as it is, the same object"
        )


def test_subclasses_count_as_their_base() -> None:
    counts: defaultdict[str, list[int]] = defaultdict(list, {"a": [1]})
    got = mutability.freeze([counts, OrderedDict(b=[2])])
    assert got == (frozenset({("a", (1,))}), frozenset({("b", (2,))})), (
        "freeze(): a defaultdict or an OrderedDict is frozen like a dict"
    )


class Unhashable:
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unhashable)


@pytest.mark.parametrize(
    "value", [Unhashable(), [1, Unhashable()], {"k": Unhashable()}],
    ids=["the value itself", "inside a list", "inside a dict"],
)
def test_unhashable_values_are_refused(value: object) -> None:
    try:
        got = mutability.freeze(value)
    except TypeError as err:
        assert "Unhashable" in str(err), (
            "freeze(): the TypeError message must name the type it cannot freeze"
        )
    else:
        pytest.fail(
            f"freeze() must raise TypeError for a value it cannot make hashable, but it returned {got!r}"
        )
