"""Async rate limiter: at most ``rate`` admissions in any ``per`` seconds, fairly, on the loop's clock.

Write ``RateLimiter(rate, per)``. ``await limiter.acquire()`` returns when the caller may go
ahead: that moment is its *admission*. ``async with limiter:`` is the same admission on entry.

**Sliding window.** An admission at time ``t`` counts against the limit during ``[t, t + per)``
and no longer from ``t + per`` on: no window ``[s, s + per)`` ever holds more than ``rate``
admissions. Each ``acquire()`` is admitted at the earliest moment that is

- not before it was called,
- not before every ``acquire()`` called before it was admitted (first come, first served:
  a caller never overtakes an earlier one that is still waiting, even when it arrives at the
  very moment a slot frees up), and
- one at which fewer than ``rate`` admissions happened in the last ``per`` seconds, i.e. in
  ``(t - per, t]``.

Timelines (``rate=3, per=10``, times in seconds)::

    nine acquire() calls at t=0                 -> admitted at 0, 0, 0, 10, 10, 10, 20, 20, 20
    three calls at t=5, three more at t=10      -> admitted at 5, 5, 5, 15, 15, 15
    calls at t=0, 4, 6, 8                       -> admitted at 0, 4, 6, 10
    calls at t=0, 9, 9, 9, 10, 10               -> admitted at 0, 9, 9, 10, 19, 19

That is a sliding window: a *fixed* window that resets at t=10 would admit the second three of
line 2 at 10 (six admissions within ``[5, 15)``), and a fixed window restarting with the 4th
admission of line 4 would admit the last two at 10 as well.

**Clock.** Read time from the event loop, ``asyncio.get_running_loop().time()``, and wait with
``await asyncio.sleep(...)``; never ``time.monotonic()``, ``time.time()`` or ``time.sleep()``
(the graders run the loop in virtual time: 30 virtual seconds pass in a few real milliseconds).

**Cancellation.** Cancelling a waiting ``acquire()`` (``task.cancel()``, or an
``asyncio.timeout()`` around it) raises ``CancelledError`` in it as usual; it takes no slot,
and the calls behind it are admitted exactly as if it had never been made.

**async with.** Entering acquires (``__aenter__`` returns ``None``); leaving does nothing: an
admission is never given back early, it counts for its ``per`` seconds whatever the body
does, and an exception raised in the body propagates unchanged.

Each limiter has its own admissions (two limiters never share them). Creating one needs no
running event loop; a limiter is used from one event loop.

Bad arguments raise at construction: ``TypeError`` when ``rate`` is not an ``int`` or ``per``
is neither an ``int`` nor a ``float`` (``bool`` counts as neither); ``ValueError`` when
``rate < 1`` or ``per`` is not a positive finite number (``0``, negative, NaN, infinity).

Example::

    >>> async def main() -> list[float]:
    ...     loop = asyncio.get_running_loop()
    ...     limiter = RateLimiter(2, per=1.0)
    ...     start, times = loop.time(), []
    ...     for _ in range(5):
    ...         async with limiter:
    ...             times.append(round(loop.time() - start, 1))
    ...     return times
    >>> asyncio.run(main())
    [0.0, 0.0, 1.0, 1.0, 2.0]
"""

from __future__ import annotations

import asyncio
import math
from collections import deque
from types import TracebackType


class RateLimiter:
    """At most ``rate`` admissions in any window of ``per`` seconds, first come first served."""

    def __init__(self, rate: int, per: float) -> None:
        """Check the arguments (``TypeError`` / ``ValueError`` as the module docstring says)."""
        if isinstance(rate, bool) or not isinstance(rate, int):
            raise TypeError(f"rate must be an int, got {rate!r}")
        if isinstance(per, bool) or not isinstance(per, (int, float)):
            raise TypeError(f"per must be a number of seconds, got {per!r}")
        if rate < 1:
            raise ValueError(f"rate must be >= 1, got {rate}")
        if not (per > 0 and math.isfinite(per)):  # `not >`: NaN fails every comparison
            raise ValueError(f"per must be a positive finite number of seconds, got {per}")
        self._rate = rate
        self._per = float(per)
        # The last `rate` admission times: once full, the oldest one decides when the next may go.
        self._admitted: deque[float] = deque(maxlen=rate)
        # asyncio.Lock queues its waiters first come, first served (and needs no loop to create):
        # the caller holding it is the head of the queue, everybody else waits behind it.
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        """Wait (on the loop's clock) until this call may be admitted, then record and return."""
        loop = asyncio.get_running_loop()
        async with self._lock:
            if len(self._admitted) == self._rate:
                # Holding the lock, nobody else can be admitted meanwhile: one sleep until the
                # oldest admission leaves the window is enough (no re-check loop, so no float
                # livelock on a wait of 1e-17 s). Cancelled here, we record nothing.
                delay = self._admitted[0] + self._per - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
            self._admitted.append(loop.time())

    async def __aenter__(self) -> None:
        """Acquire, exactly like ``await self.acquire()``."""
        await self.acquire()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Do nothing: the admission keeps counting; an exception from the body propagates."""
