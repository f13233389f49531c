'''Explain Value Objects vs Entities: classify, implement both, and find the entity that forgot.

A **value object** is defined by its attributes: two with equal attributes are interchangeable,
it never changes (you replace it), it compares and hashes by value. An **entity** has an
identity that lasts while its attributes change: it compares and hashes by its id only. Whether
the thing has a database table, many fields, or is "important" decides nothing.

**1. Classify** — :func:`classify`. For each concept of an online shop below, give its
:class:`Kind` and the :class:`Reason` that decides it.

- ``money``: an amount with a currency; ``10.00 EUR`` paid today and ``10.00 EUR`` refunded
  tomorrow are interchangeable.
- ``customer``: a person with an account; they change their name, email and address over the
  years and stay the same customer.
- ``address``: where an order ships to. Stored in its own ``addresses`` table with an
  auto-increment key (the ORM wants one), but when a customer moves the address is replaced
  as a whole, and two customers at the same street, city and zip have equal addresses.
- ``order``: placed by a customer; its status goes from placed to paid to shipped; support
  looks it up by its number.
- ``order_line``: a line of an order (an aggregate: reached only through its order). The
  customer may change the quantity of line 2 before paying, and a partial refund refers to
  "line 2 of order 1001".
- ``date_range``: the ``start``/``end`` of a promotion; two promotions may run over the same
  range, and a promotion is extended by giving it a new range.
- ``product_sku``: the code ``"SKU-123"`` printed on a label: a string with a format check,
  immutable, two equal codes name the same product.

>>> classify()["money"] in {Classification(k, r) for k in Kind for r in Reason}
True

**2. Implement** :class:`Money` (a value object) and :class:`Customer` (an entity): see their
docstrings.

**3. Spot the bug.** A colleague wrote this entity; customers "disappear" from a set after
changing their email, and two copies of customer 7 loaded by two queries are not equal::

     1  from dataclasses import dataclass, field
     2
     3
     4  @dataclass(unsafe_hash=True)
     5  class Account:
     6      id: int
     7      email: str
     8      order_ids: list[int] = field(default_factory=list, compare=False)
     9
    10      def change_email(self, email: str) -> None:
    11          self.email = email

:func:`spot_the_bug` returns the number of the line to replace and the replacement line
(indented as in the listing). The grader puts your line into its own copy of the listing,
runs it, and checks that ``Account`` then behaves as an entity (equal and hashed by id only,
still found in a set and a dict after ``change_email``, ``email`` still changes).
'''

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
    raise NotImplementedError


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
        raise NotImplementedError

    @property
    def amount(self) -> Decimal:
        """The exact amount."""
        raise NotImplementedError

    @property
    def currency(self) -> str:
        """The ISO-style currency code, e.g. ``"EUR"``."""
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        raise NotImplementedError

    def __hash__(self) -> int:
        raise NotImplementedError

    def __add__(self, other: Money) -> Money:
        raise NotImplementedError

    def __sub__(self, other: Money) -> Money:
        raise NotImplementedError

    def __mul__(self, factor: int) -> Money:
        raise NotImplementedError

    def __lt__(self, other: Money) -> bool:
        raise NotImplementedError

    def __le__(self, other: Money) -> bool:
        raise NotImplementedError

    def __gt__(self, other: Money) -> bool:
        raise NotImplementedError

    def __ge__(self, other: Money) -> bool:
        raise NotImplementedError


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
        raise NotImplementedError

    @property
    def id(self) -> int:
        """The identity: never changes."""
        raise NotImplementedError

    def rename(self, name: str) -> None:
        """Change the name; the customer stays the same customer."""
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        raise NotImplementedError

    def __hash__(self) -> int:
        raise NotImplementedError


def spot_the_bug() -> tuple[int, str]:
    """Return ``(line number, replacement line)`` for the ``Account`` listing of part 3.

    For example ``(6, "    id: int")`` would replace line 6 with itself.
    """
    raise NotImplementedError
