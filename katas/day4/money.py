"""Immutable Money value object: dunder methods that agree with each other.

``Money(cents, currency)`` is an amount in integer *cents* (hundredths) of a currency. This
kata is about the object protocol, not about arithmetic (Day 4.1 does the arithmetic), so
every currency here has exactly two decimal places.

Construction:

* ``cents`` must be an ``int`` (negative is fine); ``bool`` and every other type raise
  ``TypeError``.
* ``currency`` must be three ASCII upper-case letters (``"USD"``); anything else raises
  ``ValueError`` (``"usd"`` and ``"US"`` included: no normalisation). So do ``"ÄBC"`` and
  ``"U1D"`` (``str.isupper()`` and ``str.isalpha()`` are not tests for ASCII upper-case
  letters) and ``"USD"`` followed by a newline (which a regex ending in ``$`` lets through).
* When both are bad, ``cents`` is checked first: ``Money(1.5, "usd")`` raises ``TypeError``.

The object protocol:

* ``==``: equal when both the cents and the currency are equal. Comparing with something that
  is not a ``Money`` returns ``NotImplemented`` (so Python falls back to the other operand,
  and ``Money(100, "USD") == 100`` is ``False``).
* ``hash``: consistent with ``==`` — equal moneys hash equal — so a ``Money`` works as a dict
  key and in sets. (Defining ``__eq__`` alone sets ``__hash__`` to ``None``.)
* ``<``, ``<=``, ``>``, ``>=``: by cents, within one currency. Ordering moneys of different
  currencies raises ``TypeError`` (there is no exchange rate here); ordering against a
  non-``Money`` returns ``NotImplemented`` (Python then raises ``TypeError``).
* ``repr(Money(1050, "USD"))`` is ``"Money(1050, 'USD')"`` — a valid expression that builds
  an equal object. ``str(Money(1050, "USD"))`` is ``"10.50 USD"``: a minus sign for negative
  amounts, at least one digit before the point and always two after it (``"-0.05 USD"``,
  ``"0.00 EUR"``, ``"-1234.56 EUR"``).

Immutability, at run time and for type checkers:

* ``cents`` and ``currency`` are readable attributes; assigning or deleting them, or adding
  a new attribute (``price.note = "sale"``), raises ``AttributeError``;
* mypy rejects ``money.cents = 1`` (a frozen dataclass, read-only properties or ``Final``
  attributes all do that; a run-time-only ``__setattr__`` guard does not).
* Pitfall: ``@dataclass(frozen=True, slots=True)`` refuses a *new* attribute with
  ``TypeError``, not ``AttributeError`` (a CPython bug, gh-105936, present in 3.11), so it does
  not meet this spec on its own. Use ``@dataclass(frozen=True)`` without ``slots=True``, or
  ``__slots__`` with read-only properties.

Example::

    >>> price = Money(1050, "USD")
    >>> price == Money(1050, "USD"), price == Money(1050, "EUR"), price < Money(2000, "USD")
    (True, False, True)
    >>> price, str(price), len({price, Money(1050, "USD")})
    (Money(1050, 'USD'), '10.50 USD', 1)
"""

from __future__ import annotations

from functools import total_ordering


@total_ordering
class Money:
    """An immutable amount of integer cents in one currency."""

    def __init__(self, cents: int, currency: str) -> None:
        """Validate and store; ``TypeError`` for non-int cents, ``ValueError`` for a bad code.

        >>> Money(-250, "EUR").cents
        -250
        """
        raise NotImplementedError

    @property
    def cents(self) -> int:
        """The amount in cents (read-only)."""
        raise NotImplementedError

    @property
    def currency(self) -> str:
        """The ISO-style currency code (read-only)."""
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        """Same cents and same currency; ``NotImplemented`` for a non-``Money``.

        >>> Money(100, "USD") == Money(100, "USD"), Money(100, "USD") == Money(100, "EUR")
        (True, False)
        """
        raise NotImplementedError

    def __hash__(self) -> int:
        """A hash built from exactly what ``==`` compares.

        >>> hash(Money(1, "USD")) == hash(Money(1, "USD"))
        True
        """
        raise NotImplementedError

    def __lt__(self, other: object) -> bool:
        """Order by cents within one currency; ``TypeError`` across currencies.

        ``<=``, ``>`` and ``>=`` follow from ``<`` and ``==`` (``functools.total_ordering``).

        >>> Money(5, "EUR") < Money(7, "EUR")
        True
        """
        raise NotImplementedError

    def __repr__(self) -> str:
        """``Money(<cents>, '<currency>')``.

        >>> repr(Money(-5, "GBP"))
        "Money(-5, 'GBP')"
        """
        raise NotImplementedError

    def __str__(self) -> str:
        """``<units>.<two digits> <currency>``, with a leading minus for negative amounts.

        >>> str(Money(-5, "USD")), str(Money(123456, "EUR"))
        ('-0.05 USD', '1234.56 EUR')
        """
        raise NotImplementedError
