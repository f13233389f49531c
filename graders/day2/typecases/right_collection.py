"""Type cases: the functions are generic — the item type flows from argument to result."""

from typing import assert_type

from day2.right_collection import index_in_sorted, unique_in_order

assert_type(unique_in_order(["a", "b"]), list[str])
assert_type(unique_in_order((1, 2)), list[int])
assert_type(unique_in_order([(1, "a")]), list[tuple[int, str]])
assert_type(index_in_sorted([1, 2, 3], 2), int | None)
assert_type(index_in_sorted(["a", "b"], "b"), int | None)
unique_in_order([[1], [2]])  # type: ignore[type-var]
