"""Type cases for day5.open_all: the block gets a list of what the managers' __enter__ return."""

from contextlib import nullcontext
from io import TextIOWrapper
from typing import assert_type

from day5.open_all import open_all

with open_all([lambda: nullcontext(1), lambda: nullcontext(2)]) as numbers:
    assert_type(numbers, list[int])


def opener(path: str) -> TextIOWrapper:
    return open(path)


with open_all([lambda: opener("a.txt"), lambda: opener("b.txt")]) as files:
    assert_type(files, list[TextIOWrapper])

# Factories, not managers: open_all calls them itself, one at a time.
open_all([nullcontext(1)])  # type: ignore[arg-type]
