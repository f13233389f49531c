"""Decorators + closures: a call limiter that keeps one counter per decorated function.

Write ``limit_calls(limit)``, a decorator factory. A function decorated with
``limit_calls(limit)`` may run at most ``limit`` times; every later call raises
``CallLimitExceeded`` *without running the function*.

Rules:

- ``limit`` must be ``>= 0``; ``limit_calls(-1)`` raises ``ValueError`` right away (before
  anything is decorated). ``limit_calls(0)`` is allowed: every call is refused.
- A call counts as soon as it starts, whether the function then returns or raises.
- Each decorated function has its own counter. That holds when one ``limit_calls(n)`` decorator
  is applied to several functions (``once = limit_calls(1)``, then ``@once`` twice) and when
  the same function is decorated twice: the counters never influence each other. (A variable
  created each time a function is decorated — closure state of the function you return —
  behaves exactly so; a global, or a variable of ``limit_calls`` itself, would be shared.)
- ``CallLimitExceeded(function, limit)`` carries the original function's ``__qualname__`` as
  ``.function`` and the limit as ``.limit``; its message is
  ``f"{function} may be called at most {limit} times"``.
- Arguments and return values pass through unchanged; the decorated function keeps the
  original's metadata (``__name__``, ``__qualname__``, ``__doc__``, ``__module__``,
  ``__wrapped__``) and, for type checkers, its signature.

Example::

    >>> @limit_calls(2)
    ... def ping() -> str:
    ...     return "pong"
    >>> ping(), ping()
    ('pong', 'pong')
    >>> ping()
    Traceback (most recent call last):
    ...
    day7.limit_calls.CallLimitExceeded: ping may be called at most 2 times
"""

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
        raise NotImplementedError


def limit_calls(limit: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Return a decorator that lets each decorated function run at most ``limit`` times.

    Raises ``ValueError`` at once when ``limit`` is negative. Calls beyond the limit raise
    ``CallLimitExceeded`` and do not run the function; calls that raise still count.

    >>> once = limit_calls(1)
    >>> first, second = once(lambda: 1), once(lambda: 2)
    >>> first(), second()
    (1, 2)
    """
    raise NotImplementedError
