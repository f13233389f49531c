"""Forgets functools.wraps: the limited function is called 'wrapper' and has no docstring."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class CallLimitExceeded(RuntimeError):
    """A limited function was called more often than its limit allows.

    >>> error = CallLimitExceeded("ping", 2)
    >>> error.function, error.limit, str(error)
    ('ping', 2, 'ping may be called at most 2 times')
    """

    function: str
    limit: int

    def __init__(self, function: str, limit: int) -> None:
        super().__init__(f"{function} may be called at most {limit} times")
        self.function = function
        self.limit = limit


def limit_calls(limit: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Return a decorator that lets each decorated function run at most ``limit`` times.

    Raises ``ValueError`` at once when ``limit`` is negative. Calls beyond the limit raise
    ``CallLimitExceeded`` and do not run the function; calls that raise still count.

    >>> once = limit_calls(1)
    >>> first, second = once(lambda: 1), once(lambda: 2)
    >>> first(), second()
    (1, 2)
    """
    if limit < 0:
        raise ValueError(f"limit must be >= 0, got {limit}")

    def decorator(func: Callable[P, R]) -> Callable[P, R]:
        calls = 0

        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            nonlocal calls
            if calls >= limit:
                raise CallLimitExceeded(func.__qualname__, limit)
            calls += 1
            return func(*args, **kwargs)

        return wrapper

    return decorator
