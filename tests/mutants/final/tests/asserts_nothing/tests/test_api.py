"""calls every route and every use case but asserts nothing: it passes on any project and catches no bug.

The HTTP API over ASGI: each route is called, the responses are not checked.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from asgi_lifespan import LifespanManager

from conftest import ManualClock, Recorder
from taskq.api import create_app
from taskq.settings import Settings

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def client(settings: Settings, clock: ManualClock) -> AsyncIterator[httpx.AsyncClient]:
    async with LifespanManager(create_app(settings, clock=clock)) as manager:
        transport = httpx.ASGITransport(app=manager.app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://taskq") as client:
            yield client


async def test_the_routes(client: httpx.AsyncClient) -> None:
    created = await client.post("/tasks", json={"type": "echo", "payload": {"message": "hi"}}, headers={"Idempotency-Key": "k"})
    await client.post("/tasks", json={"type": "echo", "payload": {"message": "hi"}}, headers={"Idempotency-Key": "k"})
    await client.post("/tasks", json={"type": "echo", "payload": {"message": "other"}}, headers={"Idempotency-Key": "k"})
    await client.post("/tasks", json={"type": "nope", "payload": {}})
    await client.post("/tasks", json={"type": "echo"})
    task_id = created.json()["id"]
    await client.get(f"/tasks/{task_id}")
    await client.get("/tasks/missing")
    await client.get("/tasks", params={"limit": 2, "offset": 1, "status": "pending", "type": "echo"})
    await client.get("/tasks", params={"limit": 0})
    await client.post(f"/tasks/{task_id}/cancel")
    await client.post(f"/tasks/{task_id}/cancel")
    await client.post("/tasks/missing/cancel")
    await client.get("/health")
    await client.get("/openapi.json")


async def test_the_in_process_workers(settings: Settings, recorder: Recorder) -> None:
    settings = settings.model_copy(update={"workers": 1, "poll_interval": 0.02})
    async with LifespanManager(create_app(settings, handlers=recorder.handlers)) as manager:
        transport = httpx.ASGITransport(app=manager.app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://taskq") as client:
            await client.post("/tasks", json={"type": "count", "payload": {"n": 1}})
            await asyncio.sleep(0.1)
