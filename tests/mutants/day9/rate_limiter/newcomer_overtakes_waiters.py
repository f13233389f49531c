"""No queue: waiters re-check after sleeping, so a caller arriving just as a slot frees up takes it ahead of one already waiting."""

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

    async def acquire(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            while self._admitted and self._admitted[0] <= now - self._per:
                self._admitted.popleft()
            if len(self._admitted) < self._rate:
                self._admitted.append(now)
                return
            await asyncio.sleep(self._admitted[0] + self._per - now)

    async def __aenter__(self) -> None:
        await self.acquire()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        pass

