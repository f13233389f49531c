"""Type cases for day1.none_identity: dedupe() keeps its item type."""

from typing import assert_type

from day1.none_identity import dedupe, missing_fields

assert_type(dedupe([[1], [2]]), list[list[int]])
assert_type(dedupe(str(n) for n in range(3)), list[str])
assert_type(missing_fields({"a": None, "b": 1}), list[str])
missing_fields({1: None})  # type: ignore[dict-item]
