"""Timing decorator: report how long each call of a function took.

Write ``timed(report, clock=...)``, a decorator factory. ``timed(report)`` returns a decorator;
the function it decorates behaves exactly like the original (same arguments, same return value,
same exceptions) and additionally, for every call:

- reads ``clock()`` once just before running the original function and once just after it has
  returned *or raised*;
- calls ``report(name, seconds)`` exactly once, after the original function has finished and
  before the result is returned (or the exception propagates). ``name`` is the original
  function's ``__qualname__``; ``seconds`` is the second clock reading minus the first;
- when the original function raises, the duration is still reported and then the *same*
  exception object propagates — for every exception, including a ``BaseException`` that is
  not an ``Exception``, such as ``KeyboardInterrupt`` (``finally``, not ``except Exception``).

Time is measured per call: the clock is never read when the decorator is applied.
``clock`` defaults to ``time.perf_counter``; graders pass a fake clock, so read time only
through ``clock``.

The decorated function keeps the original's metadata (``__name__``, ``__qualname__``,
``__doc__``, ``__module__``, ``__wrapped__`` pointing at the original — ``functools.wraps``
does all of it) and, for type checkers, its exact signature: decorating
``def add(a: int, b: int) -> int`` gives a callable that mypy still sees as taking two ints
and returning an int (use ``ParamSpec`` and a ``TypeVar``, not ``Callable[..., Any]``).

Example (a fake clock that the function itself moves forward)::

    >>> now = [100.0]
    >>> reports = []
    >>> @timed(lambda name, seconds: reports.append((name, seconds)), clock=lambda: now[0])
    ... def work(n: int) -> int:
    ...     now[0] += 2.5
    ...     return n * 2
    >>> work(21)
    42
    >>> reports
    [('work', 2.5)]
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def timed(
    report: Callable[[str, float], None],
    *,
    clock: Callable[[], float] = time.perf_counter,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Return a decorator that reports ``(qualname, seconds)`` of every call to ``report``.

    The duration is ``clock()`` read after the call minus ``clock()`` read before it; it is
    reported whether the call returns or raises, and the result or the very same exception is
    then passed on unchanged. The decorated function keeps the original's metadata and
    signature.

    >>> ticks = iter([1.0, 1.25])
    >>> seen = []
    >>> square = timed(lambda n, s: seen.append((n, s)), clock=lambda: next(ticks))(
    ...     lambda x: x * x)
    >>> square(3), seen
    (9, [('<lambda>', 0.25)])
    """
    raise NotImplementedError
