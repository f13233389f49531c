"""Grader for day4_1.money_decimal: Decimal only, minor units, currency checks, exact allocation."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import example, given, settings
from hypothesis import strategies as st

from day4_1 import money_decimal as kata

MINOR = {"USD": 2, "EUR": 2, "GBP": 2, "JPY": 0, "BHD": 3}
currencies = st.sampled_from(sorted(MINOR))
# any Decimal with up to 6 decimal places, |amount| <= 10**15
decimals = st.builds(
    lambda digits, places: Decimal(digits).scaleb(-places),
    st.integers(min_value=-10**15, max_value=10**15),
    st.integers(min_value=0, max_value=6),
)

# factors small enough that every product is exact within Decimal's default 28 digits
factors = st.builds(
    lambda digits, places: Decimal(digits).scaleb(-places),
    st.integers(min_value=-10**7, max_value=10**7),
    st.integers(min_value=0, max_value=4),
)
small_decimals = st.builds(
    lambda digits, places: Decimal(digits).scaleb(-places),
    st.integers(min_value=-10**12, max_value=10**12),
    st.integers(min_value=0, max_value=4),
)


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


def quantised(amount: Decimal, currency: str) -> Decimal:
    return amount.quantize(Decimal(1).scaleb(-MINOR[currency]), rounding=ROUND_HALF_UP)


def money_in_units(units: int, currency: str) -> kata.Money:
    return kata.Money(Decimal(units).scaleb(-MINOR[currency]), currency)


def units_of(money: kata.Money) -> int:
    return int(money.amount.scaleb(MINOR[money.currency]))


def places(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)
    return -exponent


class AlwaysEqual:
    """Claims equality with everything: reached only if Money.__eq__ returns NotImplemented."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__


# --- construction ----------------------------------------------------------------------------


@given(amount=decimals, currency=currencies)
@example(amount=Decimal("1.005"), currency="USD")
@example(amount=Decimal("-1.005"), currency="USD")
@example(amount=Decimal("2.5"), currency="JPY")
@example(amount=Decimal("0.0005"), currency="BHD")
@example(amount=Decimal("5"), currency="USD")
@example(amount=Decimal("0.125"), currency="EUR")
def test_amount_is_quantised_half_up(amount: Decimal, currency: str) -> None:
    money = kata.Money(amount, currency)
    assert money.amount == quantised(amount, currency), (
        "Money(amount, currency): the amount is quantised to the currency's minor unit with "
        "ROUND_HALF_UP (1.005 USD -> 1.01, -1.005 -> -1.01, 2.5 JPY -> 3)"
    )
    assert places(money.amount) == MINOR[currency], (
        "Money.amount: has exactly MINOR_UNITS[currency] decimal places (5 USD is 5.00)"
    )
    assert money.currency == currency, "Money.currency: the currency given"


def test_rejects_non_decimal_amounts() -> None:
    bad = {"0.1 (float)": 0.1, "1 (int)": 1, "'1.00' (str)": "1.00", "None": None, "True": True}
    got = {label: outcome(lambda v=v: kata.Money(v, "USD"), TypeError) for label, v in bad.items()}
    assert got == dict.fromkeys(bad, "TypeError"), (
        "Money(amount, currency): an amount that is not a Decimal (float, int, str...) raises "
        "TypeError"
    )
    specials = ["NaN", "Infinity", "-Infinity", "sNaN"]
    got = {s: outcome(lambda s=s: kata.Money(Decimal(s), "USD"), ValueError) for s in specials}
    assert got == dict.fromkeys(specials, "ValueError"), (
        "Money(amount, currency): a non-finite Decimal (NaN, Infinity) raises ValueError"
    )


def test_rejects_unknown_currencies() -> None:
    codes = ["usd", "XYZ", "", "US"]
    got = [outcome(lambda c=c: kata.Money(Decimal("1"), c), kata.UnknownCurrency) for c in codes]
    assert got == ["UnknownCurrency"] * len(codes), (
        "Money(amount, currency): a currency that is not a key of MINOR_UNITS raises "
        "UnknownCurrency (no normalisation: 'usd' is unknown)"
    )
    assert issubclass(kata.UnknownCurrency, kata.MoneyError), "UnknownCurrency is a MoneyError"


# --- value object ----------------------------------------------------------------------------


