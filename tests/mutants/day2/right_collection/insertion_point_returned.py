"""Returns bisect_left's insertion point without checking that the item there equals target."""

from bisect import bisect_left
from collections.abc import Hashable, Iterable, Sequence
from typing import Any, Protocol, TypeVar


class SupportsLessThan(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


H = TypeVar("H", bound=Hashable)
C = TypeVar("C", bound=SupportsLessThan)


def unique_in_order(items: Iterable[H]) -> list[H]:
    seen: set[H] = set()
    result: list[H] = []
    for item in items:
        if item not in seen:
            seen.add(item)
            result.append(item)
    return result


def index_in_sorted(items: Sequence[C], target: C) -> int | None:
    position = bisect_left(items, target)
    return position if position < len(items) else None
