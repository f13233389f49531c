"""notify() calls send() but never awaits it, so nothing is delivered."""

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
        super().__init__(f"could not deliver to {message.to} after {attempts} attempt(s)")
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
        if retries < 0:
            raise ValueError(f"retries must be >= 0, not {retries}")
        if backoff < 0:
            raise ValueError(f"backoff must be >= 0, not {backoff}")
        if timeout <= 0:
            raise ValueError(f"timeout must be > 0, not {timeout}")
        self._send = send
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self._sleep = sleep

    async def notify(self, msg: Message) -> None:
        attempt = 1
        while True:
            try:
                async with asyncio.timeout(self.timeout):
                    self._send(msg)
                return
            except SendError as error:
                if not error.transient or attempt > self.retries:
                    raise DeliveryFailed(msg, attempt) from error
            except TimeoutError as error:
                if attempt > self.retries:
                    raise DeliveryFailed(msg, attempt) from error
            await self._sleep(self.backoff * 2 ** (attempt - 1))
            attempt += 1

    async def notify_all(self, msgs: Iterable[Message], *, limit: int = 10) -> list[Message]:
        if limit < 1:
            raise ValueError(f"limit must be >= 1, not {limit}")
        batch = list(msgs)
        gate = asyncio.Semaphore(limit)

        async def deliver(msg: Message) -> bool:
            async with gate:
                try:
                    await self.notify(msg)
                except DeliveryFailed:
                    return False
                return True

        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(deliver(msg)) for msg in batch]
        return [msg for msg, task in zip(batch, tasks) if not task.result()]
