"""Type cases for day8.callables: the types of the functions go through the higher-order ones."""

from collections.abc import Callable
from typing import assert_type

from day8.callables import catching, compose, deferred


def parse(text: str) -> int:
    return int(text)


def half(number: int) -> float:
    return number / 2


def ratio(a: int, b: int, *, digits: int = 2) -> float:
    return round(a / b, digits)


# compose(): Callable[[A], B] then Callable[[B], C] is a Callable[[A], C].
assert_type(compose(parse, half), Callable[[str], float])
assert_type(compose(parse, half)("8"), float)
assert_type(compose(half, str), Callable[[int], str])
compose(parse, half)(8)  # type: ignore[arg-type]
compose(parse, parse)  # type: ignore[misc]  # int does not fit str: no B fits both steps

# catching(): the original's parameters, R | None as the result.
safe_ratio = catching(ZeroDivisionError)(ratio)
assert_type(safe_ratio(1, 2), float | None)
assert_type(safe_ratio(1, 2, digits=3), float | None)
safe_ratio("1", 2)  # type: ignore[arg-type]
safe_ratio(1, 2, precision=3)  # type: ignore[call-arg]
safe_ratio(1)  # type: ignore[call-arg]
safe_ratio(1, 2) + 1.0  # type: ignore[operator]


@catching(KeyError, IndexError)
def first_tag(user: dict[str, list[str]]) -> str:
    return user["tags"][0]


assert_type(first_tag({"tags": []}), str | None)
first_tag(["admin"])  # type: ignore[arg-type]
catching("KeyError")  # type: ignore[arg-type]

# deferred(): arguments checked against func now, a Callable[[], R] back.
assert_type(deferred(ratio, 1, 2), Callable[[], float])
assert_type(deferred(ratio, 1, b=2, digits=3)(), float)
deferred(ratio, 1, "2")  # type: ignore[arg-type]
deferred(ratio, 1)  # type: ignore[call-arg]
deferred(ratio, 1, 2, digits="3")  # type: ignore[arg-type]
deferred(ratio, 1, 2)(3)  # type: ignore[call-arg]
