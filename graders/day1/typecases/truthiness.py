"""Type cases for day1.truthiness: take() and merge_update() keep their item types."""

from typing import assert_type

from day1.truthiness import merge_update, take

assert_type(take([1, 2, 3], 2), list[int])
assert_type(take("abc"), list[str])
assert_type(take((x * 0.5 for x in range(3)), None), list[float])
take([1], "2")  # type: ignore[arg-type]

assert_type(merge_update({"visits": 3}, {"visits": None}), dict[str, int])
assert_type(merge_update({"nick": "A"}, {"nick": ""}), dict[str, str])
merge_update({"visits": 3}, {1: 0})  # type: ignore[dict-item]
