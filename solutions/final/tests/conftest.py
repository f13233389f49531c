"""Fixtures: a temp SQLite database migrated with alembic, settings, a session factory, clocks."""

from __future__ import annotations

import asyncio
import shutil
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from alembic import command
from alembic.config import Config
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from taskq.db import make_engine, make_session_factory
from taskq.domain import Task, TaskStatus
from taskq.handlers import BUILTIN, Handlers, TaskType
from taskq.settings import Settings

PROJECT = Path(__file__).resolve().parent.parent
EPOCH = datetime(2030, 1, 1, tzinfo=UTC)


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(PROJECT / "migrations"))
    config.set_main_option("sqlalchemy.url", url)
    return config


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One SQLite file upgraded to head by alembic, once per run; downgraded at the end."""
    path = tmp_path_factory.mktemp("template") / "taskq.db"
    config = alembic_config(sqlite_url(path))
    command.upgrade(config, "head")
    yield path
    command.downgrade(config, "base")


@pytest.fixture
def database_url(migrated_template: Path, tmp_path: Path) -> Iterator[str]:
    """A fresh copy of the migrated database for each test, removed afterwards."""
    path = tmp_path / "taskq.db"
    shutil.copyfile(migrated_template, path)
    yield sqlite_url(path)
    path.unlink()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        workers=0,
        lease_seconds=30.0,
        poll_interval=1.0,
        max_attempts=3,
        backoff_base=1.0,
        backoff_cap=4.0,
    )


@pytest_asyncio.fixture
async def session_factory(settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = make_engine(settings)
    yield make_session_factory(engine)
    await engine.dispose()


class ManualClock:
    """A clock the test moves by hand: starts at EPOCH."""

    def __init__(self) -> None:
        self.now = EPOCH

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


def loop_clock() -> Callable[[], datetime]:
    """A clock reading the running loop's (virtual, under looptime) time."""
    loop = asyncio.get_running_loop()
    return lambda: EPOCH + timedelta(seconds=loop.time())


def make_task(seconds: float = 0, **fields: Any) -> Task:
    """A pending echo task created ``seconds`` after EPOCH, built from the contract's fields."""
    at = EPOCH + timedelta(seconds=seconds)
    values: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "type": "echo",
        "payload": {"message": str(seconds)},
        "status": TaskStatus.PENDING,
        "result": None,
        "error": None,
        "attempts": 0,
        "idempotency_key": None,
        "created_at": at,
        "updated_at": at,
        "run_after": at,
        "worker_id": None,
        "lease_expires_at": None,
    }
    return Task(**(values | fields))


class Counted(BaseModel):
    n: int = 0


class Recorder:
    """Handlers for tests: ``count`` records each run, ``block`` waits until released."""

    def __init__(self) -> None:
        self.runs: list[int] = []
        self.started = asyncio.Event()
        self.release = asyncio.Event()

    async def count(self, payload: Counted) -> dict[str, Any]:
        self.runs.append(payload.n)
        await asyncio.sleep(0)
        return {"n": payload.n}

    async def block(self, payload: Counted) -> dict[str, Any]:
        self.started.set()
        await self.release.wait()
        return {"n": payload.n}

    @property
    def handlers(self) -> Handlers:
        return {
            **BUILTIN,
            "count": TaskType(Counted, self.count),
            "block": TaskType(Counted, self.block),
        }


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()
