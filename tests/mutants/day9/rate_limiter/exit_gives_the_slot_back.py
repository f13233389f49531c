"""Treats it like a semaphore: leaving `async with` removes the admission, so the next caller goes at once."""

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
        self._admitted: deque[float] = deque()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        loop = asyncio.get_running_loop()
        async with self._lock:
            if len(self._admitted) >= self._rate:
                delay = self._admitted[-self._rate] + self._per - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
            self._admitted.append(loop.time())

    async def __aenter__(self) -> None:
        await self.acquire()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._admitted:
            self._admitted.pop()
