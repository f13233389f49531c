"""Type-level: right behaviour, but unique_in_order takes and returns Any, losing the item type."""

from bisect import bisect_left
from collections.abc import Hashable, Iterable, Sequence
from typing import Any, Protocol, TypeVar


class SupportsLessThan(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


H = TypeVar("H", bound=Hashable)
C = TypeVar("C", bound=SupportsLessThan)


def unique_in_order(items: Iterable[Any]) -> list[Any]:
    seen: set[Any] = set()
    result: list[Any] = []
    for item in items:
        if item not in seen:
            seen.add(item)
            result.append(item)
    return result


def index_in_sorted(items: Sequence[C], target: C) -> int | None:
    position = bisect_left(items, target)
    if position < len(items) and items[position] == target:
        return position
    return None
