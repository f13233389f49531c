"""TaskService: every use case is called, nothing is checked."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from conftest import ManualClock
from taskq.services import TaskService

pytestmark = pytest.mark.asyncio


async def test_the_use_cases(session_factory: async_sessionmaker[AsyncSession], clock: ManualClock) -> None:
    service = TaskService(session_factory, clock=clock)
    task, _ = await service.submit("echo", {"message": "hi"}, idempotency_key="k")
    await service.submit("echo", {"message": "hi"}, idempotency_key="k")
    try:
        await service.submit("echo", {"message": "other"}, idempotency_key="k")
    except Exception:
        pass
    try:
        await service.submit("nope", {})
    except Exception:
        pass
    await service.get(task.id)
    for call in (service.get("missing"), service.cancel("missing"), service.list(limit=0)):
        try:
            await call
        except Exception:
            pass
    await service.list(status=None, type="echo", limit=1, offset=0)
    await service.cancel(task.id)
    try:
        await service.cancel(task.id)
    except Exception:
        pass
