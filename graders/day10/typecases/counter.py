"""Type cases: Counter's methods return int (increment None); value is a read-only int."""

from typing import assert_type

from day10.counter import Counter

counter = Counter(5)
assert_type(counter.value, int)
assert_type(counter.add(2), int)
assert_type(counter.increment_and_get(), int)
counter.increment()
counter.value = 3  # type: ignore[misc]
counter.add(1.5)  # type: ignore[arg-type]
Counter("1")  # type: ignore[arg-type]
