"""Builds {item: item}: order of first occurrence, but each value is the last equal object."""

from bisect import bisect_left
from collections.abc import Hashable, Iterable, Sequence
from typing import Any, Protocol, TypeVar


class SupportsLessThan(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


H = TypeVar("H", bound=Hashable)
C = TypeVar("C", bound=SupportsLessThan)


def unique_in_order(items: Iterable[H]) -> list[H]:
    return list({item: item for item in items}.values())


def index_in_sorted(items: Sequence[C], target: C) -> int | None:
    position = bisect_left(items, target)
    if position < len(items) and items[position] == target:
        return position
    return None
