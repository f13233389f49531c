"""Grader for day4.new_vs_init: a normalised float subclass and an interned str subclass."""

from __future__ import annotations

import math
from collections.abc import Callable

from hypothesis import example, given
from hypothesis import strategies as st

from day4 import new_vs_init as kata


def raised(call: Callable[[], object]) -> BaseException | None:
    """The exception the call raised (None if it returned); a stub's NotImplementedError escapes."""
    try:
        call()
    except NotImplementedError:
        raise
    except Exception as exc:
        return exc
    return None


def outcome(
    call: Callable[[], object], expected: type[BaseException] | tuple[type[BaseException], ...]
) -> str:
    """The expected exception's name if the call raised it (subclasses count), else what happened.

    With a tuple, any of its exceptions counts and the first one's name is returned.
    """
    error = raised(call)
    if error is None:
        return "nothing raised"
    if isinstance(error, expected):
        return (expected if isinstance(expected, type) else expected[0]).__name__
    return f"{type(error).__name__}: {error}"


@given(degrees=st.integers(min_value=-10**6, max_value=10**6))
@example(degrees=370)
@example(degrees=-90)
@example(degrees=360)
@example(degrees=0)
def test_angle_is_normalised_at_creation(degrees: int) -> None:
    angle = kata.Angle(degrees)
    assert float(angle) == degrees % 360, (
        "Angle(d): the value itself is float(d) % 360 (only __new__ can change a float's value; "
        "__init__ runs too late)"
    )
    assert type(angle) is kata.Angle, "Angle(d): the result is an Angle, not a plain float"
    assert isinstance(angle, float), "Angle is a float subclass"
    assert 0 <= angle < 360, "Angle(d): an integer angle lies in [0, 360)"


@given(quarters=st.integers(min_value=-4 * 10**5, max_value=4 * 10**5))
@example(quarters=-2)
@example(quarters=1441)
def test_angle_keeps_fractions(quarters: int) -> None:
    degrees = quarters / 4
    angle = kata.Angle(degrees)
    assert float(angle) == degrees % 360, "Angle(d): fractions of a degree are kept, float(d) % 360"


def test_angle_accepts_what_float_accepts_and_repr() -> None:
    got = [kata.Angle("45"), kata.Angle("-30.5"), kata.Angle(720.25), kata.Angle()]
    assert [float(a) for a in got] == [45.0, 329.5, 0.25, 0.0], (
        "Angle(d): d is anything float() accepts (numeric strings too); the default is 0"
    )
    assert [repr(a) for a in got] == ["Angle(45.0)", "Angle(329.5)", "Angle(0.25)", "Angle(0.0)"], (
        "repr(Angle(...)) is 'Angle(<value as a float>)'"
    )


def test_angle_arithmetic_is_plain_float() -> None:
    angle = kata.Angle(350)
    total = angle + 20
    assert (total, type(total)) == (370.0, float), (
        "Angle arithmetic is plain float arithmetic and returns a plain float (Angle(350) + 20)"
    )
    again = kata.Angle(kata.Angle(370))
    assert (float(again), type(again)) == (10.0, kata.Angle), "Angle(Angle(370)) is Angle(10.0)"


def test_angle_rejects_non_finite_and_non_numbers() -> None:
    got = {
        text: outcome(lambda value=value: kata.Angle(value), ValueError)
        for text, value in [("inf", math.inf), ("-inf", -math.inf), ("nan", math.nan),
                            ("'north'", "north")]
    }  # fmt: skip
    assert got == {"inf": "ValueError", "-inf": "ValueError", "nan": "ValueError",
                   "'north'": "ValueError"}, (
        "Angle(d): a non-finite value or a string float() rejects raises ValueError"
    )  # fmt: skip


IDENTIFIER_START = "abcxyzABCXYZ_"
identifiers = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from(IDENTIFIER_START),
    st.text(alphabet=IDENTIFIER_START + "0123456789", max_size=12),
)


@given(name=identifiers)
@example(name="pending")
@example(name="_")
def test_symbol_is_interned(name: str) -> None:
    first = kata.Symbol(name)
    # build the second name from pieces, so it is a distinct str object with the same text
    second = kata.Symbol("".join(list(name)))
    assert first is second, (
        "Symbol(name): constructing a symbol for a name seen before returns the very same "
        "object (only __new__ can return an existing object)"
    )
    assert type(first) is kata.Symbol, "Symbol(name): the result is a Symbol"
    assert first == name, "Symbol(name) == name: a symbol is a str with the same text"
    assert hash(first) == hash(name), "Symbol(name) hashes like the str name"
    assert repr(first) == f"Symbol({name!r})", "repr(Symbol('x')) is \"Symbol('x')\""
    assert kata.Symbol(first) is first, "Symbol(Symbol(name)) is that same symbol"


def test_symbols_with_different_names_differ() -> None:
    a, b = kata.Symbol("alpha"), kata.Symbol("beta")
    assert (a is b, a == b) == (False, False), "Symbol: different names give different symbols"
    assert {a: 1, "alpha": 2} == {"alpha": 2}, "Symbol: usable wherever a str is (dict keys)"


def test_symbol_rejects_bad_names() -> None:
    got = {
        repr(value): outcome(
            lambda value=value: kata.Symbol(value), TypeError if value == 42 else ValueError
        )
        for value in ["", "two words", "1st", "a-b", 42]
    }
    assert got == {"''": "ValueError", "'two words'": "ValueError", "'1st'": "ValueError",
                   "'a-b'": "ValueError", "42": "TypeError"}, (
        "Symbol(name): a str that is not an identifier raises ValueError, a non-str TypeError"
    )  # fmt: skip
