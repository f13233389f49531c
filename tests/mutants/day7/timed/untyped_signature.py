"""Right behaviour, but typed Callable[..., Any]: mypy no longer sees the wrapped signature."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any


def timed(
    report: Callable[[str, float], None],
    *,
    clock: Callable[[], float] = time.perf_counter,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            try:
                return func(*args, **kwargs)
            finally:
                report(func.__qualname__, clock() - start)

        return wrapper

    return decorator
