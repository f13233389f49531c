"""Type cases for day13.repository: both implementations satisfy the Protocol structurally."""

from typing import assert_type

from sqlalchemy.ext.asyncio import AsyncSession

from day13.repository import (
    InMemoryTaskRepository,
    SqlTaskRepository,
    Status,
    Task,
    TaskNotFound,
    TaskRepository,
)


class SyncTasks:
    """Same names, but plain (not async) methods: not a TaskRepository."""

    def add(self, title: str, status: Status = Status.TODO) -> Task:
        return Task(1, title, status)

    def get(self, task_id: int) -> Task:
        raise TaskNotFound(task_id)

    def list_by_status(self, status: Status | None = None) -> list[Task]:
        return []

    def set_status(self, task_id: int, status: Status) -> Task:
        raise TaskNotFound(task_id)

    def delete(self, task_id: int) -> None:
        raise TaskNotFound(task_id)


class StrIdTasks:
    """get() takes a str id: the signature does not fit."""

    async def add(self, title: str, status: Status = Status.TODO) -> Task:
        return Task(1, title, status)

    async def get(self, task_id: str) -> Task:
        raise TaskNotFound(task_id)

    async def list_by_status(self, status: Status | None = None) -> list[Task]:
        return []

    async def set_status(self, task_id: int, status: Status) -> Task:
        raise TaskNotFound(task_id)

    async def delete(self, task_id: int) -> None:
        raise TaskNotFound(task_id)


async def use(session: AsyncSession) -> None:
    fake: TaskRepository = InMemoryTaskRepository()
    real: TaskRepository = SqlTaskRepository(session)
    not_async: TaskRepository = SyncTasks()  # type: ignore[assignment]
    wrong_id: TaskRepository = StrIdTasks()  # type: ignore[assignment]

    for repo in (fake, real):
        assert_type(await repo.add("spec"), Task)
        assert_type(await repo.add("spec", Status.DONE), Task)
        assert_type(await repo.get(1), Task)
        assert_type(await repo.list_by_status(), list[Task])
        assert_type(await repo.list_by_status(Status.DOING), list[Task])
        assert_type(await repo.set_status(1, Status.DONE), Task)
        assert_type(await repo.delete(1), None)
        await repo.get("1")  # type: ignore[arg-type]
        await repo.set_status(1, "done")  # type: ignore[arg-type]

    memory = InMemoryTaskRepository()
    assert_type(await memory.get(1), Task)
    assert_type(await SqlTaskRepository(session).list_by_status(), list[Task])
    task = await memory.add("mutable")
    task.status = Status.DONE
    assert_type(task.id, int)
    assert_type(task.status, Status)
    error: KeyError = TaskNotFound(1)
