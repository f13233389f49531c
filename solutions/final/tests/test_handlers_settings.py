"""The built-in task types, the settings, the engines and backoff()."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from taskq.db import make_engine, make_session_factory
from taskq.handlers import BUILTIN
from taskq.settings import Settings
from taskq.worker import backoff


async def run(type_: str, payload: dict[str, Any]) -> dict[str, Any]:
    task_type = BUILTIN[type_]
    return await task_type.run(task_type.payload.model_validate(payload))


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("type_", "payload", "result"),
    [
        ("echo", {"message": "hi"}, {"message": "hi"}),
        ("sum", {"numbers": [1, 2.5, -3]}, {"sum": 0.5}),
        ("sum", {"numbers": []}, {"sum": 0}),
        ("sleep", {"seconds": 0}, {"slept": 0}),
    ],
)
async def test_builtin_types_run(type_: str, payload: dict[str, Any], result: dict[str, Any]) -> None:
    assert await run(type_, payload) == result


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_sleep_waits_on_the_loop_clock() -> None:
    loop = asyncio.get_running_loop()
    start = loop.time()
    assert await run("sleep", {"seconds": 90}) == {"slept": 90}
    assert loop.time() - start == pytest.approx(90)


@pytest.mark.asyncio
async def test_fail_raises_runtime_error_with_the_message() -> None:
    with pytest.raises(RuntimeError, match="^boom$"):
        await run("fail", {"message": "boom"})


@pytest.mark.parametrize(
    ("type_", "payload"),
    [
        ("echo", {}),
        ("echo", {"message": ["not", "a", "string"]}),
        ("echo", {"message": "hi", "extra": 1}),
        ("fail", {"message": "hi", "extra": 1}),
        ("sum", {"numbers": "12"}),
        ("sum", {"numbers": [1], "n": 2}),
        ("sleep", {"seconds": -1}),
        ("sleep", {}),
    ],
)
def test_payload_models_reject_bad_payloads(type_: str, payload: Any) -> None:
    with pytest.raises(ValidationError):
        BUILTIN[type_].payload.model_validate(payload)


def test_settings_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(Settings.model_fields):
        monkeypatch.delenv(f"TASKQ_{name.upper()}", raising=False)
    settings = Settings()
    assert settings.model_dump() == {
        "database_url": "sqlite+aiosqlite:///./taskq.db",
        "workers": 1,
        "lease_seconds": 30.0,
        "poll_interval": 1.0,
        "max_attempts": 3,
        "backoff_base": 1.0,
        "backoff_cap": 60.0,
        "page_size_max": 100,
    }


def test_settings_read_the_taskq_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TASKQ_WORKERS", "4")
    monkeypatch.setenv("TASKQ_LEASE_SECONDS", "2.5")
    monkeypatch.setenv("TASKQ_DATABASE_URL", "sqlite+aiosqlite:///./other.db")
    monkeypatch.setenv("MAX_ATTEMPTS", "9")
    settings = Settings()
    assert (settings.workers, settings.lease_seconds, settings.max_attempts) == (4, 2.5, 3)
    assert settings.database_url == "sqlite+aiosqlite:///./other.db"


@pytest.mark.parametrize(
    "values",
    [
        {"lease_seconds": 0},
        {"poll_interval": 0},
        {"max_attempts": 0},
        {"backoff_base": 0},
        {"backoff_base": 10, "backoff_cap": 5},
    ],
)
def test_settings_reject_bad_values(values: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Settings(**values)


@pytest.mark.asyncio
async def test_engines_for_both_databases(tmp_path: Path) -> None:
    sqlite = make_engine(Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/x.db"))
    postgres = make_engine(Settings(database_url="postgresql+asyncpg://u:p@localhost/db"))
    assert (sqlite.dialect.name, postgres.dialect.name) == ("sqlite", "postgresql")
    assert postgres.dialect.driver == "asyncpg"
    assert make_session_factory(sqlite).kw["bind"] is sqlite
    await sqlite.dispose()
    await postgres.dispose()


@pytest.mark.parametrize(
    ("attempt", "base", "cap", "delay"),
    [
        (1, 1.0, 60.0, 1.0),
        (2, 1.0, 60.0, 2.0),
        (3, 1.0, 60.0, 4.0),
        (4, 0.5, 60.0, 4.0),
        (6, 1.0, 60.0, 32.0),
        (7, 1.0, 60.0, 60.0),
        (10, 1.0, 60.0, 60.0),
        (2000, 1.0, 60.0, 60.0),  # 2 ** 1999 is no float, but the delay is still the cap
        (2, 3.0, 3.0, 3.0),
    ],
)
def test_backoff_doubles_up_to_the_cap(attempt: int, base: float, cap: float, delay: float) -> None:
    assert backoff(attempt, base, cap) == delay
