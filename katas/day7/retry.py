"""Retry with backoff: a decorator factory that retries failing calls, sleeping in between.

Write ``retry(...)``. Every argument is keyword-only::

    retry(
        attempts=3,                # total number of tries, including the first one
        exceptions=(Exception,),   # only these exception types (and subclasses) are retried
        base_delay=0.1,            # seconds slept after the first failure
        max_delay=10.0,            # cap for every delay
        jitter=None,               # None, or a callable: capped delay -> delay actually slept
        sleep=time.sleep,          # how to wait; graders pass a recording fake
    )

``retry(...)`` returns a decorator. Calling the decorated function calls the original with the
same arguments, up to ``attempts`` times:

- If an attempt returns, that value is returned at once (no further attempts, no sleep).
- If an attempt raises an instance of one of ``exceptions`` and attempts remain, the decorator
  sleeps, then tries again. After failed attempt number ``k`` (``k = 0`` for the first) the
  delay is ``min(max_delay, base_delay * 2 ** k)``: with ``base_delay=1, max_delay=5`` the
  delays are 1, 2, 4, 5, 5, ... That holds for any number of attempts: the delay is the
  formula's true value (it stays ``max_delay`` once reached) even where computing
  ``base_delay * 2 ** k`` literally raises ``OverflowError`` — a float times ``2 ** k`` does
  from ``k = 1024`` on; double the previous delay and cap it instead.
  If ``jitter`` is not ``None`` — any callable, whatever its truth value — it is called once
  per sleep with that capped delay, and ``sleep`` receives what ``jitter`` returns (e.g.
  full jitter: ``jitter=lambda d: random.uniform(0, d)``). ``sleep`` is called exactly once
  between two consecutive attempts — also when the delay is 0 — never before the first
  attempt and never after the last one.
- If an attempt raises an exception that is *not* an instance of one of ``exceptions``, it
  propagates immediately: no sleep, no further attempt.
- If the last attempt fails, its exception propagates: the very same exception object the
  original raised, not a new one and not a wrapper.

Bad configuration is refused when ``retry(...)`` itself is called, before anything is
decorated: ``attempts < 1``, ``base_delay < 0`` or ``max_delay < 0`` raise ``ValueError``, and
so does a delay that is NaN (for which ``< 0`` is false: check that the delay is ``>= 0``).

The decorated function keeps the original's metadata (``__name__``, ``__qualname__``,
``__doc__``, ``__module__``, ``__wrapped__``) and, for type checkers, its signature.

Example::

    >>> slept = []
    >>> outcomes = iter([ConnectionError("down"), ConnectionError("down"), "ok"])
    >>> @retry(attempts=5, exceptions=(ConnectionError,), base_delay=0.5, sleep=slept.append)
    ... def fetch() -> str:
    ...     outcome = next(outcomes)
    ...     if isinstance(outcome, Exception):
    ...         raise outcome
    ...     return outcome
    >>> fetch(), slept
    ('ok', [0.5, 1.0])
"""

from __future__ import annotations

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
    raise NotImplementedError
