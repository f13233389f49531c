"""UnitOfWork closes the session on a normal exit without committing: nothing survives the request

Persistence of tasks: ``TaskRepository`` over one session, ``UnitOfWork`` around it.

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

CANDIDATES = 8  # SQLite: how many candidates one query offers the conditional update


def _to_task(row: TaskRow) -> Task:
    return Task(
        id=row.id,
        type=row.type,
        payload=row.payload,
        status=TaskStatus(row.status),
        result=row.result,
        error=row.error,
        attempts=row.attempts,
        idempotency_key=row.idempotency_key,
        created_at=row.created_at,
        updated_at=row.updated_at,
        run_after=row.run_after,
        worker_id=row.worker_id,
        lease_expires_at=row.lease_expires_at,
    )


def _claimable(now: datetime) -> ColumnElement[bool]:
    return or_(
        and_(TaskRow.status == TaskStatus.PENDING.value, TaskRow.run_after <= now),
        and_(TaskRow.status == TaskStatus.RUNNING.value, TaskRow.lease_expires_at <= now),
    )


class TaskRepository:
    """Tasks stored through one ``AsyncSession``; see the module docstring."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, task: Task) -> None:
        """Store a new task (written at the next commit)."""
        self._session.add(
            TaskRow(
                id=task.id,
                type=task.type,
                payload=task.payload,
                status=task.status.value,
                result=task.result,
                error=task.error,
                attempts=task.attempts,
                idempotency_key=task.idempotency_key,
                created_at=task.created_at,
                updated_at=task.updated_at,
                run_after=task.run_after,
                worker_id=task.worker_id,
                lease_expires_at=task.lease_expires_at,
            )
        )
        await self._session.flush()

    async def get(self, task_id: str) -> Task | None:
        """The task with that id, or ``None``."""
        return await self._one(TaskRow.id == task_id)

    async def by_idempotency_key(self, key: str) -> Task | None:
        """The task submitted with that idempotency key, or ``None``."""
        return await self._one(TaskRow.idempotency_key == key)

    async def list(
        self,
        status: TaskStatus | None = None,
        type: str | None = None,  # noqa: A002 - the contract's name
        limit: int = 20,
        offset: int = 0,
    ) -> tuple[builtins.list[Task], int]:
        """A page of tasks by ``(created_at, id)`` and the number of tasks that match."""
        filters: builtins.list[ColumnElement[bool]] = []
        if status is not None:
            filters.append(TaskRow.status == TaskStatus(status).value)
        if type is not None:
            filters.append(TaskRow.type == type)
        total = await self._session.scalar(select(func.count()).select_from(TaskRow).where(*filters))
        rows = await self._session.scalars(
            select(TaskRow)
            .where(*filters)
            .order_by(TaskRow.created_at, TaskRow.id)
            .limit(limit)
            .offset(offset)
            .execution_options(populate_existing=True)
        )
        return [_to_task(row) for row in rows], total or 0

    async def cancel(self, task_id: str, now: datetime) -> bool:
        """``pending -> cancelled`` if the task is still pending; whether it was."""
        return await self._change(
            TaskRow.id == task_id,
            TaskRow.status == TaskStatus.PENDING.value,
            status=TaskStatus.CANCELLED.value,
            updated_at=now,
        )

    async def claim(self, worker_id: str, now: datetime, lease_seconds: float) -> Task | None:
        """Claim the oldest claimable task for ``worker_id``; ``None`` when there is none."""
        values: dict[str, Any] = {
            "status": TaskStatus.RUNNING.value,
            "worker_id": worker_id,
            "lease_expires_at": now + timedelta(seconds=lease_seconds),
            "attempts": TaskRow.attempts + 1,
            "updated_at": now,
        }
        oldest = select(TaskRow.id).where(_claimable(now)).order_by(TaskRow.created_at, TaskRow.id)
        bind = self._session.get_bind()
        if bind.dialect.name == "postgresql":
            task_id = await self._session.scalar(oldest.limit(1).with_for_update(skip_locked=True))
            if task_id is None:
                return None
            await self._change(TaskRow.id == task_id, **values)
            return await self.get(task_id)
        while candidates := (await self._session.scalars(oldest.limit(CANDIDATES))).all():
            for task_id in candidates:
                # Still claimable? Another claimer may have taken it since the SELECT.
                if await self._change(TaskRow.id == task_id, _claimable(now), **values):
                    return await self.get(task_id)
        return None

    async def renew(self, task_id: str, worker_id: str, now: datetime, lease_seconds: float) -> bool:
        """Extend the lease to ``now + lease_seconds`` while ``worker_id`` holds the task."""
        return await self._change_held(
            task_id, worker_id, lease_expires_at=now + timedelta(seconds=lease_seconds), updated_at=now
        )

    async def complete(
        self, task_id: str, worker_id: str, result: dict[str, Any], now: datetime
    ) -> bool:
        """``running -> succeeded`` with ``result``, while ``worker_id`` holds the task."""
        return await self._change_held(
            task_id,
            worker_id,
            status=TaskStatus.SUCCEEDED.value,
            result=result,
            error=None,
            lease_expires_at=None,
            updated_at=now,
        )

    async def fail(
        self,
        task_id: str,
        worker_id: str,
        error: str,
        now: datetime,
        retry_at: datetime | None,
    ) -> bool:
        """Record ``error``: back to ``pending`` at ``retry_at``, or ``failed`` without one."""
        if retry_at is None:
            changes: dict[str, Any] = {"status": TaskStatus.FAILED.value}
        else:
            changes = {"status": TaskStatus.PENDING.value, "run_after": retry_at, "worker_id": None}
        return await self._change_held(
            task_id, worker_id, error=error, lease_expires_at=None, updated_at=now, **changes
        )

    async def release(self, task_id: str, worker_id: str, now: datetime) -> bool:
        """Give the task back: ``pending`` from ``now``, the attempt not counted."""
        return await self._change_held(
            task_id,
            worker_id,
            status=TaskStatus.PENDING.value,
            run_after=now,
            attempts=TaskRow.attempts - 1,
            worker_id=None,
            lease_expires_at=None,
            updated_at=now,
        )

    async def _one(self, condition: ColumnElement[bool]) -> Task | None:
        row = await self._session.scalar(
            select(TaskRow).where(condition).execution_options(populate_existing=True)
        )
        return None if row is None else _to_task(row)

    async def _change_held(self, task_id: str, holder: str, **values: Any) -> bool:
        """One conditional ``UPDATE`` of a task ``holder`` runs; whether it matched."""
        return await self._change(
            TaskRow.id == task_id,
            TaskRow.status == TaskStatus.RUNNING.value,
            TaskRow.worker_id == holder,
            **values,
        )

    async def _change(self, *conditions: ColumnElement[bool], **values: Any) -> bool:
        """One conditional ``UPDATE``; whether it matched a row."""
        changed = await self._session.scalar(
            update(TaskRow)
            .where(*conditions)
            .values(**values)
            .returning(TaskRow.id)
            .execution_options(synchronize_session=False)
        )
        return changed is not None


class UnitOfWork:
    """One session, one transaction: commit on a normal exit, roll back on any exception."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory
        self._session: AsyncSession | None = None
        self._tasks: TaskRepository | None = None

    @property
    def tasks(self) -> TaskRepository:
        """The repository of the running block; ``RuntimeError`` outside it."""
        if self._tasks is None:
            raise RuntimeError("the unit of work is not inside its async with block")
        return self._tasks

    async def __aenter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("this unit of work is already inside its async with block")
        self._session = self._session_factory()
        self._tasks = TaskRepository(self._session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session = self._session
        assert session is not None  # entered: __aenter__ set it
        self._session = self._tasks = None
        try:
            if exc is not None:
                await session.rollback()
        finally:
            await session.close()

    async def commit(self) -> None:
        """Commit what the block did so far; the block may go on."""
        await self._active().commit()

    async def rollback(self) -> None:
        """Discard what the block did since the last commit; the block may go on."""
        await self._active().rollback()

    def _active(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("the unit of work is not inside its async with block")
        return self._session
