"""Off by one: treats `attempts` as the number of retries, so it tries attempts + 1 times."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def _capped(base_delay: float, max_delay: float, k: int) -> float:
    """min(max_delay, base_delay * 2 ** k) without overflowing: double and cap k times."""
    delay = min(base_delay, max_delay)
    for _ in range(k):
        delay = min(delay * 2, max_delay)
    return delay


def retry(
    *,
    attempts: int = 3,
    exceptions: tuple[type[BaseException], ...] = (Exception,),
    base_delay: float = 0.1,
    max_delay: float = 10.0,
    jitter: Callable[[float], float] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    if attempts < 1:
        raise ValueError(f"attempts must be >= 1, got {attempts}")
    if not (base_delay >= 0 and max_delay >= 0):
        raise ValueError("delays must be >= 0")

    def decorator(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            for attempt in range(attempts + 1):
                try:
                    return func(*args, **kwargs)
                except exceptions:
                    if attempt == attempts:
                        raise
                    delay = _capped(base_delay, max_delay, attempt)
                    sleep(jitter(delay) if jitter is not None else delay)
            raise AssertionError("unreachable")

        return wrapper

    return decorator
