"""One repository contract, two implementations: SQL for production, in memory for tests.

The domain works with ``Task`` (a plain dataclass), never with ORM rows. ``TaskRepository``
is the contract, a ``Protocol``; write two classes that satisfy it *structurally* (no
inheritance needed) and behave exactly alike, so a test that uses the fake proves something
about the real thing:

- ``SqlTaskRepository(session)`` keeps tasks in the table of your ``TaskRow`` model (on this
  module's own ``Base``; ``create_schema(engine)`` creates it), through the ``AsyncSession``
  it is given, and maps rows to ``Task`` objects and back;
- ``InMemoryTaskRepository()`` keeps them in memory.

The contract (both implementations):

- ``add(title, status=Status.TODO)`` stores a new task and returns it with its id: a positive
  ``int``, unique, and never reused — not even after the task with the highest id is deleted
  (SQLite reuses a deleted row's id unless the table is AUTOINCREMENT:
  ``__table_args__ = {"sqlite_autoincrement": True}``; PostgreSQL never reuses them).
- ``get(task_id)`` returns the task; an id that no task has (never issued, deleted, 0 or
  negative) raises ``TaskNotFound(task_id)``, a ``KeyError`` subclass whose ``args[0]`` is
  the id. ``set_status`` and ``delete`` raise it the same way and then change nothing.
- ``list_by_status(status)`` returns the tasks with that status, ``list_by_status()`` (or
  ``None``) every task — always in creation order, whatever was updated since.
- ``set_status(task_id, status)`` changes the stored task's status and returns the updated
  task; ``delete(task_id)`` removes it.
- Every ``Task`` returned is a fresh copy: changing its fields changes neither the stored task
  nor any other ``Task`` returned before or after.
- Titles are strings of 1 to 200 characters (not checked; any such title round-trips exactly).

Transactions are the caller's: ``SqlTaskRepository`` flushes every change (so ids are
assigned and its own queries see it) but never commits or rolls back. The caller commits, and
a new session then sees the changes; a rollback undoes everything since the last commit. The
session may be used after a commit (``expire_on_commit=True``, the default).

Example::

    >>> repo = InMemoryTaskRepository()
    >>> first = await repo.add("write the spec")
    >>> second = await repo.add("grade it", Status.DOING)
    >>> await repo.set_status(first.id, Status.DONE)
    Task(id=1, title='write the spec', status=<Status.DONE: 'done'>)
    >>> [task.title for task in await repo.list_by_status()]
    ['write the spec', 'grade it']
    >>> await repo.get(99)
    Traceback (most recent call last):
    ...
    repository.TaskNotFound: 99

    >>> await create_schema(engine)
    >>> async with AsyncSession(engine) as session:
    ...     repo = SqlTaskRepository(session)
    ...     task = await repo.add("ship it")
    ...     await session.commit()
"""

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
        row = await self._row(task_id)
        row.status = status.value
        await self._session.flush()
        return _to_task(row)

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
