"""Type cases for day7.cached_method: a cached method keeps its parameter and return types."""

from typing import assert_type

from day7.cached_method import cached_method


class Geometry:
    @cached_method
    def area(self, side: int, *, scale: float = 1.0) -> float:
        return side * side * scale

    @cached_method
    def name(self) -> str:
        return "square"


shape = Geometry()
assert_type(shape.area(2, scale=0.5), float)
assert_type(shape.name(), str)
assert_type(Geometry.area(shape, 3), float)
shape.area("2")  # type: ignore[arg-type]
shape.area(2, 0.5)  # type: ignore[call-arg]
shape.name(1)  # type: ignore[call-arg]
