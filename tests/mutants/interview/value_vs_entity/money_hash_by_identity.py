"""Money defines __eq__ by value but keeps the identity hash"""


from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import NamedTuple


class Kind(Enum):
    """What a concept is."""

    VALUE_OBJECT = "value object"
    ENTITY = "entity"


class Reason(Enum):
    """Why: the property that decides it (only two of these ever decide)."""

    IDENTITY_OVER_TIME = "it stays the same thing while its attributes change; tracked by an id"
    DEFINED_BY_ATTRIBUTES = "two with equal attributes are interchangeable; replaced, not changed"
    HAS_A_DATABASE_KEY = "it is stored with a primary key of its own"
    HAS_MANY_FIELDS = "it has several fields"
    IS_A_PRIMITIVE = "it is a single string or number"


class Classification(NamedTuple):
    """One concept's answer."""

    kind: Kind
    because: Reason


def classify() -> dict[str, Classification]:
    """Return the :class:`Classification` of every concept of part 1, by its name.

    >>> Classification(Kind.ENTITY, Reason.IDENTITY_OVER_TIME).kind
    <Kind.ENTITY: 'entity'>
    """
    value = Reason.DEFINED_BY_ATTRIBUTES
    identity = Reason.IDENTITY_OVER_TIME
    return {
        "money": Classification(Kind.VALUE_OBJECT, value),
        "customer": Classification(Kind.ENTITY, identity),
        # Its table and key are a storage detail: the domain replaces it and compares by value.
        "address": Classification(Kind.VALUE_OBJECT, value),
        "order": Classification(Kind.ENTITY, identity),
        # Line 2 of order 1001 changes quantity and is referred to: identity local to its aggregate.
        "order_line": Classification(Kind.ENTITY, identity),
        "date_range": Classification(Kind.VALUE_OBJECT, value),
        # A single string, but what decides is that equal codes are interchangeable.
        "product_sku": Classification(Kind.VALUE_OBJECT, value),
    }


class CurrencyMismatch(ValueError):
    """Arithmetic or comparison between two :class:`Money` of different currencies."""


class Money:
    """An exact amount of one currency: a value object.

    - ``Money(amount, currency)``: ``amount`` is a ``Decimal`` or an ``int`` (a ``float`` or a
      ``str`` raises ``TypeError``: floats cannot hold most decimal fractions); a non-finite
      ``Decimal`` (NaN, Infinity) raises ``ValueError``. ``currency`` is three upper-case
      ASCII letters (``"EUR"``), else ``ValueError``. The amount is kept exactly as given
      (no rounding): ``Money(Decimal("0.1"), "EUR") + Money(Decimal("0.2"), "EUR")`` equals
      ``Money(Decimal("0.3"), "EUR")``.
    - Read-only ``amount`` (a ``Decimal``) and ``currency``: assigning either raises
      ``AttributeError`` (``dataclasses.FrozenInstanceError`` is one).
    - Equal to another ``Money`` of the same currency and numerically equal amount
      (``Decimal("1.50") == Decimal("1.5")``, so those two are equal); never equal to a
      non-``Money`` (``==`` returns ``NotImplemented`` for it); hashable, consistently with
      ``==`` (equal objects, equal hashes), so usable in sets and as dict keys.
    - ``a + b`` and ``a - b``: a new ``Money``; both operands of the same currency, else
      ``CurrencyMismatch``; a non-``Money`` operand is a ``TypeError``. ``a * n`` with an
      ``int`` ``n``: a new ``Money``. ``a < b`` (and ``<=``, ``>``, ``>=``): same currency, else
      ``CurrencyMismatch``.

    >>> Money(Decimal("1.5"), "EUR") + Money(1, "EUR") == Money(Decimal("2.50"), "EUR")
    True
    """

    def __init__(self, amount: Decimal | int, currency: str) -> None:
        if isinstance(amount, bool) or not isinstance(amount, (Decimal, int)):
            raise TypeError(f"amount must be a Decimal or an int, not {type(amount).__name__}")
        exact = Decimal(amount)
        if not exact.is_finite():
            raise ValueError(f"amount must be finite, got {exact}")
        if not (len(currency) == 3 and currency.isascii() and currency.isalpha() and currency.isupper()):
            raise ValueError(f"currency must be three upper-case letters, got {currency!r}")
        self._amount = exact
        self._currency = currency

    @property
    def amount(self) -> Decimal:
        """The exact amount."""
        return self._amount

    @property
    def currency(self) -> str:
        """The ISO-style currency code, e.g. ``"EUR"``."""
        return self._currency

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return (self._amount, self._currency) == (other._amount, other._currency)

    def __hash__(self) -> int:
        return id(self)

    def __add__(self, other: Money) -> Money:
        return Money(self._amount + self._same_currency(other)._amount, self._currency)

    def __sub__(self, other: Money) -> Money:
        return Money(self._amount - self._same_currency(other)._amount, self._currency)

    def __mul__(self, factor: int) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, int):
            return NotImplemented
        return Money(self._amount * factor, self._currency)

    def __lt__(self, other: Money) -> bool:
        return self._amount < self._same_currency(other)._amount

    def __le__(self, other: Money) -> bool:
        return self._amount <= self._same_currency(other)._amount

    def __gt__(self, other: Money) -> bool:
        return self._amount > self._same_currency(other)._amount

    def __ge__(self, other: Money) -> bool:
        return self._amount >= self._same_currency(other)._amount

    def __setattr__(self, name: str, value: object) -> None:
        if name in ("_amount", "_currency") and not hasattr(self, name):
            object.__setattr__(self, name, value)  # only __init__, once
            return
        raise AttributeError(f"Money is immutable: cannot set {name!r}")

    def __repr__(self) -> str:
        return f"Money({self._amount!r}, {self._currency!r})"

    def _same_currency(self, other: object) -> Money:
        if not isinstance(other, Money):
            raise TypeError(f"expected Money, got {type(other).__name__}")
        if other._currency != self._currency:
            raise CurrencyMismatch(f"{self._currency} vs {other._currency}")
        return other


class Customer:
    """A customer: an entity.

    - ``Customer(customer_id, name, email)``; ``id`` is read-only (assigning it raises
      ``AttributeError``), ``name`` and ``email`` are plain attributes that may change, and
      ``rename(name)`` changes ``name``.
    - Equal to another ``Customer`` with the same ``id``, whatever their names and emails;
      two customers with the same name and email but different ids are different. ``==``
      with a non-``Customer`` returns ``NotImplemented``.
    - Hashable by ``id`` only: a customer put in a set or used as a dict key is still found
      there after its name or email changed.

    >>> ann = Customer(7, "Ann", "ann@example.com")
    >>> seen = {ann}
    >>> ann.rename("Ann Smith")
    >>> ann in seen, ann == Customer(7, "A. Smith", "other@example.com")
    (True, True)
    """

    name: str
    email: str

    def __init__(self, customer_id: int, name: str, email: str) -> None:
        self._id = customer_id
        self.name = name
        self.email = email

    @property
    def id(self) -> int:
        """The identity: never changes."""
        return self._id

    def rename(self, name: str) -> None:
        """Change the name; the customer stays the same customer."""
        self.name = name

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Customer):
            return NotImplemented
        return self._id == other._id

    def __hash__(self) -> int:
        return hash(self._id)


def spot_the_bug() -> tuple[int, str]:
    """Return ``(line number, replacement line)`` for the ``Account`` listing of part 3.

    For example ``(6, "    id: int")`` would replace line 6 with itself.
    """
    # eq and hash compare every field with compare=True: email changes, the hash changes.
    return 7, "    email: str = field(compare=False)"
