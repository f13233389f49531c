"""A fresh, empty database for each check.

By default a SQLite file in the check's temporary directory, through aiosqlite: nothing to
install, and unlike ``:memory:`` it gives every connection its own view, so concurrent sessions
behave as they would on a server. When ``KATAS_DATABASE_URL`` names a PostgreSQL server
(``postgresql+asyncpg://user@host:port/postgres``), each check gets a new database created on
it and dropped afterwards, and the same checks run against a real server.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio
from sqlalchemy import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

SERVER_URL = "KATAS_DATABASE_URL"


@pytest_asyncio.fixture
async def database_url(tmp_path: Path) -> AsyncIterator[str]:
    """The URL of an empty database that exists for this check only."""
    server = os.environ.get(SERVER_URL)
    if not server:
        yield f"sqlite+aiosqlite:///{tmp_path / 'kata.db'}"
        return
    import asyncpg  # only where a server is used

    url = make_url(server)
    name = f"kata_{uuid.uuid4().hex[:12]}"
    admin_dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    admin = await asyncpg.connect(admin_dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest_asyncio.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An async engine on this check's database, disposed of afterwards."""
    created = create_async_engine(database_url)
    try:
        yield created
    finally:
        await created.dispose()
