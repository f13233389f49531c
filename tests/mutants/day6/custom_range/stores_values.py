"""Precomputes every value into a list: reusable, but memory grows with the length."""

import operator
from typing import Self, SupportsIndex


class Range:
    """An iterable over ``start, start + step, start + 2*step, ...`` stopping before ``stop``.

    The values are exactly those of ``range(start, stop, step)``: with a positive step they
    grow while ``value < stop``; with a negative step they shrink while ``value > stop``. A
    range whose start is already at or past its stop (in the step's direction) is empty, not an
    error. The arguments are kept as the attributes ``start``, ``stop`` and ``step``.

    Raises (in ``__init__``, before any iteration):

    * ``ValueError`` if ``step`` is 0;
    * ``TypeError`` if an argument is not an ``int`` (``isinstance(x, int)`` is false),
      e.g. ``Range(0, 2.5)``.

    >>> list(Range(0, 10, 3))
    [0, 3, 6, 9]
    >>> list(Range(5, -5, -4))
    [5, 1, -3]
    >>> list(Range(0, 10, -1)), list(Range(3, 3))
    ([], [])
    >>> r = Range(0, 2)
    >>> [(a, b) for a in r for b in r]      # each loop gets its own iterator
    [(0, 0), (0, 1), (1, 0), (1, 1)]
    >>> next(r)
    Traceback (most recent call last):
    TypeError: 'Range' object is not an iterator
    """

    start: int
    stop: int
    step: int

    def __init__(
        self, start: SupportsIndex, stop: SupportsIndex, step: SupportsIndex = 1
    ) -> None:
        self.start = operator.index(start)
        self.stop = operator.index(stop)
        self.step = operator.index(step)
        if self.step == 0:
            raise ValueError("Range step must not be zero")
        self._values: list[int] = []
        value = self.start
        while value < self.stop if self.step > 0 else value > self.stop:
            self._values.append(value)
            value += self.step

    def __iter__(self) -> "RangeIterator":
        """Return a new ``RangeIterator`` over this range, positioned at ``start``."""
        it = RangeIterator(0, len(self._values), 1)
        it._values = self._values
        return it


class RangeIterator:
    """One single-use pass over ``range(start, stop, step)``; ``Range.__iter__`` creates it.

    ``__next__`` returns the next value, or raises ``StopIteration`` when the values run out —
    and keeps raising it on every later call (an exhausted iterator never restarts).
    ``__iter__`` returns the iterator itself, so a partly consumed iterator in a ``for`` loop
    continues where it stopped. The arguments are assumed valid (``step != 0``): ``Range``
    checked them.

    >>> it = RangeIterator(0, 3, 1)
    >>> iter(it) is it
    True
    >>> next(it), next(it)
    (0, 1)
    >>> [x for x in it]                     # the rest
    [2]
    >>> list(it), next(it, "exhausted")     # exhausted for good
    ([], 'exhausted')
    """

    def __init__(self, start: int, stop: int, step: int) -> None:
        self._next = start
        self._stop = stop
        self._step = step
        self._values: list[int] = []

    def __iter__(self) -> Self:
        """Return ``self``: an iterator is its own iterable."""
        return self

    def __next__(self) -> int:
        """Return the next value, or raise ``StopIteration`` if there is none (now or ever)."""
        value = self._next
        finished = value >= self._stop if self._step > 0 else value <= self._stop
        if finished:
            raise StopIteration
        self._next = value + self._step
        return self._values[value]