def test_equality_hash_and_repr() -> None:
    a = kata.Money(Decimal("1.5"), "USD")
    b = kata.Money(Decimal("1.50"), "USD")
    assert (a == b, hash(a) == hash(b)) == (True, True), (
        "Money ==: equal amounts of one currency are equal (1.5 and 1.50 USD), and hash equal"
    )
    assert a != kata.Money(Decimal("1.5"), "EUR"), "Money ==: different currencies are not equal"
    assert a != kata.Money(Decimal("1.51"), "USD"), "Money ==: different amounts are not equal"
    assert (a == Decimal("1.50"), a == AlwaysEqual()) == (False, True), (
        "Money ==: never equal to a non-Money; it returns NotImplemented so Python asks the "
        "other operand"
    )
    assert len({a, b, kata.Money(Decimal("1.5"), "GBP")}) == 2, "Money: usable in sets"
    assert repr(a) == "Money(Decimal('1.50'), 'USD')", (
        "repr(Money(Decimal('1.5'), 'USD')) is \"Money(Decimal('1.50'), 'USD')\""
    )


def test_is_immutable() -> None:
    money = kata.Money(Decimal("9.99"), "EUR")
    got = {
        "money.amount = ...": outcome(lambda: setattr(money, "amount", Decimal(0)), AttributeError),
        "money.currency = ...": outcome(lambda: setattr(money, "currency", "USD"), AttributeError),
        # a frozen slots dataclass raises TypeError here on Python 3.11 (a CPython bug): the
        # spec promises AttributeError, so a hand-written class with __slots__ is the way
        "money.note = ...": outcome(lambda: setattr(money, "note", "x"), AttributeError),
    }
    assert got == dict.fromkeys(got, "AttributeError"), (
        "Money is immutable: assigning amount, currency or a new attribute raises AttributeError"
    )
    assert (money.amount, money.currency) == (Decimal("9.99"), "EUR"), "Money never changes"


# --- arithmetic ------------------------------------------------------------------------------


@given(a=decimals, b=decimals, currency=currencies)
def test_add_and_subtract_within_a_currency(a: Decimal, b: Decimal, currency: str) -> None:
    left, right = kata.Money(a, currency), kata.Money(b, currency)
    total, difference, negated = left + right, left - right, -left
    qa, qb = quantised(a, currency), quantised(b, currency)
    got = [(m.amount, m.currency) for m in (total, difference, negated)]
    assert got == [(qa + qb, currency), (qa - qb, currency), (-qa, currency)], (
        "Money +, -, unary -: exact Decimal arithmetic on the amounts, same currency"
    )
    assert [places(m.amount) for m in (total, difference, negated)] == [MINOR[currency]] * 3, (
        "Money +, -: results have the currency's number of decimal places"
    )
    assert (left.amount, right.amount) == (qa, qb), (
        "Money +, -: the operands never change; every result is a new Money"
    )


def test_mixing_currencies_is_a_domain_error() -> None:
    usd, eur = kata.Money(Decimal("1"), "USD"), kata.Money(Decimal("1"), "EUR")
    got = {
        "usd + eur": outcome(lambda: usd + eur, kata.CurrencyMismatch),
        "usd - eur": outcome(lambda: usd - eur, kata.CurrencyMismatch),
    }
    assert got == {"usd + eur": "CurrencyMismatch", "usd - eur": "CurrencyMismatch"}, (
        "Money +, -: amounts of different currencies raise CurrencyMismatch"
    )
    assert issubclass(kata.CurrencyMismatch, kata.MoneyError), "CurrencyMismatch is a MoneyError"
    got = {
        "usd + 1": outcome(lambda: usd + 1, TypeError),
        "usd - Decimal(1)": outcome(lambda: usd - Decimal(1), TypeError),
    }
    assert got == {"usd + 1": "TypeError", "usd - Decimal(1)": "TypeError"}, (
        "Money +, -: with a non-Money operand, TypeError"
    )


@given(
    amount=small_decimals,
    factor=st.one_of(st.integers(-1000, 1000), factors),
    currency=currencies,
)
@example(amount=Decimal("0.01"), factor=Decimal("0.5"), currency="USD")
@example(amount=Decimal("0.03"), factor=Decimal("0.5"), currency="USD")
@example(amount=Decimal("-0.01"), factor=Decimal("0.5"), currency="USD")
@example(amount=Decimal("3"), factor=Decimal("0.5"), currency="JPY")
def test_multiply_by_int_or_decimal(amount: Decimal, factor: int | Decimal, currency: str) -> None:
    money = kata.Money(amount, currency)
    product = money * factor
    want = quantised(quantised(amount, currency) * factor, currency)
    assert (product.amount, product.currency) == (want, currency), (
        "Money * n: the amount times an int or Decimal n, quantised with ROUND_HALF_UP "
        "(0.01 USD * 0.5 -> 0.01)"
    )
    reflected = factor * money
    assert reflected == product, "n * Money: the same as Money * n"


