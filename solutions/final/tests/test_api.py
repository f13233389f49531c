"""The HTTP API over ASGI with its lifespan run (asgi-lifespan + httpx)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from asgi_lifespan import LifespanManager
from fastapi import FastAPI, HTTPException

from conftest import ManualClock, Recorder
from taskq.api import create_app
from taskq.exceptions import TaskqError
from taskq.services import TaskService
from taskq.settings import Settings

pytestmark = pytest.mark.asyncio
PROBLEM_KEYS = {"type", "title", "status", "detail"}


async def serve(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://taskq") as client:
            yield client


@pytest_asyncio.fixture
async def client(settings: Settings, clock: ManualClock) -> AsyncIterator[httpx.AsyncClient]:
    async for c in serve(create_app(settings, clock=clock)):
        yield c


def assert_problem(response: httpx.Response, status: int, title: str | None = None) -> dict[str, Any]:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert set(body) == PROBLEM_KEYS
    assert (body["type"], body["status"]) == ("about:blank", status)
    if title is not None:
        assert body["title"] == title
    return body


async def submit(client: httpx.AsyncClient, type_: str = "echo", payload: Any = None, key: str | None = None) -> httpx.Response:
    headers = {"Idempotency-Key": key} if key else {}
    body = {"type": type_, "payload": {"message": "hi"} if payload is None else payload}
    return await client.post("/tasks", json=body, headers=headers)


async def test_submit_creates_a_task(client: httpx.AsyncClient) -> None:
    response = await submit(client)
    assert response.status_code == 201
    task = response.json()
    assert response.headers["location"] == f"/tasks/{task['id']}"
    assert task == {
        "id": task["id"], "type": "echo", "payload": {"message": "hi"}, "status": "pending",
        "result": None, "error": None, "attempts": 0,
        "created_at": "2030-01-01T00:00:00Z", "updated_at": "2030-01-01T00:00:00Z",
    }
    got = await client.get(response.headers["location"])
    assert (got.status_code, got.json()) == (200, task)


async def test_a_replay_is_200_with_the_same_task(client: httpx.AsyncClient) -> None:
    first = await submit(client, key="k")
    again = await submit(client, key="k")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert (await client.get("/tasks")).json()["total"] == 1


async def test_a_key_reused_differently_is_409(client: httpx.AsyncClient) -> None:
    await submit(client, key="k")
    assert_problem(await submit(client, payload={"message": "other"}, key="k"), 409, "Idempotency key reused")


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ({"type": "nope", "payload": {}}, "Invalid task"),
        ({"type": "echo", "payload": {"message": 3}}, "Invalid task"),
        ({"type": "echo"}, None),
        ({"payload": {}}, None),
        ({"type": "echo", "payload": []}, None),
        ({"type": 3, "payload": {"message": "hi"}}, None),
    ],
)
async def test_invalid_submissions_are_422(client: httpx.AsyncClient, body: Any, title: str | None) -> None:
    body_ = assert_problem(await client.post("/tasks", json=body), 422, title)
    assert body_["detail"]


async def test_unknown_task_is_404(client: httpx.AsyncClient) -> None:
    body = assert_problem(await client.get("/tasks/missing"), 404, "Task not found")
    assert "missing" in body["detail"]
    assert_problem(await client.post("/tasks/missing/cancel"), 404, "Task not found")


async def test_cancel(client: httpx.AsyncClient) -> None:
    task = (await submit(client)).json()
    cancelled = await client.post(f"/tasks/{task['id']}/cancel")
    assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled")
    assert_problem(await client.post(f"/tasks/{task['id']}/cancel"), 409, "Illegal state transition")


async def test_list_filters_and_pages(client: httpx.AsyncClient, clock: ManualClock) -> None:
    ids = []
    for n in range(3):
        clock.advance(1)
        ids.append((await submit(client, "sum" if n == 1 else "echo", {"numbers": [n]} if n == 1 else None)).json()["id"])
    await client.post(f"/tasks/{ids[2]}/cancel")
    page = (await client.get("/tasks", params={"limit": 2, "offset": 1})).json()
    assert ([t["id"] for t in page["items"]], page["total"], page["limit"], page["offset"]) == (ids[1:], 3, 2, 1)
    default = (await client.get("/tasks")).json()
    assert (default["limit"], default["offset"]) == (20, 0)
    sums = (await client.get("/tasks", params={"type": "sum"})).json()
    assert [t["id"] for t in sums["items"]] == [ids[1]]
    pending = (await client.get("/tasks", params={"status": "pending"})).json()
    assert [t["id"] for t in pending["items"]] == ids[:2]


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"status": "nope"}, {"limit": "x"}]
)
async def test_bad_list_parameters_are_422(client: httpx.AsyncClient, params: dict[str, Any]) -> None:
    assert_problem(await client.get("/tasks", params=params), 422)


async def test_health(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_routing_errors_are_problems(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/nowhere"), 404)
    assert_problem(await client.delete("/health"), 405)


async def test_any_error_class_maps_through_its_own_status(
    settings: Settings, mocker: Any
) -> None:
    class Teapot(TaskqError):
        status = 418
        title = "I am a teapot"

    mocker.patch.object(TaskService, "get", side_effect=Teapot("short and stout"))
    async for client in serve(create_app(settings)):
        body = assert_problem(await client.get("/tasks/x"), 418, "I am a teapot")
        assert body["detail"] == "short and stout"


async def test_an_unexpected_error_is_a_500_that_leaks_nothing(
    settings: Settings, mocker: Any
) -> None:
    mocker.patch.object(TaskService, "get", side_effect=RuntimeError("password=hunter2"))
    async for client in serve(create_app(settings)):
        response = await client.get("/tasks/x")
    body = assert_problem(response, 500, "Internal Server Error")
    assert "hunter2" not in response.text and "RuntimeError" not in response.text
    assert isinstance(body["detail"], str)


async def test_an_http_error_with_an_unknown_status(settings: Settings) -> None:
    app = create_app(settings)

    @app.get("/odd")
    async def odd() -> None:
        raise HTTPException(499, "client went away")

    async for client in serve(app):
        assert_problem(await client.get("/odd"), 499)


async def test_openapi_operation_ids(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()
    ids = {(method.upper(), path): op["operationId"] for path, ops in schema["paths"].items() for method, op in ops.items()}
    assert ids == {
        ("POST", "/tasks"): "submit_task",
        ("GET", "/tasks"): "list_tasks",
        ("GET", "/tasks/{task_id}"): "get_task",
        ("POST", "/tasks/{task_id}/cancel"): "cancel_task",
        ("GET", "/health"): "health",
    }


async def test_the_in_process_workers_run_tasks(settings: Settings, recorder: Recorder) -> None:
    settings = settings.model_copy(update={"workers": 2, "poll_interval": 0.02})
    async for client in serve(create_app(settings, handlers=recorder.handlers)):
        located = [(await submit(client, "count", {"n": n})).headers["location"] for n in range(4)]
        for _ in range(200):
            states = [(await client.get(url)).json()["status"] for url in located]
            if states == ["succeeded"] * 4:
                break
            await asyncio.sleep(0.02)
    assert states == ["succeeded"] * 4
    assert sorted(recorder.runs) == [0, 1, 2, 3]


async def test_shutdown_waits_for_the_task_in_hand(settings: Settings, recorder: Recorder) -> None:
    settings = settings.model_copy(update={"workers": 1, "poll_interval": 0.02})
    app = create_app(settings, handlers=recorder.handlers)
    async for client in serve(app):
        url = (await submit(client, "block", {"n": 7})).headers["location"]
        await recorder.started.wait()
        asyncio.get_running_loop().call_later(0.05, recorder.release.set)
    # the lifespan returned only after the worker finished: the task succeeded
    async for client in serve(create_app(settings.model_copy(update={"workers": 0}))):
        assert (await client.get(url)).json()["status"] == "succeeded"


async def test_settings_default_to_the_environment(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TASKQ_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("TASKQ_WORKERS", "0")
    monkeypatch.setenv("TASKQ_PAGE_SIZE_MAX", "5")
    async for client in serve(create_app()):
        assert_problem(await client.get("/tasks", params={"limit": 6}), 422)
        assert (await client.get("/tasks", params={"limit": 5})).status_code == 200


