"""Computes base_delay * 2 ** k literally: with very many attempts the float multiplication raises OverflowError."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def retry(
    *,
    attempts: int = 3,
    exceptions: tuple[type[BaseException], ...] = (Exception,),
    base_delay: float = 0.1,
    max_delay: float = 10.0,
    jitter: Callable[[float], float] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Return a decorator that retries the listed exceptions with capped exponential backoff.

    Up to ``attempts`` tries; after failure ``k`` it sleeps
    ``min(max_delay, base_delay * 2 ** k)`` (passed through ``jitter`` when given); other
    exceptions propagate at once; when every attempt fails, the last exception is re-raised.
    Raises ``ValueError`` for ``attempts < 1`` or a negative or NaN delay.

    >>> calls, slept = [], []
    >>> def always_down() -> None:
    ...     calls.append(1)
    ...     raise TimeoutError("still down")
    >>> wrapped = retry(attempts=4, base_delay=1, max_delay=3, sleep=slept.append)(always_down)
    >>> wrapped()
    Traceback (most recent call last):
    ...
    TimeoutError: still down
    >>> len(calls), slept
    (4, [1, 2, 3])
    """
    if attempts < 1:
        raise ValueError(f"attempts must be >= 1, got {attempts}")
    if not (base_delay >= 0 and max_delay >= 0):  # `not >=`, not `<`: NaN fails every comparison
        raise ValueError(f"delays must be >= 0, got {base_delay=} and {max_delay=}")

    def decorator(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            for k in range(attempts - 1):
                try:
                    return func(*args, **kwargs)
                except exceptions:
                    delay = min(max_delay, base_delay * 2**k)
                    sleep(jitter(delay) if jitter is not None else delay)
            return func(*args, **kwargs)  # the last attempt: whatever it raises propagates

        return wrapper

    return decorator
