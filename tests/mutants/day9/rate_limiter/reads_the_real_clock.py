"""Measures time with time.monotonic() instead of the event loop's clock."""

from __future__ import annotations

import asyncio
import math
import time
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
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            while len(self._admitted) == self._rate:
                delay = self._admitted[0] + self._per - time.monotonic()
                if delay <= 0:
                    break
                await asyncio.sleep(delay)
            self._admitted.append(time.monotonic())

    async def __aenter__(self) -> None:
        await self.acquire()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        pass

