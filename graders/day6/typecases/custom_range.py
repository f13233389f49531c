"""Type cases: custom_range — Range is an Iterable[int] whose iter() is a RangeIterator."""

from collections.abc import Iterable, Iterator
from typing import assert_type

from day6.custom_range import Range, RangeIterator

r = Range(0, 10, 2)
assert_type(iter(r), RangeIterator)
it = iter(r)
assert_type(iter(it), RangeIterator)  # iter(it) is it, and its type says so
assert_type(next(it), int)
for value in r:
    assert_type(value, int)

as_iterable: Iterable[int] = r
as_iterator: Iterator[int] = it
not_an_iterator: Iterator[int] = r  # type: ignore[assignment]

Range(0, 2.5)  # type: ignore[arg-type]
Range("0", 3)  # type: ignore[arg-type]


class Index:
    """Has __index__ (SupportsIndex), like range's arguments."""

    def __index__(self) -> int:
        return 3


Range(True, Index())  # what range accepts, Range accepts
assert_type(Range(Index(), 9).start, int)
