"""Workers: claim a task, run its handler under a lease, record the outcome.

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


def backoff(attempt: int, base: float, cap: float) -> float:
    """The delay after failed attempt ``attempt`` (1-based): ``min(cap, base * 2 ** (attempt - 1))``."""
    raise NotImplementedError


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
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        raise NotImplementedError

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        raise NotImplementedError

    async def renew(self) -> bool:
        """Extend the lease to ``clock() + lease_seconds``; whether this worker still holds it."""
        raise NotImplementedError


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
        raise NotImplementedError

    async def run(self, stop: asyncio.Event) -> None:
        """Run tasks until ``stop`` is set; wait ``poll_interval`` only when there was none."""
        raise NotImplementedError

    async def run_once(self) -> bool:
        """Claim one task and run it to its outcome; ``False`` when none was claimable."""
        raise NotImplementedError


async def serve(settings: Settings, worker_id: str | None = None) -> None:
    """Run one worker until SIGTERM or SIGINT, then stop gracefully and dispose of the engine."""
    raise NotImplementedError


def main() -> None:
    """``python -m taskq.worker``: settings from the environment, one worker, graceful stop."""
    raise NotImplementedError


if __name__ == "__main__":
    main()
