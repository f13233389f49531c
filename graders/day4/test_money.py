"""Grader for day4.money: ==, hash, ordering, repr and str agree; the object is immutable."""

from __future__ import annotations

import operator
from collections.abc import Callable
from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from day4 import money as kata

CURRENCIES = ["USD", "EUR", "JPY"]
# a small domain, so that two drawn amounts are often equal
amounts = st.tuples(st.integers(min_value=-3, max_value=3), st.sampled_from(CURRENCIES[:2]))
ORDERINGS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


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


class AlwaysEqual:
    """Claims equality with everything: reached only if Money.__eq__ returns NotImplemented."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__


@settings(max_examples=50)  # a small input space: fewer examples suffice
@given(a=amounts, b=amounts)
@example(a=(100, "USD"), b=(100, "EUR"))
@example(a=(100, "USD"), b=(100, "USD"))
def test_equality_is_by_cents_and_currency(a: tuple[int, str], b: tuple[int, str]) -> None:
    left, right = kata.Money(*a), kata.Money(*b)
    assert (left == right) is (a == b), (
        "Money ==: equal exactly when both the cents and the currency are equal"
    )
    assert (left != right) is (a != b), "Money !=: the opposite of =="


@settings(max_examples=50)  # a small input space: fewer examples suffice
@given(a=amounts, b=amounts)
@example(a=(100, "USD"), b=(100, "USD"))
@example(a=(0, "EUR"), b=(0, "EUR"))
def test_equal_moneys_hash_equal(a: tuple[int, str], b: tuple[int, str]) -> None:
    left, right = kata.Money(*a), kata.Money(*b)
    error = raised(lambda: hash(left))
    assert error is None, (
        "hash(Money): a Money is hashable (defining __eq__ without __hash__ sets __hash__ to None)"
    )
    if left == right:
        assert hash(left) == hash(right), (
            "hash(Money): equal moneys must hash equal (hash consistent with ==)"
        )


def test_works_as_dict_key_and_in_sets() -> None:
    prices = {kata.Money(1050, "USD"): "burger"}
    assert prices.get(kata.Money(1050, "USD")) == "burger", (
        "Money: an equal, separately built Money finds the same dict entry (define __hash__ "
        "next to __eq__: __eq__ alone makes the class unhashable)"
    )
    got = len({kata.Money(5, "USD"), kata.Money(5, "USD"), kata.Money(5, "EUR")})
    assert got == 2, "Money: a set keeps one Money per (cents, currency)"


def test_comparison_with_other_types() -> None:
    price = kata.Money(1050, "USD")
    got = [price == 1050, price == "10.50 USD", price == (1050, "USD"), price == None]  # noqa: E711
    assert got == [False] * 4, "Money ==: never equal to something that is not a Money"
    assert (price == AlwaysEqual()) is True, (
        "Money ==: with a non-Money it returns NotImplemented (not False), so Python asks the "
        "other operand"
    )
    errors = {sign: outcome(lambda op=op: op(price, 5), TypeError) for sign, op in ORDERINGS.items()}
    assert errors == dict.fromkeys(ORDERINGS, "TypeError"), (
        "Money <, <=, >, >= against a non-Money: NotImplemented, so Python raises TypeError"
    )


@settings(max_examples=50)  # a small input space: fewer examples suffice
@given(a=st.integers(-300, 300), b=st.integers(-300, 300), currency=st.sampled_from(CURRENCIES))
@example(a=5, b=5, currency="USD")
def test_ordering_within_a_currency(a: int, b: int, currency: str) -> None:
    left, right = kata.Money(a, currency), kata.Money(b, currency)
    got = {sign: op(left, right) for sign, op in ORDERINGS.items()}
    want = {sign: op(a, b) for sign, op in ORDERINGS.items()}
    assert got == want, "Money <, <=, >, >=: within one currency, ordered by cents"


@settings(max_examples=50)  # a small input space: fewer examples suffice
@given(cents=st.lists(st.integers(-10**6, 10**6), max_size=10))
def test_sorting(cents: list[int]) -> None:
    got = sorted(kata.Money(c, "EUR") for c in cents)
    assert [m.cents for m in got] == sorted(cents), "sorted(moneys): same currency, by cents"


def test_ordering_across_currencies_raises_type_error() -> None:
    usd, eur = kata.Money(100, "USD"), kata.Money(200, "EUR")
    errors = {sign: outcome(lambda op=op: op(usd, eur), TypeError) for sign, op in ORDERINGS.items()}
    assert errors == dict.fromkeys(ORDERINGS, "TypeError"), (
        "Money <, <=, >, >=: ordering amounts of different currencies raises TypeError"
    )


@given(money=st.tuples(st.integers(-10**6, 10**6), st.sampled_from(CURRENCIES)))
@example(money=(1050, "USD"))
@example(money=(-5, "EUR"))
def test_repr_is_an_expression_for_an_equal_money(money: tuple[int, str]) -> None:
    value = kata.Money(*money)
    cents, currency = money
    assert repr(value) == f"Money({cents}, '{currency}')", (
        "repr(Money(1050, 'USD')) is \"Money(1050, 'USD')\""
    )
    assert eval(repr(value), {"Money": kata.Money}) == value, (
        "repr(Money): evaluating it builds an equal Money"
    )


@given(cents=st.integers(min_value=-10**8, max_value=10**8), currency=st.sampled_from(CURRENCIES))
@example(cents=1050, currency="USD")
@example(cents=-5, currency="USD")
@example(cents=-100, currency="USD")
@example(cents=-150, currency="USD")
@example(cents=0, currency="EUR")
@example(cents=7, currency="EUR")
def test_str_shows_units_and_two_decimals(cents: int, currency: str) -> None:
    got = str(kata.Money(cents, currency))
    want = f"{Decimal(cents) / 100:.2f} {currency}"
    assert got == want, (
        "str(Money): '<units>.<two digits> <currency>', minus sign for negative amounts "
        "(Money(-5, 'USD') is '-0.05 USD', Money(-150, 'USD') is '-1.50 USD')"
    )


def test_rejects_bad_cents_and_currencies() -> None:
    bad_cents = [10.5, True, "100", None, Decimal("1")]
    got = [outcome(lambda c=c: kata.Money(c, "USD"), TypeError) for c in bad_cents]
    assert got == ["TypeError"] * len(bad_cents), (
        "Money(cents, currency): cents that is not an int (bool, float, str, None, Decimal) "
        "raises TypeError"
    )
    bad_codes = ["usd", "US", "USDX", "U$D", "", " USD"]
    got = [outcome(lambda c=c: kata.Money(100, c), ValueError) for c in bad_codes]
    assert got == ["ValueError"] * len(bad_codes), (
        "Money(cents, currency): a currency that is not three ASCII upper-case letters raises "
        "ValueError"
    )


def test_currency_letters_are_ascii_upper_case_letters() -> None:
    bad_codes = ["ÄBC", "ΑΒΓ", "ＵＳＤ", "U1D", "USD\n", "\nUSD", "USD "]
    got = {c: outcome(lambda c=c: kata.Money(100, c), ValueError) for c in bad_codes}
    assert got == dict.fromkeys(bad_codes, "ValueError"), (
        "Money(cents, currency): 'ÄBC', 'U1D' and 'USD' followed by a newline raise ValueError "
        "-- three ASCII upper-case letters exactly (str.isupper()/str.isalpha() are not ASCII "
        "tests; a regex ending in $ lets a final newline through)"
    )


def test_bad_cents_are_reported_before_a_bad_currency() -> None:
    got = [outcome(lambda c=c: kata.Money(c, "usd"), TypeError) for c in (1.5, True, "100")]
    assert got == ["TypeError"] * 3, (
        "Money(cents, currency): when both are bad, cents is checked first -- "
        "Money(1.5, 'usd') raises TypeError"
    )


def test_is_immutable_at_run_time() -> None:
    price = kata.Money(1050, "USD")
    got = {
        "price.cents = 1": outcome(lambda: setattr(price, "cents", 1), AttributeError),
        "price.currency = 'EUR'": outcome(lambda: setattr(price, "currency", "EUR"), AttributeError),
        "del price.cents": outcome(lambda: delattr(price, "cents"), AttributeError),
        "del price.currency": outcome(lambda: delattr(price, "currency"), AttributeError),
    }
    assert got == dict.fromkeys(got, "AttributeError"), (
        "Money is immutable: assigning or deleting cents/currency raises AttributeError"
    )
    added = outcome(lambda: setattr(price, "note", "sale"), AttributeError)
    assert added == "AttributeError", (
        "Money is immutable: adding a new attribute (price.note = 'sale') raises AttributeError "
        "-- mind that @dataclass(frozen=True, slots=True) raises TypeError there"
    )
    assert not hasattr(price, "note"), "Money is immutable: a refused attribute is not added"
    assert (price.cents, price.currency) == (1050, "USD"), (
        "Money is immutable: refused assignments leave the value unchanged"
    )
