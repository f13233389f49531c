"""Grader for day1.none_identity: predictions about is/==, and code that trusts only `is`."""

from __future__ import annotations

import ast
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from day1 import none_identity

SNIPPETS = {
    "new_lists_equal": "[] == []",
    "new_lists_identical": "[] is []",
    "alias": """
        a = [1]
        b = a
        b.append(2)
        (a, b is a)
    """,
    "copy": """
        a = [1]
        b = a[:]
        (b == a, b is a)
    """,
    "none_vs_false": "None == False",
    "zero_vs_false": """
        zero = 0
        (zero == False, zero is False)
    """,
    "eq_says_yes": """
        class Anything:
            def __eq__(self, other):
                return True
        x = Anything()
        (x == None, x is None)
    """,
    "default_eq": """
        class Plain:
            pass
        p = Plain()
        (p == Plain(), p == p)
    """,
    "nan_equal": """
        nan = float("nan")
        nan == nan
    """,
    "nan_in_list": """
        nan = float("nan")
        (nan in [nan], [nan] == [nan])
    """,
    "none_type_call": "type(None)() is None",
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
    answers = none_identity.predict()
    assert name in answers, f"predict() must answer the snippet {name!r}"
    got, want = answers[name], _evaluate(SNIPPETS[name])
    code = " / ".join(line.strip() for line in SNIPPETS[name].strip().splitlines())
    assert got == want, f"predict()[{name!r}]: what `{code}` evaluates to"
    assert repr(got) == repr(want), (
        f"predict()[{name!r}]: the right value but the wrong type -- give the value itself, "
        f"a {type(want).__name__}"
    )


class EqualsEverything:
    """A sloppy class whose __eq__ says yes to anything, None included."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "EqualsEverything()"


class Clause:
    """What an ORM column's `== None` returns: an expression that refuses bool()."""

    def __bool__(self) -> bool:
        raise TypeError("Boolean value of this clause is not defined")


class Column:
    """Like an ORM column: == builds an expression object instead of comparing."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __eq__(self, other: object) -> Clause:  # type: ignore[override]
        return Clause()

    def __ne__(self, other: object) -> Clause:  # type: ignore[override]
        return Clause()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Column({self.name!r})"


def test_missing_fields_example() -> None:
    got = none_identity.missing_fields({"id": 7, "email": None, "name": "", "age": 0, "phone": None})
    assert got == ["email", "phone"], "missing_fields(): the keys whose value is None, in order"


def test_falsy_values_are_present() -> None:
    record = {"count": 0, "name": "", "tags": [], "active": False, "ratio": 0.0, "extra": {}}
    got = none_identity.missing_fields(record)
    assert got == [], "missing_fields(): 0, '', [], False, 0.0 and {} are present, not missing"


def test_an_object_equal_to_everything_is_present() -> None:
    got = none_identity.missing_fields({"a": EqualsEverything(), "b": None})
    assert got == ["b"], (
        "missing_fields(): an object whose __eq__ says it equals None is still not None"
    )


def test_an_expression_returning_eq_is_present() -> None:
    try:
        got = none_identity.missing_fields({"owner": Column("owner"), "deleted_at": None})
    except TypeError as err:
        pytest.fail(
            "missing_fields() must not depend on a value's __eq__: a column whose `== None` "
            f"returns an expression object made it fail with TypeError({err})"
        )
    assert got == ["deleted_at"], (
        "missing_fields(): a value whose `== None` builds an expression is present, not missing"
    )


_plain = st.one_of(st.none(), st.integers(), st.text(max_size=2), st.booleans(),
                   st.lists(st.integers(), max_size=1))
_tricky = st.one_of(_plain, st.builds(EqualsEverything), st.builds(Column, st.just("c")))


@settings(max_examples=40)
@given(st.dictionaries(st.text(max_size=3), _tricky, max_size=8))
def test_missing_fields_are_exactly_the_none_values(record: dict[str, object]) -> None:
    got = none_identity.missing_fields(record)
    want = [key for key, value in record.items() if value is None]
    assert got == want, "missing_fields(): exactly the keys whose value is None, in the record's order"


def test_dedupe_keeps_equal_but_distinct_objects() -> None:
    a, b = [1], [1]
    got = none_identity.dedupe([a, b, a, b, a])
    assert got == [a, b], "dedupe(): the first occurrence of each object, in order"
    assert got[0] is a and got[1] is b, (
        "dedupe(): equal but distinct objects are all kept -- only `is` decides repeats"
    )


def test_dedupe_ignores_eq() -> None:
    x, y, z = EqualsEverything(), EqualsEverything(), EqualsEverything()
    got = none_identity.dedupe([x, y, x, z, y])
    assert [id(item) for item in got] == [id(x), id(y), id(z)], (
        "dedupe(): objects whose __eq__ says they equal everything are still distinct objects"
    )
    col = Column("c")
    try:
        got_cols = none_identity.dedupe([col, Column("c"), col])
    except TypeError as err:
        pytest.fail(f"dedupe() must never consult __eq__ or __hash__, but it failed: {err}")
    assert len(got_cols) == 2 and got_cols[0] is col, (
        "dedupe(): only `is` decides repeats, whatever __eq__ returns"
    )


def test_dedupe_accepts_any_iterable() -> None:
    shared = {"k": 1}
    got = none_identity.dedupe(item for item in [shared, {"k": 1}, shared])
    assert len(got) == 2 and got[0] is shared and got[1] is not shared, (
        "dedupe(generator): unhashable items, first occurrence of each object kept"
    )


@settings(max_examples=40)
@given(st.lists(st.integers(0, 5), max_size=25), st.integers(1, 6))
def test_dedupe_first_occurrences(picks: list[int], pool_size: int) -> None:
    # a pool of equal-but-distinct lists; the items are picked from it by index
    pool = [[0] for _ in range(pool_size)]
    items = [pool[i % pool_size] for i in picks]
    got = none_identity.dedupe(items)
    want_ids: list[int] = []
    for item in items:
        if id(item) not in want_ids:
            want_ids.append(id(item))
    assert [id(item) for item in got] == want_ids, (
        "dedupe(): each distinct object once, at its first occurrence, in order"
    )
