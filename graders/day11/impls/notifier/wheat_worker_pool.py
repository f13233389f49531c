"""Correct: a precomputed delay schedule, asyncio.wait_for, and limit workers sharing a queue."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    to: str
    text: str


class SendError(Exception):
    def __init__(self, reason: str, *, transient: bool = True) -> None:
        super().__init__(reason)
        self.transient = transient


class DeliveryFailed(Exception):
    def __init__(self, message: Message, attempts: int) -> None:
        super().__init__(f"gave up on {message.to} after {attempts} attempt(s)")
        self.message = message
        self.attempts = attempts


class Notifier:
    def __init__(
        self,
        send: Callable[[Message], Awaitable[None]],
        *,
        retries: int = 3,
        backoff: float = 0.5,
        timeout: float = 10.0,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        if retries < 0 or backoff < 0 or timeout <= 0:
            raise ValueError("retries and backoff must be >= 0, timeout > 0")
        self._send, self._sleep = send, sleep
        self.retries, self.backoff, self.timeout = retries, backoff, timeout

    async def _attempt(self, msg: Message) -> BaseException | None:
        """The error of one attempt, None when it succeeded."""
        try:
            await asyncio.wait_for(self._send(msg), self.timeout)
        except SendError as error:
            return error
        except TimeoutError as error:
            return error
        return None

    async def notify(self, msg: Message) -> None:
        delays = [self.backoff * 2**k for k in range(self.retries)]
        for number, delay in enumerate([*delays, None], start=1):
            error = await self._attempt(msg)
            if error is None:
                return
            if delay is None or (isinstance(error, SendError) and not error.transient):
                raise DeliveryFailed(msg, number) from error
            await self._sleep(delay)

    async def notify_all(self, msgs: Iterable[Message], *, limit: int = 10) -> list[Message]:
        if limit < 1:
            raise ValueError("limit must be >= 1")
        batch = list(msgs)
        queue: asyncio.Queue[int] = asyncio.Queue()
        for index in range(len(batch)):
            queue.put_nowait(index)
        failed: set[int] = set()

        async def worker() -> None:
            while not queue.empty():
                index = queue.get_nowait()
                try:
                    await self.notify(batch[index])
                except DeliveryFailed:
                    failed.add(index)

        async with asyncio.TaskGroup() as group:
            for _ in range(min(limit, len(batch))):
                group.create_task(worker())
        return [batch[i] for i in sorted(failed)]
