"""Money is a frozen slots dataclass: assigning a new attribute raises TypeError, not AttributeError."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
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


@dataclass(frozen=True, slots=True)
class Money:
    """An immutable ``Decimal`` amount, quantised to its currency's minor unit."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise TypeError(f"amount must be a Decimal, got {type(self.amount).__name__}")
        if not self.amount.is_finite():
            raise ValueError(f"amount must be finite, got {self.amount}")
        if self.currency not in MINOR_UNITS:
            raise UnknownCurrency(f"unknown currency {self.currency!r}")
        quantum = Decimal(1).scaleb(-MINOR_UNITS[self.currency])
        object.__setattr__(self, "amount", self.amount.quantize(quantum, rounding=ROUND_HALF_UP))

    @property
    def _amount(self) -> Decimal:
        return self.amount

    @property
    def _currency(self) -> str:
        return self.currency

    def __eq__(self, other: object) -> bool:
        """Same amount and currency; ``NotImplemented`` for a non-``Money``."""
        if not isinstance(other, Money):
            return NotImplemented
        return (self._amount, self._currency) == (other._amount, other._currency)

    def __hash__(self) -> int:
        """Consistent with ``==``."""
        return hash((self._amount, self._currency))

    def __repr__(self) -> str:
        """``Money(Decimal('1.50'), 'USD')``."""
        return f"Money({self._amount!r}, {self._currency!r})"

    def __add__(self, other: Money) -> Money:
        """Sum of two amounts of one currency; ``CurrencyMismatch`` otherwise."""
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self._amount + other._amount, self._same_currency(other))

    def __sub__(self, other: Money) -> Money:
        """Difference of two amounts of one currency; ``CurrencyMismatch`` otherwise."""
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self._amount - other._amount, self._same_currency(other))

    def __neg__(self) -> Money:
        """The negated amount."""
        return Money(-self._amount, self._currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        """The amount times an ``int`` or ``Decimal``, quantised with ``ROUND_HALF_UP``.

        >>> (Money(Decimal("0.01"), "USD") * Decimal("0.5")).amount
        Decimal('0.01')
        """
        if isinstance(factor, bool) or not isinstance(factor, int | Decimal):
            return NotImplemented
        return Money(self._amount * factor, self._currency)

    __rmul__ = __mul__

    def allocate(self, ratios: Sequence[int]) -> list[Money]:
        """Split into parts proportional to ``ratios``; the parts sum exactly to ``self``.

        >>> [str(p.amount) for p in Money(Decimal("0.05"), "USD").allocate([1, 1, 2])]
        ['0.01', '0.01', '0.03']
        """
        if not ratios or any(ratio < 0 for ratio in ratios) or sum(ratios) == 0:
            raise ValueError(f"ratios must be non-negative with a positive sum, got {ratios!r}")
        places = MINOR_UNITS[self._currency]
        units = int(abs(self._amount).scaleb(places))
        total = sum(ratios)
        shares = [divmod(units * ratio, total) for ratio in ratios]
        leftover = units - sum(whole for whole, _ in shares)
        by_remainder = sorted(range(len(ratios)), key=lambda i: (-shares[i][1], i))
        extra = set(by_remainder[:leftover])
        sign = -1 if self._amount < 0 else 1
        return [
            Money(Decimal(sign * (whole + (i in extra))).scaleb(-places), self._currency)
            for i, (whole, _) in enumerate(shares)
        ]

    def split(self, parts: int) -> list[Money]:
        """``parts`` near-equal parts, the larger ones first; ``ValueError`` if ``parts < 1``.

        >>> [str(p.amount) for p in Money(Decimal("-1.00"), "USD").split(3)]
        ['-0.34', '-0.33', '-0.33']
        """
        if parts < 1:
            raise ValueError(f"cannot split into {parts} parts")
        return self.allocate([1] * parts)

    def _same_currency(self, other: Money) -> str:
        if other._currency != self._currency:
            raise CurrencyMismatch(f"cannot combine {self._currency} and {other._currency}")
        return self._currency
