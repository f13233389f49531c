"""Type cases: Registry is generic in its key and value types, taken from the factory."""

from typing import assert_type

from day10.gil import Registry, atomic, predict

lengths: Registry[str, int] = Registry(len)
assert_type(lengths.get("abc"), int)
lengths.get(3)  # type: ignore[arg-type]
upper = Registry(str.upper)
assert_type(upper.get("a"), str)
assert_type(atomic(), dict[str, bool])
assert_type(predict(), dict[str, object])
