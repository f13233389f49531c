"""Books each caller's admission time before sleeping and never cancels the booking: a cancelled waiter still uses up its slot."""

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
        self._booked: deque[float] = deque(maxlen=rate)

    async def acquire(self) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        at = now
        if self._booked:
            at = max(at, self._booked[-1])
        if len(self._booked) == self._rate:
            at = max(at, self._booked[0] + self._per)
        self._booked.append(at)
        if at > now:
            await asyncio.sleep(at - now)

    async def __aenter__(self) -> None:
        await self.acquire()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        pass

