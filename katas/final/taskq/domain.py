"""The task entity and its lifecycle — pure Python, no framework.

``TaskStatus`` (a ``StrEnum``): ``pending``, ``running``, ``succeeded``, ``failed``,
``cancelled``; the last three are terminal (``status.terminal``)::

    pending --claim--> running --complete--> succeeded
       ^                  |----fail, attempts left (retry at run_after)--> pending
       |                  |----fail, no attempts left--> failed
       |                  '----release / lease expired--> pending (attempt not counted)
       '--cancel--> cancelled          (only from pending)

``Task`` is an entity: two tasks are equal, and hash alike, when their ``id`` is the same,
whatever their other fields. Its fields: ``id`` (UUID4 text), ``type``, ``payload``,
``status``, ``result``, ``error``, ``attempts`` (claims so far), ``idempotency_key``,
``created_at``, ``updated_at``, ``run_after`` (not claimable before it), ``worker_id`` and
``lease_expires_at`` (who holds a running task, and until when). Every time is an aware UTC
``datetime``.

``Task.new(type, payload, now)`` makes a ``pending`` task with a fresh id,
``created_at = updated_at = run_after = now`` and no attempts. ``task.cancel(now)`` moves
``pending -> cancelled`` (and sets ``updated_at`` to ``now`` when given); from any other
status it raises ``IllegalTransition(task.id, task.status, "cancel")`` and changes nothing —
a running task cannot be cancelled: its worker owns it.

``utcnow()`` is the default clock everywhere: the current aware UTC time.

Example::

    >>> task = Task.new("echo", {"message": "hi"}, utcnow())
    >>> task.status, task.attempts
    (<TaskStatus.PENDING: 'pending'>, 0)
    >>> task.cancel()
    >>> task.status
    <TaskStatus.CANCELLED: 'cancelled'>
    >>> task.cancel()
    Traceback (most recent call last):
    ...
    taskq.exceptions.IllegalTransition: cannot cancel task …: it is cancelled
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from taskq.exceptions import IllegalTransition


class TaskStatus(StrEnum):
    """Where a task is in its lifecycle."""

    PENDING = "pending"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def terminal(self) -> bool:
        """``True`` for ``succeeded``, ``failed`` and ``cancelled``: nothing happens after them."""
        raise NotImplementedError


TERMINAL = frozenset({TaskStatus.SUCCEEDED, TaskStatus.FAILED, TaskStatus.CANCELLED})


def utcnow() -> datetime:
    """The current time, an aware UTC ``datetime``: the default clock."""
    raise NotImplementedError


def new_task_id() -> str:
    """A fresh task id: UUID4 text (``"0b6c5f1e-…"``)."""
    raise NotImplementedError


@dataclass(eq=False)
class Task:
    """A unit of work; equal to another ``Task`` exactly when their ``id`` is equal."""

    id: str
    type: str
    payload: dict[str, Any]
    status: TaskStatus
    created_at: datetime
    updated_at: datetime
    run_after: datetime
    result: dict[str, Any] | None = None
    error: str | None = None
    attempts: int = 0
    idempotency_key: str | None = None
    worker_id: str | None = None
    lease_expires_at: datetime | None = None

    @classmethod
    def new(
        cls,
        type: str,  # noqa: A002 - the contract's field name
        payload: dict[str, Any],
        now: datetime,
        idempotency_key: str | None = None,
    ) -> Task:
        """A ``pending`` task with a fresh id, claimable from ``now``."""
        raise NotImplementedError

    def cancel(self, now: datetime | None = None) -> None:
        """``pending -> cancelled``; ``IllegalTransition`` from any other status."""
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        raise NotImplementedError

    def __hash__(self) -> int:
        raise NotImplementedError
