"""Validates the currency before the cents, so Money(1.5, "usd") raises ValueError."""

from __future__ import annotations

import re
from functools import total_ordering

_CURRENCY = re.compile(r"[A-Z]{3}")


@total_ordering
class Money:
    """An immutable amount of integer cents in one currency."""

    __slots__ = ("_cents", "_currency")

    def __init__(self, cents: int, currency: str) -> None:
        """Validate and store; ``TypeError`` for non-int cents, ``ValueError`` for a bad code.

        >>> Money(-250, "EUR").cents
        -250
        """
        if not isinstance(currency, str) or not _CURRENCY.fullmatch(currency):
            raise ValueError(f"currency must be three upper-case letters, got {currency!r}")
        if not isinstance(cents, int) or isinstance(cents, bool):
            raise TypeError(f"cents must be an int, got {type(cents).__name__}")
        self._cents = cents
        self._currency = currency

    @property
    def cents(self) -> int:
        """The amount in cents (read-only)."""
        return self._cents

    @property
    def currency(self) -> str:
        """The ISO-style currency code (read-only)."""
        return self._currency

    def __eq__(self, other: object) -> bool:
        """Same cents and same currency; ``NotImplemented`` for a non-``Money``.

        >>> Money(100, "USD") == Money(100, "USD"), Money(100, "USD") == Money(100, "EUR")
        (True, False)
        """
        if not isinstance(other, Money):
            return NotImplemented
        return (self._cents, self._currency) == (other._cents, other._currency)

    def __hash__(self) -> int:
        """A hash built from exactly what ``==`` compares.

        >>> hash(Money(1, "USD")) == hash(Money(1, "USD"))
        True
        """
        return hash((self._cents, self._currency))

    def __lt__(self, other: object) -> bool:
        """Order by cents within one currency; ``TypeError`` across currencies.

        ``<=``, ``>`` and ``>=`` follow from ``<`` and ``==`` (``functools.total_ordering``).

        >>> Money(5, "EUR") < Money(7, "EUR")
        True
        """
        if not isinstance(other, Money):
            return NotImplemented
        if other._currency != self._currency:
            raise TypeError(f"cannot order {self._currency} and {other._currency} amounts")
        return self._cents < other._cents

    def __repr__(self) -> str:
        """``Money(<cents>, '<currency>')``.

        >>> repr(Money(-5, "GBP"))
        "Money(-5, 'GBP')"
        """
        return f"Money({self._cents!r}, {self._currency!r})"

    def __str__(self) -> str:
        """``<units>.<two digits> <currency>``, with a leading minus for negative amounts.

        >>> str(Money(-5, "USD")), str(Money(123456, "EUR"))
        ('-0.05 USD', '1234.56 EUR')
        """
        units, cents = divmod(abs(self._cents), 100)
        sign = "-" if self._cents < 0 else ""
        return f"{sign}{units}.{cents:02d} {self._currency}"
