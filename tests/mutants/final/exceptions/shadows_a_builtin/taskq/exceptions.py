"""Adds a PermissionError(TaskqError) that shadows the built-in PermissionError."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from taskq.domain import TaskStatus


class TaskqError(Exception):
    """The base of the domain's errors: ``status`` and ``title`` say how HTTP answers it."""

    status: ClassVar[int] = 500
    title: ClassVar[str] = "Task queue error"


class TaskNotFound(TaskqError):
    """No task has the id ``task_id``."""

    status = 404
    title = "Task not found"

    def __init__(self, task_id: str) -> None:
        super().__init__(f"no task with id {task_id}")
        self.task_id = task_id


class IllegalTransition(TaskqError):
    """The task is ``current``, a status which does not allow ``action``."""

    status = 409
    title = "Illegal state transition"

    def __init__(self, task_id: str, current: TaskStatus, action: str) -> None:
        super().__init__(f"cannot {action} task {task_id}: it is {current}")
        self.task_id = task_id
        self.current = current
        self.action = action


class InvalidTask(TaskqError):
    """An unknown task type or a payload its type rejects; ``errors`` holds the messages."""

    status = 422
    title = "Invalid task"

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


class PermissionError(TaskqError):  # noqa: A001
    """The caller may not touch this task."""

    status = 403
    title = "Forbidden"


class IdempotencyConflict(TaskqError):
    """The idempotency key ``key`` was already used for a different type or payload."""

    status = 409
    title = "Idempotency key reused"

    def __init__(self, key: str) -> None:
        super().__init__(f"the idempotency key {key!r} was used for a different task")
        self.key = key
