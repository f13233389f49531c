"""Closures: a counter whose private state lives in a closure.

A nested function that uses a variable of the function around it keeps that variable alive after
the outer function has returned: it *closes over* it. Several nested functions created by the
same call share the variable — that is private, mutable state without a class or a global. To
*rebind* such a variable (``count += step``) the nested function must declare it
``nonlocal count``; without the declaration the assignment makes ``count`` a new local variable
and the ``+=`` raises ``UnboundLocalError``.

Write ``make_counter(start=0, step=1)`` returning ``Counter(increment, read, reset)``: three
functions sharing one count. The rules that make it a closure (graded by introspection):

- the count is a plain ``int`` local variable of ``make_counter``, which ``increment`` and
  ``reset`` rebind with ``nonlocal`` — not a list or dict "box", not a global, not an attribute;
- the three are plain functions defined inside ``make_counter`` (no class, no bound methods), so
  each one's ``__closure__`` holds the cell of that same count variable, and the cell's content
  is always the current count;
- every call of ``make_counter`` creates a new, independent counter.

Example::

    >>> inc, read, reset = make_counter(start=10, step=5)
    >>> inc(), inc(), read()
    (15, 20, 20)
    >>> reset()
    >>> read()
    10
"""

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
        nonlocal count
        count += step
        return count

    def read() -> int:
        return count

    def reset() -> None:
        nonlocal count
        count = start

    return Counter(increment, read, reset)
