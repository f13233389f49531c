"""backoff() has no annotations: a public function left untyped.

Workers: claim a task, run its handler under a lease, record the outcome.

``backoff(attempt, base, cap)``: the delay in seconds before retrying after failed attempt
``attempt`` (1-based): ``min(cap, base * 2 ** (attempt - 1))`` — 1, 2, 4, 8 … never above
``cap``, not even for a huge ``attempt``; ``ValueError`` for ``attempt < 1``.

``Lease(repository_factory, task, worker_id, clock, lease_seconds)`` is an async context
manager held while a claimed task runs. ``repository_factory()`` returns an async context
manager that yields a ``TaskRepository`` and commits when it exits normally (the worker's:
a ``UnitOfWork`` yielding its ``tasks``); the lease opens one per operation. On entry nothing
changes. ``await lease.renew()`` extends the lease to ``clock() + lease_seconds`` and returns
whether this worker still holds the task. On exit by an exception — any ``BaseException``,
cancellation included — it ``release``s the task (back to ``pending``, the attempt not
counted) if this worker still holds it, then the exception propagates unchanged. On a normal
exit it does nothing: inside the block the worker completed or failed the task.

``Worker(session_factory, handlers=BUILTIN, *, settings, worker_id, clock=utcnow)``:

- ``await worker.run_once() -> bool``: claims one task (``False`` when none is claimable) and
  runs it, then returns ``True``. The handler gets the validated payload and runs inside a
  ``Lease``, renewed every ``settings.lease_seconds / 3`` while it runs. On success the task
  is completed with the handler's result. On an ``Exception`` (from the handler, or an unknown
  type or invalid payload) the error ``f"{type(exc).__name__}: {exc}"`` is recorded and the
  task failed: retried at ``clock() + backoff(attempts, backoff_base, backoff_cap)`` while
  ``attempts < max_attempts``, else failed for good. A ``BaseException`` that is not an
  ``Exception`` (cancellation) is no task failure: the lease releases the task and the
  exception propagates. If a renewal finds the task taken over (the lease had expired and
  another worker claimed it) the handler is cancelled and the outcome is not recorded.
- ``await worker.run(stop)``: ``run_once`` until ``stop`` (an ``asyncio.Event``) is set,
  waiting ``settings.poll_interval`` with ``asyncio.sleep`` — cut short when ``stop`` is set —
  only when there was no task. Once ``stop`` is set it finishes the task in hand, then returns.
  Cancelling ``run`` releases the in-flight task through its lease. An unexpected error
  (the database is unreachable) is logged and the worker goes on after a poll interval.
- Time: leases, ``run_after`` and retries read ``clock()``; waiting uses the event loop's
  timers (``asyncio.sleep``), never ``time.sleep()``, so everything runs in virtual time.

``python -m taskq.worker`` reads ``Settings`` from the environment, runs one ``Worker``
(id ``<hostname>-<pid>``) until SIGTERM or SIGINT, then stops as with ``stop`` and exits 0.
"""

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


def backoff(attempt, base, cap):  # type: ignore[no-untyped-def]
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
        if exc is None:
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
