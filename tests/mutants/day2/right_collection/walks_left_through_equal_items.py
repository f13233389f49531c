"""Binary-searches for any equal item, then walks left one item at a time to the first."""

from collections.abc import Hashable, Iterable, Sequence
from typing import Any, Protocol, TypeVar


class SupportsLessThan(Protocol):
    """Anything with ``<``: ints, strs, tuples of them, …"""

    def __lt__(self, other: Any, /) -> bool: ...


H = TypeVar("H", bound=Hashable)
C = TypeVar("C", bound=SupportsLessThan)


def unique_in_order(items: Iterable[H]) -> list[H]:
    """Return the distinct items of ``items`` in order of first occurrence.

    Items are duplicates when they are equal (``==``). Of each group of duplicates the first
    one is kept: that very object, not an equal one that came later. ``items`` may be any
    iterable, a one-shot generator included.

    Cost: O(n) — at most 2 ``__hash__`` calls and at most 2 ``__eq__`` calls per item, however
    many items there are. (Checking ``x not in seen_list`` costs up to n ``==`` calls per item.)

    >>> unique_in_order([3, 1, 3, 2, 1])
    [3, 1, 2]
    >>> unique_in_order("mississippi")
    ['m', 'i', 's', 'p']
    """
    # A dict keeps insertion order, and re-inserting an equal key keeps the first key object.
    return list(dict.fromkeys(items))


def index_in_sorted(items: Sequence[C], target: C) -> int | None:
    """Return the index of the first item equal (``==``) to ``target``, or ``None``.

    ``items`` is sorted in ascending order (the caller guarantees it; it may hold duplicates).
    Mind that ``0`` is a valid answer and is falsy: test the result with ``is None``.

    Cost: O(log n) — for n items, at most ``2 * k + 1`` comparisons in all (calls of ``__lt__``,
    ``__le__``, ``__gt__``, ``__ge__`` and ``__eq__`` together), where ``k`` is the number of
    bits of n, ``n.bit_length()``: 11 comparisons for 31 items, 21 for 1000.

    >>> index_in_sorted([1, 3, 3, 3, 7], 3)
    1
    >>> index_in_sorted([1, 3, 7], 4) is None
    True
    """
    low, high = 0, len(items)
    while low < high:
        middle = (low + high) // 2
        if items[middle] < target:
            low = middle + 1
        elif target < items[middle]:
            high = middle
        else:
            while middle > 0 and items[middle - 1] == target:
                middle -= 1
            return middle
    return None
