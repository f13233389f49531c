"""SqlTaskRepository.set_status() changes the domain copy it fetched, not the row: nothing is stored."""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from sqlalchemy import String, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Status(StrEnum):
    """A task's status."""

    TODO = "todo"
    DOING = "doing"
    DONE = "done"


@dataclass
class Task:
    """A task as the domain sees it: not an ORM row, and mutable (repositories hand out copies)."""

    id: int
    title: str
    status: Status


class TaskNotFound(KeyError):
    """No task has this id: raised as ``TaskNotFound(task_id)``."""


class TaskRepository(Protocol):
    """What the domain needs from task storage; both implementations below satisfy it."""

    async def add(self, title: str, status: Status = Status.TODO) -> Task:
        """Store a new task; return it with its new, never reused id."""
        ...

    async def get(self, task_id: int) -> Task:
        """The task with this id; ``TaskNotFound(task_id)`` if there is none."""
        ...

    async def list_by_status(self, status: Status | None = None) -> list[Task]:
        """Tasks with this status (every task for ``None``), in creation order."""
        ...

    async def set_status(self, task_id: int, status: Status) -> Task:
        """Change a task's status and return the updated task; ``TaskNotFound`` if none."""
        ...

    async def delete(self, task_id: int) -> None:
        """Remove the task with this id; ``TaskNotFound(task_id)`` if there is none."""
        ...


class Base(DeclarativeBase):
    """This module's declarative base: ``Base.metadata`` holds the ``TaskRow`` table."""


class TaskRow(Base):
    """The ORM row behind ``SqlTaskRepository`` (its columns are yours to choose)."""

    __tablename__ = "tasks"
    __table_args__ = {"sqlite_autoincrement": True}  # never reuse a deleted task's id

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10))


def _to_task(row: TaskRow) -> Task:
    """A detached domain copy of a row."""
    return Task(id=row.id, title=row.title, status=Status(row.status))


async def create_schema(engine: AsyncEngine) -> None:
    """Create ``TaskRow``'s table on the engine's database (nothing happens if it exists)."""
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)


class SqlTaskRepository:
    """``TaskRepository`` over an ``AsyncSession``: flushes every change, never commits."""

    def __init__(self, session: AsyncSession) -> None:
        """Use this session; the caller owns its transaction (commit, rollback, close)."""
        self._session = session

    async def _row(self, task_id: int) -> TaskRow:
        row = await self._session.get(TaskRow, task_id)
        if row is None:
            raise TaskNotFound(task_id)
        return row

    async def add(self, title: str, status: Status = Status.TODO) -> Task:
        """Store a new task; return it with its new, never reused id."""
        row = TaskRow(title=title, status=status.value)
        self._session.add(row)
        await self._session.flush()
        return _to_task(row)

    async def get(self, task_id: int) -> Task:
        """The task with this id; ``TaskNotFound(task_id)`` if there is none."""
        return _to_task(await self._row(task_id))

    async def list_by_status(self, status: Status | None = None) -> list[Task]:
        """Tasks with this status (every task for ``None``), in creation order."""
        query = select(TaskRow).order_by(TaskRow.id)
        if status is not None:
            query = query.where(TaskRow.status == status.value)
        return [_to_task(row) for row in await self._session.scalars(query)]

    async def set_status(self, task_id: int, status: Status) -> Task:
        """Change a task's status and return the updated task; ``TaskNotFound`` if none."""
        task = await self.get(task_id)
        task.status = status
        return task

    async def delete(self, task_id: int) -> None:
        """Remove the task with this id; ``TaskNotFound(task_id)`` if there is none."""
        await self._session.delete(await self._row(task_id))
        await self._session.flush()


class InMemoryTaskRepository:
    """``TaskRepository`` in a dict: the fake for tests, with the very same behaviour."""

    def __init__(self) -> None:
        """Start with no tasks."""
        self._tasks: dict[int, Task] = {}  # insertion order is creation order
        self._ids = itertools.count(1)

    def _stored(self, task_id: int) -> Task:
        try:
            return self._tasks[task_id]
        except KeyError:
            raise TaskNotFound(task_id) from None

    async def add(self, title: str, status: Status = Status.TODO) -> Task:
        """Store a new task; return it with its new, never reused id."""
        task = Task(id=next(self._ids), title=title, status=status)
        self._tasks[task.id] = task
        return dataclasses.replace(task)

    async def get(self, task_id: int) -> Task:
        """The task with this id; ``TaskNotFound(task_id)`` if there is none."""
        return dataclasses.replace(self._stored(task_id))

    async def list_by_status(self, status: Status | None = None) -> list[Task]:
        """Tasks with this status (every task for ``None``), in creation order."""
        return [
            dataclasses.replace(task)
            for task in self._tasks.values()
            if status is None or task.status == status
        ]

    async def set_status(self, task_id: int, status: Status) -> Task:
        """Change a task's status and return the updated task; ``TaskNotFound`` if none."""
        task = self._stored(task_id)
        task.status = status
        return dataclasses.replace(task)

    async def delete(self, task_id: int) -> None:
        """Remove the task with this id; ``TaskNotFound(task_id)`` if there is none."""
        self._stored(task_id)
        del self._tasks[task_id]
