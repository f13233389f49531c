"""Type cases for day7.timed: the decorated function keeps the original's exact signature."""

from typing import assert_type

from day7.timed import timed


def report(name: str, seconds: float) -> None:
    pass


def report_name_only(name: str) -> None:
    pass


@timed(report)
def add(a: int, b: int) -> int:
    return a + b


@timed(report, clock=lambda: 0.0)
def greet(name: str, *, excited: bool = False) -> str:
    return name


assert_type(add(1, 2), int)
assert_type(greet("ann", excited=True), str)
add("1", 2)  # type: ignore[arg-type]
add(1)  # type: ignore[call-arg]
greet("ann", loud=True)  # type: ignore[call-arg]
timed(report_name_only)  # type: ignore[arg-type]
