"""Type cases: BoundedQueue is generic in its item type; on_full is a keyword-only Literal."""

from collections.abc import Iterator
from typing import assert_type

from day2.bounded_queue import BoundedQueue, OverflowPolicy

numbers = BoundedQueue[int](3)
numbers.push(1)
assert_type(numbers.pop(), int)
assert_type(numbers.peek(), int)
assert_type(list(numbers), list[int])
assert_type(iter(numbers), Iterator[int])
assert_type(len(numbers), int)
assert_type(numbers.maxlen, int)
assert_type(numbers.on_full, OverflowPolicy)
assert_type(numbers.is_full(), bool)
numbers.push("one")  # type: ignore[arg-type]

names: BoundedQueue[str] = BoundedQueue(2, on_full="reject")
assert_type(names.pop(), str)

BoundedQueue[int](2, on_full="drop_newest")  # type: ignore[arg-type]
BoundedQueue[int](2, "reject")  # type: ignore[call-arg]
