"""Lease releases the task only for an Exception: a cancelled or interrupted task stays running until its lease expires."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from taskq.db import make_engine, make_session_factory
from taskq.domain import Task, utcnow
from taskq.handlers import BUILTIN, Handlers, validate_payload
from taskq.repository import TaskRepository, UnitOfWork
from taskq.settings import Settings

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]
RepositoryFactory = Callable[[], AbstractAsyncContextManager[TaskRepository]]


def backoff(attempt: int, base: float, cap: float) -> float:
    """The delay after failed attempt ``attempt`` (1-based): ``min(cap, base * 2 ** (attempt - 1))``."""
    if attempt < 1:
        raise ValueError(f"attempts count from 1, got {attempt}")
    try:
        return min(cap, base * 2.0 ** (attempt - 1))
    except OverflowError:  # 2.0 ** 1024 is no float: far above any cap
        return cap


class LeaseLost(Exception):
    """A renewal found the task no longer held by this worker."""


class Lease:
    """Holds a claimed task while it runs; releases it when the block ends by an exception."""

    def __init__(
        self,
        repository_factory: RepositoryFactory,
        task: Task,
        worker_id: str,
        clock: Clock,
        lease_seconds: float,
    ) -> None:
        self._repositories = repository_factory
        self._task = task
        self._worker_id = worker_id
        self._clock = clock
        self._lease_seconds = lease_seconds

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if not isinstance(exc, Exception):
            return
        async with self._repositories() as tasks:
            await tasks.release(self._task.id, self._worker_id, self._clock())

    async def renew(self) -> bool:
        """Extend the lease to ``clock() + lease_seconds``; whether this worker still holds it."""
        async with self._repositories() as tasks:
            return await tasks.renew(self._task.id, self._worker_id, self._clock(), self._lease_seconds)


class Worker:
    """Claims and runs tasks; see the module docstring."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        handlers: Handlers = BUILTIN,
        *,
        settings: Settings,
        worker_id: str,
        clock: Clock = utcnow,
    ) -> None:
        self._session_factory = session_factory
        self._handlers = handlers
        self._settings = settings
        self.worker_id = worker_id
        self._clock = clock

    async def run(self, stop: asyncio.Event) -> None:
        """Run tasks until ``stop`` is set; wait ``poll_interval`` only when there was none."""
        while not stop.is_set():
            try:
                worked = await self.run_once()
            except Exception:
                logger.exception("worker %s: could not run a task", self.worker_id)
                worked = False
            if not worked:
                await _sleep_unless(stop, self._settings.poll_interval)

    async def run_once(self) -> bool:
        """Claim one task and run it to its outcome; ``False`` when none was claimable."""
        async with self._tasks() as tasks:
            task = await tasks.claim(self.worker_id, self._clock(), self._settings.lease_seconds)
        if task is None:
            return False
        lease = Lease(self._tasks, task, self.worker_id, self._clock, self._settings.lease_seconds)
        async with lease:
            try:
                result = await self._execute(task, lease)
            except LeaseLost:
                logger.warning("worker %s: lost the lease on task %s", self.worker_id, task.id)
            except Exception as exc:
                await self._fail(task, f"{type(exc).__name__}: {exc}")
            else:
                async with self._tasks() as tasks:
                    await tasks.complete(task.id, self.worker_id, result, self._clock())
        return True

    async def _execute(self, task: Task, lease: Lease) -> dict[str, Any]:
        """Run the task's handler, renewing the lease every ``lease_seconds / 3``."""
        payload = validate_payload(self._handlers, task.type, task.payload)
        job = asyncio.ensure_future(self._handlers[task.type].run(payload))
        try:
            while True:
                done, _ = await asyncio.wait({job}, timeout=self._settings.lease_seconds / 3)
                if done:
                    return job.result()
                if not await lease.renew():
                    raise LeaseLost(task.id)
        finally:
            if not job.done():
                job.cancel()
                await asyncio.wait({job})

    async def _fail(self, task: Task, error: str) -> None:
        settings = self._settings
        now = self._clock()
        retry_at = None
        if task.attempts < settings.max_attempts:
            delay = backoff(task.attempts, settings.backoff_base, settings.backoff_cap)
            retry_at = now + timedelta(seconds=delay)
        async with self._tasks() as tasks:
            await tasks.fail(task.id, self.worker_id, error, now, retry_at)

    @asynccontextmanager
    async def _tasks(self) -> AsyncIterator[TaskRepository]:
        async with UnitOfWork(self._session_factory) as uow:
            yield uow.tasks


async def _sleep_unless(stop: asyncio.Event, seconds: float) -> None:
    """``asyncio.sleep(seconds)``, cut short when ``stop`` is set."""
    sleeping = asyncio.ensure_future(asyncio.sleep(seconds))
    stopped = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({sleeping, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        sleeping.cancel()
        stopped.cancel()


async def serve(settings: Settings, worker_id: str | None = None) -> None:
    """Run one worker until SIGTERM or SIGINT, then stop gracefully and dispose of the engine."""
    engine = make_engine(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    signals = (signal.SIGTERM, signal.SIGINT)
    for signum in signals:
        loop.add_signal_handler(signum, stop.set)
    worker = Worker(
        make_session_factory(engine),
        settings=settings,
        worker_id=worker_id or f"{socket.gethostname()}-{os.getpid()}",
    )
    logger.info("worker %s: started", worker.worker_id)
    try:
        await worker.run(stop)
    finally:
        for signum in signals:
            loop.remove_signal_handler(signum)
        await engine.dispose()
    logger.info("worker %s: stopped", worker.worker_id)


def main() -> None:
    """``python -m taskq.worker``: settings from the environment, one worker, graceful stop."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    asyncio.run(serve(Settings()))


if __name__ == "__main__":
    main()
