"""The pure domain: statuses, the Task entity, the exception hierarchy."""

from __future__ import annotations

import pytest

from conftest import make_task
from taskq.domain import TaskStatus
from taskq.exceptions import (
    IdempotencyConflict,
    IllegalTransition,
    InvalidTask,
    TaskNotFound,
    TaskqError,
)


def test_the_statuses() -> None:
    assert [s.value for s in TaskStatus] == ["pending", "running", "succeeded", "failed", "cancelled"]
    assert TaskStatus("running") is TaskStatus.RUNNING
    assert isinstance(TaskStatus.SUCCEEDED, str) and TaskStatus.SUCCEEDED.value == "succeeded"


def test_tasks_are_equal_and_hashed_by_id_only() -> None:
    first = make_task()
    twin = make_task(5, id=first.id, status=TaskStatus.FAILED, payload={"other": 1})
    assert first == twin
    assert hash(first) == hash(twin)
    assert first != make_task()
    assert first != first.id
    assert len({first, twin, make_task()}) == 2


def test_cancel_pending_moves_to_cancelled() -> None:
    task = make_task()
    task.cancel()
    assert task.status is TaskStatus.CANCELLED


@pytest.mark.parametrize(
    "status",
    [TaskStatus.RUNNING, TaskStatus.SUCCEEDED, TaskStatus.FAILED, TaskStatus.CANCELLED],
)
def test_cancel_from_any_other_status_is_illegal(status: TaskStatus) -> None:
    task = make_task(status=status)
    with pytest.raises(IllegalTransition) as caught:
        task.cancel()
    assert task.status is status, "a refused transition changes nothing"
    error = caught.value
    assert (error.task_id, error.current, error.action) == (task.id, status, "cancel")
    assert isinstance(error, TaskqError)


@pytest.mark.parametrize(
    ("cls", "status", "title"),
    [
        (TaskNotFound, 404, "Task not found"),
        (IllegalTransition, 409, "Illegal state transition"),
        (InvalidTask, 422, "Invalid task"),
        (IdempotencyConflict, 409, "Idempotency key reused"),
    ],
)
def test_each_error_class_carries_its_http_status_and_title(
    cls: type[TaskqError], status: int, title: str
) -> None:
    assert issubclass(cls, TaskqError)
    assert issubclass(TaskqError, Exception)
    assert (cls.status, cls.title) == (status, title)


def test_no_error_shadows_a_builtin() -> None:
    import builtins

    names = {c.__name__ for c in (TaskqError, TaskNotFound, IllegalTransition, InvalidTask, IdempotencyConflict)}
    assert names.isdisjoint(dir(builtins))
