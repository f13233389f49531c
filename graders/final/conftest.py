"""What the final project's graders share: the project folder, a fresh database per check
migrated by the learner's own alembic revisions, the app over ASGI and under uvicorn, and a
clock that reads the event loop's (virtual) time.

``taskq`` is never imported here: a conftest's imports are loaded into the warm process
before any kata runs, and ``taskq`` is the learner's code.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from alembic import command

from graders.support.database import SERVER_URL, database_url
from graders.support.project import alembic_config
from graders.support.web import asgi_client, uvicorn_client

__all__ = ["SERVER_URL", "asgi_client", "database_url", "loop_clock", "migrated_url",
           "project", "uvicorn_client"]

EPOCH = datetime(2030, 1, 1, tzinfo=UTC)


@pytest.fixture
def project() -> Path:
    """The learner's project folder (``katas/final``): the parent of the ``taskq`` package."""
    import taskq  # the check's own import, in the forked child

    return Path(taskq.__file__).resolve().parents[1]


@pytest_asyncio.fixture
async def migrated_url(database_url: str, project: Path) -> AsyncIterator[str]:
    """This check's empty database after the learner's ``alembic upgrade head``. Alembic's env.py
    runs its own event loop, so the upgrade runs in a thread."""
    previous = os.environ.get("TASKQ_DATABASE_URL")
    await asyncio.to_thread(command.upgrade, alembic_config(project, database_url), "head")
    try:
        yield database_url
    finally:
        if previous is None:
            os.environ.pop("TASKQ_DATABASE_URL", None)
        else:
            os.environ["TASKQ_DATABASE_URL"] = previous


@pytest.fixture
def loop_clock() -> Callable[[], datetime]:
    """An aware UTC clock that reads the running loop's time: under ``@pytest.mark.looptime`` it
    moves only when the loop's virtual time does, so leases and retries are exact."""

    def now() -> datetime:
        return EPOCH + timedelta(seconds=asyncio.get_running_loop().time())

    return now


@pytest.fixture(autouse=True)
def _sqlite_waits_stop_virtual_time(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """In virtual time a loop that waits for aiosqlite's thread looks idle, so looptime jumps to
    the next timer, and again, as long as the thread takes: on a loaded machine one slow commit
    let a worker's lease run out 20 virtual seconds early. looptime holds the clock while an
    executor future is pending, so each aiosqlite call here is shadowed by one that waits for
    it: the clock stands still while SQLite works, as it would on a fast disk."""
    if request.node.get_closest_marker("looptime") is None or os.environ.get(SERVER_URL):
        return
    import aiosqlite.core

    original = aiosqlite.core.Connection._execute

    async def execute(self: aiosqlite.core.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        finished = threading.Event()
        asyncio.get_running_loop().run_in_executor(None, finished.wait)
        try:
            return await original(self, fn, *args, **kwargs)
        finally:
            finished.set()

    monkeypatch.setattr(aiosqlite.core.Connection, "_execute", execute)


@pytest.fixture(autouse=True)
def _no_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The learner's shell may export TASKQ_*: a check sees only what it sets itself."""
    for name in [n for n in os.environ if n.startswith("TASKQ_")]:
        monkeypatch.delenv(name)
    yield
