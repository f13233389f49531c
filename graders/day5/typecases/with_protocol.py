"""Type cases for day5.with_protocol: run_with is generic in the entered value and the result."""

from contextlib import nullcontext
from typing import assert_type

from day5.with_protocol import run_with


def double(number: int) -> list[int]:
    return [number, number]


# The result type is the body's, or None (the exception may have been suppressed).
assert_type(run_with(nullcontext(3), double), list[int] | None)
assert_type(run_with(nullcontext("text"), lambda text: text.upper()), str | None)

# The body receives what __enter__ returns: a str cannot go where an int is expected.
run_with(nullcontext("text"), double)  # type: ignore[arg-type]

# Only context managers are accepted.
run_with(42, double)  # type: ignore[arg-type]
