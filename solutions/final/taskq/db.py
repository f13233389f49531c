"""The engine and the session factory, made from ``Settings``.

``make_engine(settings)`` creates the ``AsyncEngine`` for ``settings.database_url`` (SQLite
through aiosqlite, PostgreSQL through asyncpg). On SQLite each connection waits up to
``SQLITE_BUSY_TIMEOUT`` seconds for a lock instead of failing at once, so several workers can
share one database file. ``make_session_factory(engine)`` returns an ``async_sessionmaker``
with ``expire_on_commit=False``. The caller disposes of the engine (``await engine.dispose()``).
Neither creates tables: the schema comes from the alembic revisions only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from taskq.settings import Settings

SQLITE_BUSY_TIMEOUT = 30.0


def make_engine(settings: Settings) -> AsyncEngine:
    """The async engine for ``settings.database_url``."""
    url = make_url(settings.database_url)
    options: dict[str, Any] = {"pool_pre_ping": True}
    if url.get_backend_name() == "sqlite":
        options = {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT}}
    return create_async_engine(url, **options)


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """An ``async_sessionmaker`` bound to ``engine`` with ``expire_on_commit=False``."""
    return async_sessionmaker(engine, expire_on_commit=False)
