"""Money with Decimal and currency checks: exact amounts, and splits that never lose a cent.

Floats cannot hold most decimal fractions (``0.1 + 0.2 != 0.3``), so money is ``Decimal``.
Each currency has a *minor unit* (``MINOR_UNITS``: cents for USD, nothing for JPY, fils —
thousandths — for BHD), and every amount is stored with exactly that many decimal places.
Mixing currencies is a domain error, never a silent conversion.

``Money(amount, currency)``:

* ``amount`` must be a ``Decimal`` (an ``int``, ``float``, ``str`` or anything else raises
  ``TypeError``; floats are exactly what this class exists to keep out). A non-finite
  ``Decimal`` (``NaN``, ``Infinity``) raises ``ValueError``.
* ``currency`` must be a key of ``MINOR_UNITS`` (exactly, ``"usd"`` is not ``"USD"``), else
  ``UnknownCurrency``.
* the amount is *quantised* to the currency's minor unit with ``ROUND_HALF_UP`` (halves go
  away from zero: ``1.005`` USD is ``1.01``, ``-1.005`` is ``-1.01``, ``2.5`` JPY is ``3``), so
  ``money.amount`` always has exactly ``MINOR_UNITS[currency]`` decimal places
  (``Money(Decimal("5"), "USD").amount`` is ``Decimal("5.00")``).
* read-only ``amount`` and ``currency``: the object is immutable (assigning ``amount``,
  ``currency`` or any new attribute raises ``AttributeError``; mypy rejects the first two
  too — note that on Python 3.11 a ``@dataclass(frozen=True, slots=True)`` raises
  ``TypeError`` for a new attribute), equal to another ``Money`` with the same amount and
  currency (``NotImplemented`` for anything else), and hashable consistently with ``==``.
* ``repr(Money(Decimal("1.5"), "USD"))`` is ``"Money(Decimal('1.50'), 'USD')"``.

Arithmetic (every result is a new ``Money``; the operands never change):

* ``a + b``, ``a - b``: both ``Money`` of the same currency, else ``CurrencyMismatch``;
  adding or subtracting a non-``Money`` (``money + 1``) is a ``TypeError``.
* ``-a``: the negated amount.
* ``a * n`` and ``n * a`` for an ``int`` or ``Decimal`` ``n``: the product quantised with
  ``ROUND_HALF_UP``; a ``float`` factor is a ``TypeError``.
* ``a.allocate(ratios)``: split ``a`` into ``len(ratios)`` parts proportional to the
  non-negative ``int`` ratios, *without losing or inventing a minor unit*: the parts are
  ``Money`` of the same currency and sum exactly to ``a``. Count in minor units (cents):
  each part first gets ``floor(units * ratio / sum(ratios))``; the units left over are then
  handed out one each to the parts with the largest remainder
  (``units * ratio % sum(ratios)``), ties going to the earlier part. A part with ratio ``0``
  gets zero. A negative amount is allocated as its absolute value and every part negated.
  ``ValueError`` if ``ratios`` is empty, has a negative ratio or sums to zero.
* ``a.split(n)``: ``a.allocate([1] * n)`` — ``n`` parts that differ by at most one minor
  unit, the larger ones first. ``ValueError`` if ``n < 1``.

Errors: ``MoneyError`` is the base of the domain errors ``UnknownCurrency`` and
``CurrencyMismatch``. (Programming errors — wrong types — stay ``TypeError``.)

Example::

    >>> from decimal import Decimal
    >>> Money(Decimal("1.005"), "USD").amount, Money(Decimal("7"), "BHD").amount
    (Decimal('1.01'), Decimal('7.000'))
    >>> [str(part.amount) for part in Money(Decimal("0.05"), "USD").allocate([3, 7])]
    ['0.02', '0.03']
    >>> [str(part.amount) for part in Money(Decimal("100"), "JPY").split(3)]
    ['34', '33', '33']
    >>> Money(Decimal("1"), "USD") + Money(Decimal("1"), "EUR")
    Traceback (most recent call last):
    ...
    day4_1.money_decimal.CurrencyMismatch: cannot combine USD and EUR
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Final

MINOR_UNITS: Final[Mapping[str, int]] = MappingProxyType(
    {"USD": 2, "EUR": 2, "GBP": 2, "JPY": 0, "BHD": 3}
)


class MoneyError(Exception):
    """Base class of the money domain errors."""


class UnknownCurrency(MoneyError):
    """The currency is not in ``MINOR_UNITS``."""


class CurrencyMismatch(MoneyError):
    """An operation mixed two currencies."""


class Money:
    """An immutable ``Decimal`` amount, quantised to its currency's minor unit."""

    def __init__(self, amount: Decimal, currency: str) -> None:
        """Validate the types, quantise the amount with ``ROUND_HALF_UP``.

        >>> Money(Decimal("2.5"), "JPY").amount
        Decimal('3')
        """
        raise NotImplementedError

    @property
    def amount(self) -> Decimal:
        """The amount, with exactly ``MINOR_UNITS[currency]`` decimal places."""
        raise NotImplementedError

    @property
    def currency(self) -> str:
        """The currency code, a key of ``MINOR_UNITS``."""
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        """Same amount and currency; ``NotImplemented`` for a non-``Money``."""
        raise NotImplementedError

    def __hash__(self) -> int:
        """Consistent with ``==``."""
        raise NotImplementedError

    def __repr__(self) -> str:
        """``Money(Decimal('1.50'), 'USD')``."""
        raise NotImplementedError

    def __add__(self, other: Money) -> Money:
        """Sum of two amounts of one currency; ``CurrencyMismatch`` otherwise."""
        raise NotImplementedError

    def __sub__(self, other: Money) -> Money:
        """Difference of two amounts of one currency; ``CurrencyMismatch`` otherwise."""
        raise NotImplementedError

    def __neg__(self) -> Money:
        """The negated amount."""
        raise NotImplementedError

    def __mul__(self, factor: int | Decimal) -> Money:
        """The amount times an ``int`` or ``Decimal``, quantised with ``ROUND_HALF_UP``.

        >>> (Money(Decimal("0.01"), "USD") * Decimal("0.5")).amount
        Decimal('0.01')
        """
        raise NotImplementedError

    __rmul__ = __mul__

    def allocate(self, ratios: Sequence[int]) -> list[Money]:
        """Split into parts proportional to ``ratios``; the parts sum exactly to ``self``.

        >>> [str(p.amount) for p in Money(Decimal("0.05"), "USD").allocate([1, 1, 2])]
        ['0.01', '0.01', '0.03']
        """
        raise NotImplementedError

    def split(self, parts: int) -> list[Money]:
        """``parts`` near-equal parts, the larger ones first; ``ValueError`` if ``parts < 1``.

        >>> [str(p.amount) for p in Money(Decimal("-1.00"), "USD").split(3)]
        ['-0.34', '-0.33', '-0.33']
        """
        raise NotImplementedError
