"""Reports a raising call from `except Exception` instead of `finally`: a KeyboardInterrupt is never reported."""

from __future__ import annotations

import functools
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

    def decorator(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            start = clock()
            try:
                result = func(*args, **kwargs)
            except Exception:
                report(func.__qualname__, clock() - start)
                raise
            report(func.__qualname__, clock() - start)
            return result

        return wrapper

    return decorator