def test_multiply_by_float_is_a_type_error() -> None:
    money = kata.Money(Decimal("10"), "USD")
    got = {
        "money * 1.5": outcome(lambda: money * 1.5, TypeError),
        "1.5 * money": outcome(lambda: 1.5 * money, TypeError),
    }
    assert got == {"money * 1.5": "TypeError", "1.5 * money": "TypeError"}, (
        "Money * float: floats are rejected with TypeError"
    )


# --- allocation ------------------------------------------------------------------------------


def spec_allocation(units: int, ratios: list[int]) -> list[int]:
    """The documented rule: floor shares, leftover units to the largest remainders, ties first."""
    sign, units = (-1 if units < 0 else 1), abs(units)
    total = sum(ratios)
    shares = [divmod(units * ratio, total) for ratio in ratios]
    leftover = units - sum(whole for whole, _ in shares)
    extra = set(sorted(range(len(ratios)), key=lambda i: (-shares[i][1], i))[:leftover])
    return [sign * (whole + (i in extra)) for i, (whole, _) in enumerate(shares)]


ratio_lists = st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=6).filter(
    lambda ratios: sum(ratios) > 0
)


@given(units=st.integers(-10**7, 10**7), ratios=ratio_lists, currency=currencies)
@example(units=5, ratios=[3, 7], currency="USD")
@example(units=5, ratios=[1, 1, 2], currency="USD")
@example(units=5, ratios=[0, 1, 1], currency="USD")
@example(units=-100, ratios=[1, 1, 1], currency="USD")
@example(units=100, ratios=[1, 1, 1], currency="JPY")
@example(units=1, ratios=[1, 1, 1, 1], currency="BHD")
def test_allocate_never_loses_or_invents_a_unit(units: int, ratios: list[int], currency: str) -> None:
    whole = money_in_units(units, currency)
    parts = whole.allocate(ratios)
    assert [p.currency for p in parts] == [currency] * len(ratios), (
        "allocate(ratios): one Money per ratio, all in the original currency"
    )
    parts_total = sum((p.amount for p in parts), Decimal(0))
    assert parts_total == whole.amount, (
        "allocate(ratios): the parts sum exactly to the whole — no minor unit lost or invented"
    )
    assert [places(p.amount) for p in parts] == [MINOR[currency]] * len(ratios), (
        "allocate(ratios): every part has the currency's number of decimal places"
    )
    got = [units_of(p) for p in parts]
    total = sum(ratios)
    assert all(abs(g - Fraction(units * r, total)) < 1 for g, r in zip(got, ratios)), (
        "allocate(ratios): each part is within one minor unit of its exact proportional share"
    )
    assert got == spec_allocation(units, ratios), (
        "allocate(ratios): floor of each share in minor units, the leftover units one each to "
        "the largest remainders (ties: earlier part first); ratio 0 gets zero; a negative "
        "amount is allocated as its absolute value, then negated"
    )


@settings(max_examples=50)  # a small input space: fewer examples suffice
@given(units=st.integers(-10**7, 10**7), count=st.integers(1, 12), currency=currencies)
@example(units=100, count=3, currency="JPY")
@example(units=-100, count=3, currency="USD")
@example(units=2, count=5, currency="EUR")
def test_split_into_near_equal_parts(units: int, count: int, currency: str) -> None:
    whole = money_in_units(units, currency)
    parts = whole.split(count)
    got = [units_of(p) for p in parts]
    assert (len(got), sum(got)) == (count, units), (
        "split(n): n parts that sum exactly to the whole"
    )
    assert max(got) - min(got) <= 1, "split(n): parts differ by at most one minor unit"
    assert [abs(g) for g in got] == sorted((abs(g) for g in got), reverse=True), (
        "split(n): the larger parts come first"
    )


def test_bad_ratios_and_counts() -> None:
    money = kata.Money(Decimal("10"), "USD")
    cases: dict[str, Callable[[], object]] = {
        "allocate([])": lambda: money.allocate([]),
        "allocate([-1, 2])": lambda: money.allocate([-1, 2]),
        "allocate([0, 0])": lambda: money.allocate([0, 0]),
        "split(0)": lambda: money.split(0),
        "split(-2)": lambda: money.split(-2),
    }
    got = {code: outcome(call, ValueError) for code, call in cases.items()}
    assert got == dict.fromkeys(cases, "ValueError"), (
        "allocate()/split(): empty ratios, a negative ratio, ratios summing to 0 or n < 1 "
        "raise ValueError"
    )
