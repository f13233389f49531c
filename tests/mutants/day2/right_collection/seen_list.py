"""Remembers seen items in a list: right result, but 'not in seen' costs O(n) == calls per item."""

from bisect import bisect_left
from collections.abc import Hashable, Iterable, Sequence
from typing import Any, Protocol, TypeVar


class SupportsLessThan(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


H = TypeVar("H", bound=Hashable)
C = TypeVar("C", bound=SupportsLessThan)


def unique_in_order(items: Iterable[H]) -> list[H]:
    result: list[H] = []
    for item in items:
        if item not in result:
            result.append(item)
    return result


def index_in_sorted(items: Sequence[C], target: C) -> int | None:
    position = bisect_left(items, target)
    if position < len(items) and items[position] == target:
        return position
    return None
