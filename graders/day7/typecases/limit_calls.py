"""Type cases for day7.limit_calls: the decorated function keeps the original's signature."""

from typing import assert_type

from day7.limit_calls import CallLimitExceeded, limit_calls


@limit_calls(3)
def scale(value: float, *, factor: int = 2) -> float:
    return value * factor


once = limit_calls(1)


@once
def label(code: int) -> str:
    return str(code)


assert_type(scale(1.5, factor=3), float)
assert_type(label(7), str)
assert_type(CallLimitExceeded("f", 1).limit, int)
assert_type(CallLimitExceeded("f", 1).function, str)
scale("1.5")  # type: ignore[arg-type]
scale(1.5, 3)  # type: ignore[call-arg]
label(code="7")  # type: ignore[arg-type]
limit_calls("3")  # type: ignore[arg-type]
