"""Alembic's environment for taskq: async engines, the URL from ``TASKQ_DATABASE_URL``.

The URL is, in this order: ``sqlalchemy.url`` when a caller set it on the alembic ``Config``
(``config.set_main_option``), the ``TASKQ_DATABASE_URL`` environment variable, or the
``Settings`` default. The target metadata is ``taskq.models.Base.metadata`` (``alembic
check`` compares the revisions with it). SQLite gets batch mode (``ALTER`` through a table
copy). It also works when called from a running event loop (a test's): the migration then
runs on its own loop in a helper thread. A connection passed in
``config.attributes["connection"]`` is used as it is.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection, pool
from sqlalchemy.ext.asyncio import create_async_engine

from taskq.models import Base
from taskq.settings import Settings

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def database_url() -> str:
    """The URL to migrate: the Config's sqlalchemy.url, TASKQ_DATABASE_URL, or the default."""
    return (
        config.get_main_option("sqlalchemy.url")
        or os.environ.get("TASKQ_DATABASE_URL")
        or Settings().database_url
    )


def run_migrations_offline() -> None:
    """``alembic upgrade --sql``: emit the SQL without a database."""
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def do_run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_async_migrations() -> None:
    engine = create_async_engine(database_url(), poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(do_run_migrations)
    finally:
        await engine.dispose()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        do_run_migrations(connection)
        return
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(run_async_migrations())
    else:  # called from async code: asyncio.run() cannot nest, so use a thread's own loop
        with ThreadPoolExecutor(max_workers=1) as executor:
            executor.submit(asyncio.run, run_async_migrations()).result()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
