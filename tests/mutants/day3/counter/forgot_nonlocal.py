"""Forgets nonlocal: count += step makes count local to increment (UnboundLocalError)."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple


class Counter(NamedTuple):
    """The three functions of one counter; unpack it: ``inc, read, reset = make_counter()``."""

    increment: Callable[[], int]
    read: Callable[[], int]
    reset: Callable[[], None]


def make_counter(start: int = 0, step: int = 1) -> Counter:
    """Return ``Counter(increment, read, reset)`` sharing one count that begins at ``start``.

    - ``increment()`` adds ``step`` to the count and returns the new count;
    - ``read()`` returns the count and changes nothing;
    - ``reset()`` sets the count back to ``start`` and returns ``None``.

    ``step`` may be negative (a countdown); ``step == 0`` raises ``ValueError`` from
    ``make_counter`` itself, before any function is returned.

    >>> down = make_counter(start=3, step=-1)
    >>> down.increment(), down.increment(), down.read()
    (2, 1, 1)
    >>> make_counter(step=0)
    Traceback (most recent call last):
    ...
    ValueError: step must not be 0
    """
    if step == 0:
        raise ValueError("step must not be 0")
    count = start

    def increment() -> int:
        count += step
        return count

    def read() -> int:
        return count

    def reset() -> None:
        count = start

    return Counter(increment, read, reset)
