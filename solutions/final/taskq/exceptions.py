"""The domain's exception hierarchy — pure Python, no framework.

``TaskqError(Exception)`` is the base of every error the domain raises on purpose. Each class
says how it is answered over HTTP through two class attributes, ``status`` (the HTTP status
code, an ``int``) and ``title`` (a short, fixed summary), which subclasses override; ``str()``
of an instance is the detail of that occurrence. The API maps the base class, in one place,
so a subclass written later is answered with its own status and title without any new code:

=========================  ======  ============================
class                      status  title
=========================  ======  ============================
``TaskqError``             500     ``Task queue error``
``TaskNotFound``           404     ``Task not found``
``IllegalTransition``      409     ``Illegal state transition``
``InvalidTask``            422     ``Invalid task``
``IdempotencyConflict``    409     ``Idempotency key reused``
=========================  ======  ============================

- ``TaskNotFound(task_id)``: no task has that id; ``.task_id``.
- ``IllegalTransition(task_id, current, action)``: the task's current status does not allow
  the action (``"cancel"``); ``.task_id``, ``.current`` (the task's ``TaskStatus``) and
  ``.action``.
- ``InvalidTask(errors)``: an unknown task type, or a payload its type rejects; ``.errors`` is
  the list of messages (at least one), and the detail joins them with ``"; "``.
- ``IdempotencyConflict(key)``: the ``Idempotency-Key`` was already used for a different type
  or payload; ``.key``.

No class shadows a built-in name (no ``TimeoutError``, no ``ValueError``).

Example::

    >>> error = TaskNotFound("0b6c…")
    >>> error.status, error.title, str(error)
    (404, 'Task not found', 'no task with id 0b6c…')
    >>> IllegalTransition.status
    409
"""

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


class IdempotencyConflict(TaskqError):
    """The idempotency key ``key`` was already used for a different type or payload."""

    status = 409
    title = "Idempotency key reused"

    def __init__(self, key: str) -> None:
        super().__init__(f"the idempotency key {key!r} was used for a different task")
        self.key = key
