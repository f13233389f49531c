"""Type cases: delegation — parse_ints / parse_batches are generators that *return* an int."""

from collections.abc import Generator
from typing import assert_type

from day6.delegation import flatten, parse_batches, parse_ints


def total_skipped() -> Generator[int, None, int]:
    skipped = yield from parse_ints(["1", "x"])
    assert_type(skipped, int)  # the return value of a delegated generator is typed
    more = yield from parse_batches([["2"], ["y"]])
    assert_type(more, int)
    return skipped + more


for value in parse_ints(["1"]):
    assert_type(value, int)

for leaf in flatten([1, [2, "x"]]):
    leaf + 1  # type: ignore[operator]  # a leaf is an object: narrow it before use

parse_ints([1, 2])  # type: ignore[list-item]  # rows are strings
