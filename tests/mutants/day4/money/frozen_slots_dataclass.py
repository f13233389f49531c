"""A @dataclass(frozen=True, slots=True): adding a new attribute raises TypeError, not AttributeError."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

_CURRENCY = re.compile(r"[A-Z]{3}")


@total_ordering
@dataclass(frozen=True, slots=True, repr=False)
class Money:
    """An immutable amount of integer cents in one currency."""

    cents: int
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.cents, int) or isinstance(self.cents, bool):
            raise TypeError(f"cents must be an int, got {type(self.cents).__name__}")
        if not isinstance(self.currency, str) or not _CURRENCY.fullmatch(self.currency):
            raise ValueError(f"currency must be three upper-case letters, got {self.currency!r}")

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise TypeError(f"cannot order {self.currency} and {other.currency} amounts")
        return self.cents < other.cents

    def __repr__(self) -> str:
        return f"Money({self.cents!r}, {self.currency!r})"

    def __str__(self) -> str:
        units, cents = divmod(abs(self.cents), 100)
        sign = "-" if self.cents < 0 else ""
        return f"{sign}{units}.{cents:02d} {self.currency}"
