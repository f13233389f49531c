"""Persistence of tasks: ``TaskRepository`` over one session, ``UnitOfWork`` around it.

``UnitOfWork(session_factory)`` is an async context manager around ONE session::

    async with UnitOfWork(session_factory) as uow:
        await uow.tasks.add(task)
    # committed here

It opens a session on entry and exposes ``uow.tasks``, a ``TaskRepository`` over it. Leaving
the block normally commits; leaving it by any exception — ``asyncio.CancelledError`` and
``KeyboardInterrupt`` included — rolls back and re-raises the very same exception (never
swallowed, never wrapped); however the block ends, the session is closed. ``await
uow.commit()`` inside the block commits early (the block may go on); nothing is written to
the database before a commit. ``uow.tasks`` outside a block raises ``RuntimeError``.

``TaskRepository(session)`` maps ``taskq.models.TaskRow`` rows to and from
``taskq.domain.Task`` objects (callers never see rows):

- ``add(task)``; ``get(task_id) -> Task | None``; ``by_idempotency_key(key) -> Task | None``;
- ``list(status=None, type=None, limit=20, offset=0) -> (tasks, total)``: the page of tasks
  with that status and/or type, ordered by ``(created_at, id)``, and how many match in all;
- ``cancel(task_id, now) -> bool``: ``pending -> cancelled`` as ONE conditional update, so a
  task a worker claimed in the meantime is left alone (``False``);
- the worker's operations, each ONE conditional statement:

  - ``claim(worker_id, now, lease_seconds) -> Task | None``: the oldest claimable task by
    ``(created_at, id)`` — ``pending`` with ``run_after <= now``, or ``running`` with
    ``lease_expires_at <= now`` (its worker died) — becomes ``running`` with ``worker_id``,
    ``lease_expires_at = now + lease_seconds`` and ``attempts + 1``; ``None`` when nothing is
    claimable. Never the same task to two claimers: on PostgreSQL the candidate is selected
    ``FOR UPDATE SKIP LOCKED``; on SQLite (which has no row locks) the claim is an
    ``UPDATE ... WHERE id = :id AND <still claimable>``, and when it matches no row (someone
    else was faster) the next candidate is tried;
  - ``renew(task_id, worker_id, now, lease_seconds)``, ``complete(task_id, worker_id, result,
    now)``, ``fail(task_id, worker_id, error, now, retry_at)``, ``release(task_id, worker_id,
    now)`` each change the row only while it is ``running`` and held by ``worker_id``, and
    return whether they did. ``renew`` sets ``lease_expires_at = now + lease_seconds``.
    ``complete`` makes it ``succeeded`` with ``result``. ``fail`` records ``error``; with a
    ``retry_at`` the task goes back to ``pending`` with ``run_after = retry_at``, without it
    the task is ``failed``. ``release`` puts it back to ``pending`` with ``run_after = now``,
    ``attempts - 1`` (that attempt does not count), no worker and no lease. Every change
    sets ``updated_at = now`` (a renewal too).

The dialect is read from the session's bind: the same code runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import builtins
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Self

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from taskq.domain import Task, TaskStatus
from taskq.models import TaskRow


class TaskRepository:
    """Tasks stored through one ``AsyncSession``; see the module docstring."""

    def __init__(self, session: AsyncSession) -> None:
        raise NotImplementedError

    async def add(self, task: Task) -> None:
        """Store a new task (written at the next commit)."""
        raise NotImplementedError

    async def get(self, task_id: str) -> Task | None:
        """The task with that id, or ``None``."""
        raise NotImplementedError

    async def by_idempotency_key(self, key: str) -> Task | None:
        """The task submitted with that idempotency key, or ``None``."""
        raise NotImplementedError

    async def list(
        self,
        status: TaskStatus | None = None,
        type: str | None = None,  # noqa: A002 - the contract's name
        limit: int = 20,
        offset: int = 0,
    ) -> tuple[builtins.list[Task], int]:
        """A page of tasks by ``(created_at, id)`` and the number of tasks that match."""
        raise NotImplementedError

    async def cancel(self, task_id: str, now: datetime) -> bool:
        """``pending -> cancelled`` if the task is still pending; whether it was."""
        raise NotImplementedError

    async def claim(self, worker_id: str, now: datetime, lease_seconds: float) -> Task | None:
        """Claim the oldest claimable task for ``worker_id``; ``None`` when there is none."""
        raise NotImplementedError

    async def renew(self, task_id: str, worker_id: str, now: datetime, lease_seconds: float) -> bool:
        """Extend the lease to ``now + lease_seconds`` while ``worker_id`` holds the task."""
        raise NotImplementedError

    async def complete(
        self, task_id: str, worker_id: str, result: dict[str, Any], now: datetime
    ) -> bool:
        """``running -> succeeded`` with ``result``, while ``worker_id`` holds the task."""
        raise NotImplementedError

    async def fail(
        self,
        task_id: str,
        worker_id: str,
        error: str,
        now: datetime,
        retry_at: datetime | None,
    ) -> bool:
        """Record ``error``: back to ``pending`` at ``retry_at``, or ``failed`` without one."""
        raise NotImplementedError

    async def release(self, task_id: str, worker_id: str, now: datetime) -> bool:
        """Give the task back: ``pending`` from ``now``, the attempt not counted."""
        raise NotImplementedError


class UnitOfWork:
    """One session, one transaction: commit on a normal exit, roll back on any exception."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        raise NotImplementedError

    @property
    def tasks(self) -> TaskRepository:
        """The repository of the running block; ``RuntimeError`` outside it."""
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

    async def commit(self) -> None:
        """Commit what the block did so far; the block may go on."""
        raise NotImplementedError

    async def rollback(self) -> None:
        """Discard what the block did since the last commit; the block may go on."""
        raise NotImplementedError

