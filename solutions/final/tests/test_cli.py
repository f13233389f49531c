"""``python -m taskq.worker``: a real process, stopped by a signal."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PROJECT, make_task
from taskq.settings import Settings


def status(database: Path, task_id: str) -> str:
    with sqlite3.connect(database) as connection:
        row = connection.execute("SELECT status FROM tasks WHERE id = ?", (task_id,)).fetchone()
    return str(row[0])


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_the_worker_process_runs_tasks_and_stops_gracefully(settings: Settings, signum: int) -> None:
    database = Path(settings.database_url.removeprefix("sqlite+aiosqlite:///"))
    task = make_task()
    with sqlite3.connect(database) as connection:  # a task is waiting when the worker starts
        connection.execute(
            "INSERT INTO tasks (id, type, payload, status, attempts, created_at, updated_at, run_after)"
            " VALUES (?, 'echo', '{\"message\": \"hi\"}', 'pending', 0, ?, ?, ?)",
            (task.id, *["2000-01-01 00:00:00.000000"] * 3),
        )
    env = {**os.environ, "TASKQ_DATABASE_URL": settings.database_url, "TASKQ_POLL_INTERVAL": "0.05"}
    process = subprocess.Popen([sys.executable, "-m", "taskq.worker"], cwd=PROJECT, env=env)
    try:
        deadline = time.monotonic() + 20
        while status(database, task.id) != "succeeded" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert status(database, task.id) == "succeeded", "the worker process runs the waiting task"
        process.send_signal(signum)
        assert process.wait(timeout=20) == 0, "python -m taskq.worker exits 0 after the signal"
    finally:
        process.kill()
        process.wait()
