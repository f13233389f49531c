"""Type cases for day1.mutable_defaults: append_to() is generic in its item type."""

from typing import assert_type

from day1.mutable_defaults import append_to

assert_type(append_to(1), list[int])
assert_type(append_to("x", ["a"]), list[str])
assert_type(append_to(1.5, None), list[float])
counts: list[int] = append_to("x")  # type: ignore[arg-type]
