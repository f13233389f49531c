"""times are plain DateTime(timezone=True): SQLite gives them back naive, without their UTC offset

The SQLAlchemy 2 typed ORM model of the ``tasks`` table.

``Base.metadata`` is what the alembic revisions create (``alembic check`` compares them):
one table, ``tasks``, one row per task, the columns named as ``taskq.domain.Task``'s fields.
``payload`` and ``result`` are JSON, ``status`` is the status' text, the times are
``DateTime(timezone=True)``; ``idempotency_key`` is unique (several NULLs allowed). Two indexes
serve the queries: ``(status, run_after)`` for claims and ``(created_at, id)`` for the order.

Times go in and come out as aware UTC datetimes on every database: ``UTCDateTime`` converts
to UTC before binding and, since SQLite keeps no offset, reads a naive value back as UTC.
Constraint and index names follow ``NAMING_CONVENTION``, so migrations can name them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Dialect, Index, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """``DateTime(timezone=True)`` that always binds UTC and always returns aware UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: taskq stores aware UTC times")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value


class Base(DeclarativeBase):
    """The project's declarative base: ``Base.metadata`` holds the ``tasks`` table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TaskRow(Base):
    """One task, as stored."""

    __tablename__ = "tasks"
    __table_args__ = (
        Index(None, "status", "run_after"),
        Index(None, "created_at", "id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    type: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int]
    idempotency_key: Mapped[str | None] = mapped_column(String(255), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    run_after: Mapped[datetime] = mapped_column(UTCDateTime)
    worker_id: Mapped[str | None] = mapped_column(String(255))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
