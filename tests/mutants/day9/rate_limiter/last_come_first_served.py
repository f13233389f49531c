"""Wakes the waiters from the end of its list (a stack): the latest caller is admitted first."""

from __future__ import annotations

import asyncio
import math
from collections import deque
from types import TracebackType


class RateLimiter:
    def __init__(self, rate: int, per: float) -> None:
        if isinstance(rate, bool) or not isinstance(rate, int):
            raise TypeError(f"rate must be an int, got {rate!r}")
        if isinstance(per, bool) or not isinstance(per, (int, float)):
            raise TypeError(f"per must be a number of seconds, got {per!r}")
        if rate < 1:
            raise ValueError(f"rate must be >= 1, got {rate}")
        if not (per > 0 and math.isfinite(per)):
            raise ValueError(f"per must be a positive finite number of seconds, got {per}")
        self._rate = rate
        self._per = float(per)
        self._admitted: deque[float] = deque(maxlen=rate)
        self._waiters: list[asyncio.Future[None]] = []
        self._timer: asyncio.TimerHandle | None = None

    def _free(self, now: float) -> bool:
        return len(self._admitted) < self._rate or self._admitted[0] + self._per <= now

    def _wake(self) -> None:
        self._timer = None
        loop = asyncio.get_running_loop()
        while self._waiters and self._free(loop.time()):
            waiter = self._waiters.pop()  # the newest waiter first
            if not waiter.done():
                self._admitted.append(loop.time())
                waiter.set_result(None)
        if self._waiters and self._timer is None:
            self._timer = loop.call_at(self._admitted[0] + self._per, self._wake)

    async def acquire(self) -> None:
        loop = asyncio.get_running_loop()
        if not self._waiters and self._free(loop.time()):
            self._admitted.append(loop.time())
            return
        waiter = loop.create_future()
        self._waiters.append(waiter)
        if self._timer is None:
            self._timer = loop.call_at(self._admitted[0] + self._per, self._wake)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter in self._waiters:
                self._waiters.remove(waiter)
            raise

    async def __aenter__(self) -> None:
        await self.acquire()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        pass

