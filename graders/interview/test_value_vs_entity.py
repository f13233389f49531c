"""Grader for interview.value_vs_entity: the classification, Money and Customer by behaviour, and
the learner's fixed line run inside the grader's own copy of the ``Account`` listing."""

from __future__ import annotations

import sys
import types
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from interview import value_vs_entity as kata

K, R = kata.Kind, kata.Reason
VALUE = (K.VALUE_OBJECT, R.DEFINED_BY_ATTRIBUTES)
ENTITY = (K.ENTITY, R.IDENTITY_OVER_TIME)
KEY = {
    "money": VALUE,
    "customer": ENTITY,
    "address": VALUE,
    "order": ENTITY,
    "order_line": ENTITY,
    "date_range": VALUE,
    "product_sku": VALUE,
}

LISTING = """\
from dataclasses import dataclass, field


@dataclass(unsafe_hash=True)
class Account:
    id: int
    email: str
    order_ids: list[int] = field(default_factory=list, compare=False)

    def change_email(self, email: str) -> None:
        self.email = email
"""

amounts = st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12, places=4)
currencies = st.sampled_from(["EUR", "USD", "JPY"])


# ----------------------------------------------------------------------------- classify


@pytest.mark.predict
@pytest.mark.parametrize("name", list(KEY))
def test_classification(name: str) -> None:
    """Each concept: value object or entity, and the property that decides it."""
    answers = kata.classify()
    assert isinstance(answers, dict), "classify(): returns a dict {concept name: Classification}"
    assert name in answers, f"classify(): no classification for {name!r}"
    got = kata.Classification(*answers[name])
    kind, because = KEY[name]
    assert got.kind == kind, f"concept {name!r}: ask whether it keeps an identity while it changes"
    assert got.because == because, (
        f"concept {name!r}: the deciding property — a table, a key or a field count decides nothing"
    )


def test_every_concept_classified() -> None:
    assert sorted(kata.classify()) == sorted(KEY), "classify(): one answer per concept, no other keys"


# ----------------------------------------------------------------------------- Money


@given(x=amounts, y=amounts, n=st.integers(-1000, 1000), currency=currencies)
@example(x=Decimal("0.1"), y=Decimal("0.2"), n=3, currency="EUR")
def test_money_arithmetic_is_exact(x: Decimal, y: Decimal, n: int, currency: str) -> None:
    """+, - and * n give new Money with the exact Decimal result; the operands do not change."""
    a, b = kata.Money(x, currency), kata.Money(y, currency)
    total, difference, product = a + b, a - b, a * n
    for result, exact, what in ((total, x + y, "a + b"), (difference, x - y, "a - b"), (product, x * n, "a * n")):
        assert isinstance(result, kata.Money), f"Money: {what} is a new Money"
        assert result.amount == exact, f"Money: {what} is exact Decimal arithmetic, no float, no rounding"
        assert result.currency == currency, f"Money: {what} keeps the currency"
    assert (a.amount, b.amount) == (x, y), "Money: arithmetic never changes its operands"
    if (x, y) == (Decimal("0.1"), Decimal("0.2")):
        assert total == kata.Money(Decimal("0.3"), "EUR"), "Money: 0.1 + 0.2 equals 0.3 exactly"


@given(x=amounts, zeros=st.integers(0, 4), currency=currencies)
def test_money_equality_and_hash_by_value(x: Decimal, zeros: int, currency: str) -> None:
    """Same currency and numerically equal amount: equal, same hash, one element of a set."""
    a = kata.Money(x, currency)
    b = kata.Money(x + Decimal(0).scaleb(-zeros), currency)  # the same number, other trailing zeros
    assert a == b, "Money: equal when currency and amount (as a number: 1.50 == 1.5) are equal"
    assert hash(a) == hash(b), "Money: equal objects have equal hashes"
    assert len({a, b}) == 1, "Money: a set keeps one of two equal Money"
    other = "GBP"
    assert a != kata.Money(x, other), "Money: another currency is another value"
    assert a != kata.Money(x + 1, currency), "Money: another amount is another value"


def test_money_is_never_equal_to_a_non_money() -> None:
    money = kata.Money(1, "EUR")
    assert money.__eq__(1) is NotImplemented, "Money: == with a non-Money returns NotImplemented"
    assert money != Decimal(1), "Money: never equal to a bare number"


@pytest.mark.parametrize("op", ["+", "-", "<", "<=", ">", ">="])
def test_mixed_currencies_are_refused(op: str) -> None:
    """+, -, and comparisons between two currencies raise CurrencyMismatch (a ValueError)."""
    eur, usd = kata.Money(Decimal("1.00"), "EUR"), kata.Money(Decimal("1.00"), "USD")
    with pytest.raises(kata.CurrencyMismatch):
        eval(f"eur {op} usd")  # noqa: S307 - the grader's own expression
    assert issubclass(kata.CurrencyMismatch, ValueError), "CurrencyMismatch is a ValueError"


