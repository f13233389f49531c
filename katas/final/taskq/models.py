"""The SQLAlchemy 2 typed ORM model of the ``tasks`` table.

Write the model on this module's ``Base`` (a ``DeclarativeBase``): one table, ``tasks``, one
row per task, typed with ``Mapped[...]`` (``row.attempts`` is an ``int`` to mypy). Give it
a column for every field of ``taskq.domain.Task``: ``id`` (UUID4 text, the primary key),
``type``, ``payload`` and ``result`` (JSON), ``status`` (its text), ``error``,
``attempts``, ``idempotency_key`` (unique; NULL for tasks submitted without one),
``created_at``, ``updated_at``, ``run_after``, ``worker_id``, ``lease_expires_at``. Index what
the queries filter and sort on (a claim filters on status and run_after; lists are ordered by
``(created_at, id)``).

``Base.metadata`` is what ``alembic check`` compares your revisions with: every table,
column, type, nullability, index and unique constraint of the model must come from a revision
in ``migrations/versions/`` — the app never calls ``create_all``. Name your constraints and
indexes (a naming convention on ``Base.metadata`` does it for you), so revisions can name them
too.

Times: store them with ``DateTime(timezone=True)``. They go in and come out as aware UTC
datetimes on every database — but SQLite keeps no offset and gives back *naive* datetimes,
and it compares times as text: convert to UTC before binding and attach UTC to what you read.
``UTCDateTime`` below, a ``TypeDecorator`` over ``DateTime(timezone=True)``, is one way: use
it as the column type of every time column (or do the conversion in the repository).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Dialect, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """``DateTime(timezone=True)`` that binds UTC and always returns aware UTC datetimes."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """``None`` stays ``None``; an aware datetime becomes UTC; a naive one: ``ValueError``."""
        raise NotImplementedError

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """``None`` stays ``None``; a naive value is UTC (SQLite); an aware one becomes UTC."""
        raise NotImplementedError


class Base(DeclarativeBase):
    """The project's declarative base: ``Base.metadata`` holds the ``tasks`` table."""


class TaskRow(Base):
    """One task, as stored: add the other columns (see the module docstring)."""

    __tablename__ = "tasks"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
