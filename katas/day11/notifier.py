"""Deliver notifications through an async ``send`` callable: retries with exponential backoff,
a time limit on each attempt, and a batch sender with bounded concurrency.

This module is finished: it is the module your tests are about (write them in
``test_notifier.py``). Everything it promises is in these docstrings.

>>> import asyncio
>>> sent: list[Message] = []
>>> async def send(msg: Message) -> None:
...     sent.append(msg)
>>> asyncio.run(Notifier(send).notify(Message("ada", "hello")))
>>> sent
[Message(to='ada', text='hello')]
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

__all__ = ["DeliveryFailed", "Message", "Notifier", "SendError"]


@dataclass(frozen=True)
class Message:
    """One notification: who gets it and what it says."""

    to: str
    text: str


class SendError(Exception):
    """What ``send`` raises when a delivery attempt fails.

    ``transient=True`` (the default): the failure may go away (a dropped connection, a busy
    server), so the attempt is worth repeating. ``transient=False``: it will not (an unknown
    recipient), so repeating is pointless.

    >>> SendError("no such user", transient=False).transient
    False
    """

    def __init__(self, reason: str, *, transient: bool = True) -> None:
        super().__init__(reason)
        self.transient = transient


class DeliveryFailed(Exception):
    """``notify()`` gave up on ``message`` after ``attempts`` attempts.

    Its ``__cause__`` is the error of the last attempt: a ``SendError``, or a ``TimeoutError``
    when that attempt ran out of time.
    """

    def __init__(self, message: Message, attempts: int) -> None:
        super().__init__(f"could not deliver to {message.to} after {attempts} attempt(s)")
        self.message = message
        self.attempts = attempts


class Notifier:
    """Sends messages with ``send``, retrying transient failures.

    - ``send(msg)`` is awaited once per attempt.
    - ``retries`` (default 3): how many times a failed attempt is repeated, so a message gets
      at most ``retries + 1`` attempts. ``retries=0``: one attempt, no retry.
    - ``backoff`` (default 0.5 s): before retry number *k* (k = 1, 2, …) ``notify`` waits
      ``backoff * 2 ** (k - 1)`` seconds — 0.5, 1.0, 2.0, … — by awaiting ``sleep(delay)``.
      It never waits before the first attempt, nor after the last one.
    - ``timeout`` (default 10 s): the time limit of each attempt (not of the whole ``notify``);
      an attempt that runs longer is cancelled and counts as a transient failure.
    - ``sleep`` (default ``asyncio.sleep``): how ``notify`` waits between attempts; tests pass
      a fake (an ``AsyncMock``) so that nothing waits for real.

    Raises ``ValueError`` when ``retries < 0``, ``backoff < 0`` or ``timeout <= 0``.

    >>> Notifier(lambda msg: asyncio.sleep(0), retries=-1)
    Traceback (most recent call last):
    ...
    ValueError: retries must be >= 0, not -1
    """

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
        """Deliver ``msg``: return once an attempt (an awaited ``send(msg)``) succeeds.

        - A ``SendError`` with ``transient=True``, or a ``TimeoutError`` (the attempt ran out
          of ``timeout``), fails the attempt: ``notify`` waits the backoff delay and tries
          again, up to ``retries`` times. When the last attempt fails too it raises
          ``DeliveryFailed(msg, attempts)`` from that attempt's error — without waiting again.
        - A ``SendError`` with ``transient=False`` is not retried: ``DeliveryFailed`` is raised
          from it at once, without waiting (its ``attempts`` counts every attempt made, this
          one included: 1 when the very first attempt got it).
        - Any other exception from ``send`` (a bug, not a failed delivery) is not retried and
          propagates unchanged.

        For example, with ``retries=3, backoff=0.5`` and a ``send`` that fails transiently
        twice and then succeeds: three attempts, with ``sleep(0.5)`` and ``sleep(1.0)`` awaited
        between them. If it always fails: four attempts, sleeps of 0.5, 1.0 and 2.0, then
        ``DeliveryFailed`` with ``attempts == 4``.
        """
        attempt = 1
        while True:
            try:
                async with asyncio.timeout(self.timeout):
                    await self._send(msg)
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
        """``notify()`` every message, concurrently, with at most ``limit`` of them in progress
        at any moment (each with its own retries); return the messages that could not be
        delivered (``notify`` raised ``DeliveryFailed``), in the order of ``msgs``.

        Up to ``limit`` deliveries do run at the same time: five messages with ``limit=2``
        have two sends in flight at once, never three, and never just one at a time. One
        failed message does not stop the others. An exception that is not ``DeliveryFailed``
        cancels the deliveries still in progress and propagates inside an ``ExceptionGroup``
        (as from an ``asyncio.TaskGroup``).

        Raises ``ValueError`` when ``limit < 1`` (before sending anything). No messages: ``[]``.
        """
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