def test_comparisons_in_one_currency() -> None:
    small, big = kata.Money(Decimal("1.5"), "EUR"), kata.Money(2, "EUR")
    got = (small < big, small <= big, big > small, big >= small, big < small, small >= big)
    assert got == (True, True, True, True, False, False), "Money: <, <=, >, >= compare amounts"


def test_non_money_operand_is_a_type_error() -> None:
    money = kata.Money(1, "EUR")
    with pytest.raises(TypeError):
        money + 1  # type: ignore[operator]
    with pytest.raises(TypeError):
        money - Decimal(1)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("amount", "currency", "error"),
    [
        (0.1, "EUR", TypeError),
        ("0.1", "EUR", TypeError),
        (Decimal("NaN"), "EUR", ValueError),
        (Decimal("Infinity"), "EUR", ValueError),
        (Decimal("1"), "eur", ValueError),
        (Decimal("1"), "EURO", ValueError),
        (Decimal("1"), "E1R", ValueError),
    ],
    ids=["float", "str", "nan", "infinity", "lower-case", "four-letters", "digit"],
)
def test_money_rejects_bad_input(amount: object, currency: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        kata.Money(amount, currency)  # type: ignore[arg-type]


def test_money_is_immutable() -> None:
    money = kata.Money(Decimal("1.25"), "EUR")
    for attribute in ("amount", "currency"):
        with pytest.raises(AttributeError):
            setattr(money, attribute, Decimal(2) if attribute == "amount" else "USD")
    assert (money.amount, money.currency) == (Decimal("1.25"), "EUR"), "Money: amount and currency never change"
    assert isinstance(kata.Money(3, "JPY").amount, Decimal), "Money: amount is a Decimal, an int is converted"


# ----------------------------------------------------------------------------- Customer


@given(names=st.lists(st.text(max_size=5), min_size=3, max_size=3), customer_id=st.integers(0, 10**6))
def test_customer_is_equal_and_hashed_by_id_only(names: list[str], customer_id: int) -> None:
    """Same id: equal whatever the attributes; found in a set and a dict after changing."""
    ann = kata.Customer(customer_id, names[0], "a@example.com")
    copy = kata.Customer(customer_id, names[1], "other@example.com")
    assert ann == copy, "Customer: two customers with the same id are equal, whatever their attributes"
    assert hash(ann) == hash(copy), "Customer: equal customers have equal hashes (hash by id only)"
    seen, visits = {ann}, {ann: 3}
    ann.rename(names[2])
    ann.email = "new@example.com"
    assert ann.name == names[2], "Customer: rename() changes the name"
    assert ann in seen and visits.get(ann) == 3, (
        "Customer: still found in a set and as a dict key after its name and email changed"
    )
    twin = kata.Customer(customer_id + 1, ann.name, ann.email)
    assert ann != twin, "Customer: the same name and email with another id is another customer"


def test_customer_id_is_read_only() -> None:
    ann = kata.Customer(7, "Ann", "ann@example.com")
    with pytest.raises(AttributeError):
        ann.id = 8  # type: ignore[misc]
    assert ann.id == 7, "Customer: the id never changes"
    assert ann.__eq__("Ann") is NotImplemented, "Customer: == with a non-Customer returns NotImplemented"


# ----------------------------------------------------------------------------- spot the bug


def run_fixed(number: int, line: str) -> type:
    lines = LISTING.splitlines()
    assert 1 <= number <= len(lines), "spot_the_bug(): the line number is one of the listing's (1-11)"
    lines[number - 1] = line
    module = types.ModuleType("account_listing")  # dataclasses looks its module up in sys.modules
    sys.modules[module.__name__] = module
    try:
        exec(compile("\n".join(lines) + "\n", "<the Account listing>", "exec"), module.__dict__)
    except SyntaxError as exc:
        raise AssertionError(f"spot_the_bug(): the listing with your line does not compile: {exc.msg}") from None
    finally:
        del sys.modules[module.__name__]
    account = module.__dict__.get("Account")
    assert isinstance(account, type), "spot_the_bug(): the listing with your line still defines Account"
    return account


def test_fixed_listing_is_an_entity() -> None:
    """The listing with the fixed line: equal and hashed by id, still found after change_email."""
    answer = kata.spot_the_bug()
    assert isinstance(answer, tuple) and len(answer) == 2, "spot_the_bug(): returns (line number, line)"
    number, line = answer
    account = run_fixed(number, line)
    ann = account(7, "ann@example.com")
    seen, orders = {ann}, {ann: ["1001"]}
    ann.change_email("ann@new.example.com")
    assert ann.email == "ann@new.example.com", "fixed Account: change_email still changes the email"
    assert ann in seen and orders.get(ann) == ["1001"], (
        "fixed Account: still found in a set and a dict after change_email"
    )
    assert account(7, "x@example.com") == ann, "fixed Account: two copies of account 7 are equal"
    assert hash(account(7, "x@example.com")) == hash(ann), "fixed Account: equal accounts have equal hashes"
    assert account(8, ann.email) != ann, "fixed Account: another id is another account"
    assert account(7, "a@example.com", [1]).order_ids == [1], "fixed Account: order_ids still works"

