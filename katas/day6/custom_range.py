"""Custom range iterator: an iterable and its iterator, written by hand.

``Range(start, stop, step)`` gives the same values as the built-in
``range(start, stop, step)``, built directly on the two iteration protocols:

* ``Range`` is an **iterable**: it has ``__iter__`` and no ``__next__``. Every ``iter(r)``
  returns a *new* ``RangeIterator`` positioned at the start, so one ``Range`` can be looped
  over any number of times, also in two nested loops over the same object.
* ``RangeIterator`` is an **iterator**: ``__next__`` returns the next value or raises
  ``StopIteration``; ``iter(it)`` returns ``it`` itself; it is single use — once exhausted,
  every later ``next(it)`` raises ``StopIteration`` again.

Neither class stores the values: memory stays constant whatever the length
(``iter(Range(0, 10**9))`` must not build a list of a billion ints).

>>> r = Range(10, 0, -3)
>>> list(r), list(r)
([10, 7, 4, 1], [10, 7, 4, 1])
>>> it = iter(r)
>>> iter(it) is it, next(it), list(it), list(it)
(True, 10, [7, 4, 1], [])
"""

from typing import Self, SupportsIndex


class Range:
    """An iterable over ``start, start + step, start + 2*step, ...`` stopping before ``stop``.

    The values are exactly those of ``range(start, stop, step)``: with a positive step they
    grow while ``value < stop``; with a negative step they shrink while ``value > stop``. A
    range whose start is already at or past its stop (in the step's direction) is empty, not an
    error.

    The arguments are what ``range`` accepts: any ``int`` — ``bool`` and ``IntEnum`` members
    included — or any object with an ``__index__`` method. Each is converted with
    ``operator.index()``, as ``range`` does, and kept as the attribute ``start``, ``stop`` or
    ``step``: a plain ``int`` (``Range(True, 3).start`` is ``1``), and so is every value.

    Raises (in ``__init__``, before any iteration), types checked first as ``range`` does:

    * ``TypeError`` if an argument is not accepted (``operator.index(x)`` raises
      ``TypeError``), e.g. ``Range(0, 2.5)``; also ``Range(0, 1, 0.0)``, a zero step that is a
      ``float``;
    * ``ValueError`` if ``step`` is 0 (also ``False``, or an ``__index__`` that gives 0).

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
        raise NotImplementedError

    def __iter__(self) -> "RangeIterator":
        """Return a new ``RangeIterator`` over this range, positioned at ``start``."""
        raise NotImplementedError


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
        raise NotImplementedError

    def __iter__(self) -> Self:
        """Return ``self``: an iterator is its own iterable."""
        raise NotImplementedError

    def __next__(self) -> int:
        """Return the next value, or raise ``StopIteration`` if there is none (now or ever)."""
        raise NotImplementedError
