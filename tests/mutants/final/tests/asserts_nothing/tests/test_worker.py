"""Workers in virtual time: each kind of task is run, the outcomes are not checked."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from conftest import Recorder
from taskq.services import TaskService
from taskq.settings import Settings
from taskq.worker import Worker, backoff

pytestmark = [pytest.mark.asyncio, pytest.mark.looptime]


async def test_the_worker_runs_tasks(
    session_factory: async_sessionmaker[AsyncSession], settings: Settings, recorder: Recorder
) -> None:
    loop = asyncio.get_running_loop()

    def clock() -> datetime:
        return datetime(2030, 1, 1, tzinfo=UTC) + timedelta(seconds=loop.time())

    service = TaskService(session_factory, recorder.handlers, clock=clock)
    worker = Worker(session_factory, recorder.handlers, settings=settings, worker_id="w1", clock=clock)
    for type_, payload in [("echo", {"message": "hi"}), ("sum", {"numbers": [1, 2]}), ("fail", {"message": "boom"})]:
        await service.submit(type_, payload)
    for _ in range(6):
        await worker.run_once()
        await asyncio.sleep(5)
    await service.submit("block", {"n": 1})
    running = asyncio.create_task(worker.run_once())
    await recorder.started.wait()
    await asyncio.sleep(40)
    recorder.release.set()
    await running
    recorder.started.clear()
    recorder.release.clear()
    await service.submit("block", {"n": 2})
    cancelled = asyncio.create_task(worker.run_once())
    await recorder.started.wait()
    cancelled.cancel()
    try:
        await cancelled
    except asyncio.CancelledError:
        pass
    recorder.release.set()
    backoff(3, 1.0, 4.0)
    stop = asyncio.Event()
    loop.call_later(3, stop.set)
    await worker.run(stop)
