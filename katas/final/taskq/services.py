"""The use cases behind the API: submit, get, list and cancel tasks.

``TaskService(session_factory, handlers=BUILTIN, clock=utcnow)``; each method runs in its
own ``UnitOfWork`` and reads the time only from ``clock()`` (an aware UTC ``datetime``):

- ``submit(type, payload, idempotency_key=None) -> (task, created)``: validates the payload
  with its type's model (``InvalidTask`` with the messages for an unknown type or a payload
  the type rejects; nothing stored), then stores a ``pending`` task with ``created_at =
  updated_at = run_after = clock()`` and returns ``(task, True)``. With an
  ``idempotency_key`` already used for the same type and an equal payload, nothing is stored
  and it returns ``(that first task, False)`` — whatever its status by now; used for a
  different type or payload, it raises ``IdempotencyConflict``. Two submits racing with the
  same new key store one task: the loser replays the winner's.
- ``get(task_id) -> Task``: ``TaskNotFound`` when there is none.
- ``list(status=None, type=None, limit=20, offset=0) -> (tasks, total)``: a page by
  ``(created_at, id)`` and the number of all matching tasks; ``ValueError`` for
  ``limit < 1`` or ``offset < 0``.
- ``cancel(task_id) -> Task``: ``pending -> cancelled`` (``updated_at = clock()``), the
  cancelled task returned; ``TaskNotFound``; ``IllegalTransition`` for any other status — a
  ``running`` task is never cancelled, not even when a worker claims it between the read and
  the write (the change is one conditional update).

Example::

    >>> service = TaskService(session_factory)
    >>> task, created = await service.submit("echo", {"message": "hi"}, idempotency_key="k1")
    >>> (await service.submit("echo", {"message": "hi"}, idempotency_key="k1")) == (task, False)
    True
    >>> (await service.cancel(task.id)).status
    <TaskStatus.CANCELLED: 'cancelled'>
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from taskq.domain import Task, TaskStatus, utcnow
from taskq.exceptions import IdempotencyConflict, IllegalTransition, TaskNotFound
from taskq.handlers import BUILTIN, Handlers, validate_payload
from taskq.repository import UnitOfWork


class TaskService:
    """Submit, read, list and cancel tasks; see the module docstring."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        handlers: Handlers = BUILTIN,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        raise NotImplementedError

    async def submit(
        self,
        type: str,  # noqa: A002 - the contract's name
        payload: dict[str, Any],
        idempotency_key: str | None = None,
    ) -> tuple[Task, bool]:
        """Store a new pending task, or replay the one submitted with the same key."""
        raise NotImplementedError

    async def get(self, task_id: str) -> Task:
        """The task with that id; ``TaskNotFound`` when there is none."""
        raise NotImplementedError

    async def list(
        self,
        status: TaskStatus | None = None,
        type: str | None = None,  # noqa: A002 - the contract's name
        limit: int = 20,
        offset: int = 0,
    ) -> tuple[builtins.list[Task], int]:
        """A page of tasks by ``(created_at, id)`` and the total number matching."""
        raise NotImplementedError

    async def cancel(self, task_id: str) -> Task:
        """Cancel a pending task; ``TaskNotFound``, or ``IllegalTransition`` if not pending."""
        raise NotImplementedError

