"""Grader for the final project's HTTP API (``taskq.api.create_app``): the contract's route
table over ASGI with the lifespan run — status codes, ``Location``, ``Idempotency-Key`` replay
and conflict, the list's filters, pagination, total, ordering and ``limit`` bounds, a task's
JSON shape and ISO 8601 times, the OpenAPI document (exactly the contract's routes, their
operation ids) — and one round trip through a real uvicorn server on 127.0.0.1.

Each check makes its own app over its own migrated database (``migrated_url``) with
``workers=0`` (so nothing but the check changes a task) and a clock the check controls; only
the lifespan check starts a worker, in virtual time.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict

import taskq.api
from taskq.handlers import BUILTIN, TaskType
from taskq.settings import Settings

pytestmark = pytest.mark.asyncio

PROBLEM_JSON = "application/problem+json"
TASK_KEYS = {"id", "type", "payload", "status", "result", "error", "attempts", "created_at", "updated_at"}
START = datetime(2031, 5, 17, 9, 30, tzinfo=UTC)
ROUTES = {
    ("POST", "/tasks"): "submit_task",
    ("GET", "/tasks/{task_id}"): "get_task",
    ("GET", "/tasks"): "list_tasks",
    ("POST", "/tasks/{task_id}/cancel"): "cancel_task",
    ("GET", "/health"): "health",
}
WORKER_LIMIT = 3.0  # real seconds for an in-process worker to pick a task up (it takes ~0.1 s)
HYPOTHESIS = settings(max_examples=6, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


class Clock:
    """A clock the check moves: each reading is one second after the previous one (so every
    task gets its own ``created_at``), or always the same instant when ``step`` is 0."""

    def __init__(self, step: float = 1.0) -> None:
        self.now = START
        self.step = timedelta(seconds=step)
        self.readings: list[datetime] = []

    def __call__(self) -> datetime:
        reading = self.now
        self.now += self.step
        self.readings.append(reading)
        return reading


_apps: dict[str, FastAPI] = {}


def shared_app(url: str) -> FastAPI:
    """One app per database for every example of a property (its lifespan runs per example)."""
    if url not in _apps:
        _apps.clear()
        _apps[url] = new_app(url, Clock())
    return _apps[url]


def new_app(url: str, clock: Callable[[], datetime], **fields: Any) -> FastAPI:
    app = taskq.api.create_app(Settings(database_url=url, workers=0, **fields), clock=clock)
    assert isinstance(app, FastAPI), "create_app() returns a FastAPI application"
    return app


async def wipe(url: str) -> None:
    """Hypothesis reruns a check on the same database: each example starts with no task."""
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM tasks"))
    finally:
        await engine.dispose()


def media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip()


def body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


def seen(response: httpx.Response) -> tuple[int, Any]:
    return response.status_code, body(response)


def when(text: Any) -> datetime | str:
    """An ISO 8601 time as an aware datetime; anything else comes back as it was, for the message."""
    if not isinstance(text, str):
        return repr(text)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return text
    return parsed if parsed.tzinfo is not None else f"{text} (no UTC offset)"


async def submit(client: httpx.AsyncClient, type: str, payload: Any, key: str | None = None) -> httpx.Response:
    headers = {"Idempotency-Key": key} if key is not None else {}
    return await client.post("/tasks", json={"type": type, "payload": payload}, headers=headers)


async def created(client: httpx.AsyncClient, type: str, payload: Any, key: str | None = None) -> dict[str, Any]:
    response = await submit(client, type, payload, key)
    assert seen(response)[0] == 201, (
        f"POST /tasks {{type: {type!r}, payload: {payload!r}}}: a valid new task is answered 201 "
        f"(got {response.status_code}: {response.text[:200]})"
    )
    task = body(response)
    assert isinstance(task, dict) and isinstance(task.get("id"), str), (
        f"POST /tasks: the body is the task, with its id (got {task!r})"
    )
    return task


def ids(page: Any) -> list[str] | Any:
    if isinstance(page, dict) and isinstance(page.get("items"), list):
        return [item.get("id") if isinstance(item, dict) else item for item in page["items"]]
    return page


# --- submit and read ------------------------------------------------------------------------


async def test_submit_answers_201_the_task_and_its_location(migrated_url: str, asgi_client: Any) -> None:
    """POST /tasks: 201, ``Location: /tasks/{id}``, the pending task; GET /tasks/{id} reads it back."""
    clock = Clock()
    app = new_app(migrated_url, clock)
    async with asgi_client(app) as client:
        response = await submit(client, "sum", {"numbers": [1, 2.5, -3]})
        task = body(response)
        assert response.status_code == 201, (
            f"POST /tasks with a valid task: 201 Created (got {response.status_code}: {response.text[:200]})"
        )
        assert isinstance(task, dict), f"POST /tasks: the body is the task as a JSON object (got {task!r})"
        task_id = task.get("id")
        location = response.headers.get("location")
        assert urlsplit(location or "").path == f"/tasks/{task_id}", (
            f"POST /tasks: the Location header is /tasks/{{id}} of the new task (got {location!r}, id {task_id!r})"
        )
        read = await client.get(f"/tasks/{task_id}")
    assert set(task) >= TASK_KEYS, (
        f"a task reads {{id, type, payload, status, result, error, attempts, created_at, updated_at}} "
        f"(missing: {sorted(TASK_KEYS - set(task))})"
    )
    try:
        version = uuid.UUID(str(task_id)).version
    except ValueError:
        version = None
    assert version == 4, f"a task's id is UUID4 text (got {task_id!r})"
    shown = {k: task[k] for k in ("type", "payload", "status", "result", "error", "attempts")}
    assert shown == {"type": "sum", "payload": {"numbers": [1, 2.5, -3]}, "status": "pending",
                     "result": None, "error": None, "attempts": 0}, (
        "POST /tasks: the new task is pending, its type and payload as submitted, no result, no "
        "error, 0 attempts"
    )
    submitted = clock.readings[0] if clock.readings else START
    assert (when(task["created_at"]), when(task["updated_at"])) == (submitted, submitted), (
        "a task's created_at and updated_at are ISO 8601 times with their UTC offset, and a new "
        f"task's are both the injected clock's reading at submit ({submitted.isoformat()})"
    )
    assert seen(read) == (200, task), "GET /tasks/{id}: 200 and the same task as POST /tasks answered"


async def test_health(migrated_url: str, asgi_client: Any) -> None:
    """GET /health: 200 {"status": "ok"}."""
    app = new_app(migrated_url, Clock())
    async with asgi_client(app) as client:
        response = await client.get("/health")
    assert seen(response) == (200, {"status": "ok"}), 'GET /health: 200 {"status": "ok"}'


async def test_unknown_tasks_are_404(migrated_url: str, asgi_client: Any) -> None:
    """GET and cancel of an id no task has: 404 problems."""
    app = new_app(migrated_url, Clock())
    missing = str(uuid.uuid4())
    async with asgi_client(app) as client:
        await created(client, "echo", {"message": "someone else"})
        got = await client.get(f"/tasks/{missing}")
        cancelled = await client.post(f"/tasks/{missing}/cancel")
    assert (got.status_code, media_type(got)) == (404, PROBLEM_JSON), (
        "GET /tasks/{id} of an unknown id: 404, an application/problem+json problem"
    )
    assert (cancelled.status_code, media_type(cancelled)) == (404, PROBLEM_JSON), (
        "POST /tasks/{id}/cancel of an unknown id: 404, an application/problem+json problem"
    )


async def test_invalid_submissions_are_422(migrated_url: str, asgi_client: Any) -> None:
    """POST /tasks with an unknown type, a payload its type rejects, or a malformed body: 422."""
    app = new_app(migrated_url, Clock())
    cases = {
        "an unknown type": {"type": "no-such-type", "payload": {}},
        "echo without message": {"type": "echo", "payload": {}},
        "echo with an extra key": {"type": "echo", "payload": {"message": "hi", "loud": True}},
        "echo with a number for message": {"type": "echo", "payload": {"message": 7}},
        "sum with a text number": {"type": "sum", "payload": {"numbers": ["one"]}},
        "sleep with negative seconds": {"type": "sleep", "payload": {"seconds": -1}},
        "no payload": {"type": "echo"},
        "a payload that is not an object": {"type": "echo", "payload": ["hi"]},
    }
    async with asgi_client(app) as client:
        for case, sent in cases.items():
            response = await client.post("/tasks", json=sent)
            assert (response.status_code, media_type(response)) == (422, PROBLEM_JSON), (
                f"POST /tasks with {case} ({sent}): 422, an application/problem+json problem"
            )
        listed = body(await client.get("/tasks"))
    assert ids(listed) == [], "an invalid submission stores nothing: GET /tasks lists no task"


# --- idempotency ------------------------------------------------------------------------------


async def test_idempotency_key_replays_the_same_task(migrated_url: str, asgi_client: Any) -> None:
    """The same Idempotency-Key with the same type and payload: 200 and the first task; nothing new."""
    app = new_app(migrated_url, Clock())
    async with asgi_client(app) as client:
        first = await created(client, "echo", {"message": "once"}, key="order-42")
        again = await submit(client, "echo", {"message": "once"}, key="order-42")
        other = await created(client, "echo", {"message": "once"}, key="order-43")
        unkeyed = await created(client, "echo", {"message": "once"})
        listed = body(await client.get("/tasks"))
    assert again.status_code == 200, (
        "POST /tasks replayed with the same Idempotency-Key, type and payload: 200, not 201 "
        f"(got {again.status_code}: {again.text[:200]})"
    )
    assert (body(again).get("id") if isinstance(body(again), dict) else body(again)) == first["id"], (
        "POST /tasks replayed with the same Idempotency-Key: the body is the task the first submit made"
    )
    assert len({first["id"], other["id"], unkeyed["id"]}) == 3, (
        "POST /tasks: another key, or no key, makes a new task"
    )
    assert (listed.get("total") if isinstance(listed, dict) else listed) == 3, (
        "a replay stores no new task: three distinct submits and one replay leave total 3"
    )


async def test_idempotency_key_reused_differently_is_409(migrated_url: str, asgi_client: Any) -> None:
    """The same Idempotency-Key with another payload or type: 409, and the first task unchanged."""
    app = new_app(migrated_url, Clock())
    async with asgi_client(app) as client:
        first = await created(client, "echo", {"message": "once"}, key="k-1")
        other_payload = await submit(client, "echo", {"message": "twice"}, key="k-1")
        other_type = await submit(client, "fail", {"message": "once"}, key="k-1")
        replay = await submit(client, "echo", {"message": "once"}, key="k-1")
        listed = body(await client.get("/tasks"))
    for case, response in {"another payload": other_payload, "another type": other_type}.items():
        assert (response.status_code, media_type(response)) == (409, PROBLEM_JSON), (
            f"POST /tasks with an Idempotency-Key already used for {case}: 409, an "
            f"application/problem+json problem (got {response.status_code}: {response.text[:200]})"
        )
    assert (replay.status_code, body(replay).get("id") if isinstance(body(replay), dict) else None) == (
        200, first["id"]
    ), "after a refused reuse, the key still replays its first task (200, same id)"
    assert (listed.get("total") if isinstance(listed, dict) else listed) == 1, (
        "a refused reuse of an Idempotency-Key stores nothing"
    )


# --- cancel -----------------------------------------------------------------------------------


async def test_cancel_a_pending_task(migrated_url: str, asgi_client: Any) -> None:
    """POST /tasks/{id}/cancel: 200 and the cancelled task; a second cancel is 409."""
    clock = Clock()
    app = new_app(migrated_url, clock)
    async with asgi_client(app) as client:
        task = await created(client, "echo", {"message": "never mind"})
        response = await client.post(f"/tasks/{task['id']}/cancel")
        read = body(await client.get(f"/tasks/{task['id']}"))
        again = await client.post(f"/tasks/{task['id']}/cancel")
    cancelled = body(response)
    assert response.status_code == 200, (
        f"POST /tasks/{{id}}/cancel of a pending task: 200 (got {response.status_code}: {response.text[:200]})"
    )
    assert (cancelled.get("id"), cancelled.get("status")) == (task["id"], "cancelled"), (
        "POST /tasks/{id}/cancel: the body is the task, now cancelled"
    )
    assert isinstance(read, dict) and read.get("status") == "cancelled", (
        "after POST /tasks/{id}/cancel, GET /tasks/{id} reads status cancelled"
    )
    assert when(cancelled.get("updated_at")) > when(task["created_at"]), (  # type: ignore[operator]
        "a cancelled task's updated_at is the clock's reading at the cancel, after its created_at"
    )
    assert (again.status_code, media_type(again)) == (409, PROBLEM_JSON), (
        "POST /tasks/{id}/cancel of a task that is not pending (cancelled already): 409 problem"
    )


# --- list -------------------------------------------------------------------------------------


async def test_list_filters_pages_and_totals(migrated_url: str, asgi_client: Any) -> None:
    """GET /tasks: status= and type= filters, limit/offset pages, total of all matches, echoed limit/offset."""
    app = new_app(migrated_url, Clock())
    async with asgi_client(app) as client:
        tasks = [await created(client, kind, payload) for kind, payload in [
            ("echo", {"message": "a"}), ("sum", {"numbers": [1]}), ("echo", {"message": "b"}),
            ("sum", {"numbers": []}), ("echo", {"message": "c"}), ("echo", {"message": "d"}),
        ]]
        await client.post(f"/tasks/{tasks[2]['id']}/cancel")
        await client.post(f"/tasks/{tasks[3]['id']}/cancel")
        every = [t["id"] for t in tasks]
        cases = {
            "GET /tasks": ({}, every, 6, 20, 0),
            "GET /tasks?type=echo": ({"type": "echo"}, [every[i] for i in (0, 2, 4, 5)], 4, 20, 0),
            "GET /tasks?status=cancelled": ({"status": "cancelled"}, [every[2], every[3]], 2, 20, 0),
            "GET /tasks?status=pending&type=echo": (
                {"status": "pending", "type": "echo"}, [every[i] for i in (0, 4, 5)], 3, 20, 0),
            "GET /tasks?limit=2": ({"limit": 2}, every[:2], 6, 2, 0),
            "GET /tasks?limit=2&offset=2": ({"limit": 2, "offset": 2}, every[2:4], 6, 2, 2),
            "GET /tasks?limit=4&offset=5": ({"limit": 4, "offset": 5}, every[5:], 6, 4, 5),
            "GET /tasks?offset=6": ({"offset": 6}, [], 6, 20, 6),
            "GET /tasks?type=echo&limit=1&offset=1": ({"type": "echo", "limit": 1, "offset": 1}, [every[2]], 4, 1, 1),
            "GET /tasks?type=nothing": ({"type": "nothing"}, [], 0, 20, 0),
        }
        for case, (params, want, total, limit, offset) in cases.items():
            response = await client.get("/tasks", params=params)
            page = body(response)
            assert response.status_code == 200, f"{case}: 200 (got {response.status_code}: {response.text[:200]})"
            assert isinstance(page, dict) and set(page) >= {"items", "total", "limit", "offset"}, (
                f'{case}: the body is {{"items": [...], "total", "limit", "offset"}} (got {page!r:.200})'
            )
            assert ids(page) == want, (
                f"{case}: the matching tasks of that page, oldest first (by created_at, then id)"
            )
            assert (page["total"], page["limit"], page["offset"]) == (total, limit, offset), (
                f"{case}: total counts every matching task (not just this page); limit and offset "
                "are the ones used (default limit 20, offset 0)"
            )
        items = body(await client.get("/tasks", params={"limit": 1}))["items"]
    assert items == [tasks[0]], "GET /tasks: each item is a task, as GET /tasks/{id} shows it"


async def test_list_orders_ties_by_id(migrated_url: str, asgi_client: Any) -> None:
    """Tasks created at the same instant are listed by id."""
    app = new_app(migrated_url, Clock(step=0))
    async with asgi_client(app) as client:
        made = [(await created(client, "echo", {"message": str(i)}))["id"] for i in range(7)]
        page = body(await client.get("/tasks"))
        halves = ids(body(await client.get("/tasks", params={"limit": 4}))), ids(
            body(await client.get("/tasks", params={"limit": 4, "offset": 4})))
    assert ids(page) == sorted(made), (
        "GET /tasks: tasks with the same created_at are ordered by id (the order is (created_at, id))"
    )
    assert [*halves[0], *halves[1]] == sorted(made), (
        "GET /tasks: consecutive pages of tasks with equal created_at neither repeat nor skip one"
    )


async def test_list_limit_and_offset_bounds(migrated_url: str, asgi_client: Any) -> None:
    """limit must be 1..page_size_max (from Settings), offset >= 0: otherwise 422."""
    app = new_app(migrated_url, Clock(), page_size_max=5)
    async with asgi_client(app) as client:
        for _ in range(6):
            await created(client, "echo", {"message": "x"})
        bad = {
            "limit=0": {"limit": 0},
            "limit=-1": {"limit": -1},
            "limit=6 with page_size_max 5": {"limit": 6},
            "limit=ten": {"limit": "ten"},
            "offset=-1": {"offset": -1},
        }
        for case, params in bad.items():
            response = await client.get("/tasks", params=params)
            assert (response.status_code, media_type(response)) == (422, PROBLEM_JSON), (
                f"GET /tasks?{case}: 422 problem (limit is 1..page_size_max, offset >= 0)"
            )
        top = await client.get("/tasks", params={"limit": 5})
        one = await client.get("/tasks", params={"limit": 1})
    assert (top.status_code, len(ids(body(top)) or [])) == (200, 5), (
        "GET /tasks?limit=5 with page_size_max 5: 200 and 5 items (page_size_max itself is allowed)"
    )
    assert (one.status_code, len(ids(body(one)) or [])) == (200, 1), "GET /tasks?limit=1: 200 and 1 item"


# --- the OpenAPI document -----------------------------------------------------------------------


async def test_openapi_names_exactly_the_contracts_routes(migrated_url: str, asgi_client: Any) -> None:
    """/openapi.json: the five routes, no other, each with the contract's operation id."""
    app = new_app(migrated_url, Clock())
    async with asgi_client(app) as client:
        response = await client.get("/openapi.json")
    document = body(response)
    assert response.status_code == 200 and isinstance(document, dict), "GET /openapi.json: the OpenAPI document"
    got = {
        (method.upper(), path): operation.get("operationId") if isinstance(operation, dict) else None
        for path, item in document.get("paths", {}).items()
        for method, operation in item.items()
        if method.lower() in {"get", "post", "put", "patch", "delete", "head", "options"}
    }
    assert got == ROUTES, (
        "the OpenAPI document lists exactly the contract's routes, each with its operation id: "
        "submit_task, get_task, list_tasks, cancel_task, health"
    )
    operation = document["paths"]["/tasks"]["post"]
    schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
    if "$ref" in schema:
        schema = document.get("components", {}).get("schemas", {}).get(schema["$ref"].rsplit("/", 1)[-1], {})
    assert {"type", "payload"} <= set(schema.get("properties", {})) and "type" in schema.get("required", []), (
        'the OpenAPI document: submit_task takes a JSON body {"type": str, "payload": object}, type required'
    )
    parameters = {p.get("name"): p.get("in") for p in document["paths"]["/tasks"]["get"].get("parameters", [])}
    assert {k: parameters.get(k) for k in ("status", "type", "limit", "offset")} == dict.fromkeys(
        ("status", "type", "limit", "offset"), "query"
    ), "the OpenAPI document: list_tasks takes the query parameters status, type, limit and offset"


# --- properties ---------------------------------------------------------------------------------

TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30
)


@HYPOTHESIS
@given(messages=st.lists(TEXT, min_size=1, max_size=3))
@example(messages=["", "ünïcödé ✓ — 😀", 'quote " backslash \\ nul \x00', "\u0130\u200b\t\n"])
async def test_echo_messages_round_trip(migrated_url: str, asgi_client: Any, messages: list[str]) -> None:
    """Any text as an echo message comes back unchanged from POST, GET and the list."""
    app = shared_app(migrated_url)
    await wipe(migrated_url)
    async with asgi_client(app) as client:
        made = [await created(client, "echo", {"message": m}) for m in messages]
        read = [body(await client.get(f"/tasks/{t['id']}")) for t in made]
        listed = body(await client.get("/tasks", params={"type": "echo", "limit": 100}))
    sent = [{"message": m} for m in messages]
    assert [t["payload"] for t in made] == sent, "POST /tasks: the task's payload is the message as sent"
    assert [t.get("payload") if isinstance(t, dict) else t for t in read] == sent, (
        "GET /tasks/{id}: the payload reads back exactly as sent (any Unicode text)"
    )
    by_id = {t.get("id"): t.get("payload") for t in listed.get("items", [])} if isinstance(listed, dict) else {}
    assert [by_id.get(t["id"]) for t in made] == sent, "GET /tasks: each item's payload is the one sent"


operations = st.lists(
    st.tuples(st.sampled_from(["echo", "sum", "sleep"]), st.booleans()), min_size=0, max_size=7
)


@HYPOTHESIS
@given(ops=operations, limit=st.integers(min_value=1, max_value=4))
@example(ops=[("echo", True), ("sum", False), ("echo", False), ("sleep", True), ("sum", True)], limit=2)
async def test_random_submissions_match_the_list(
    migrated_url: str, asgi_client: Any, ops: list[tuple[str, bool]], limit: int
) -> None:
    """Random submits (some cancelled): every filter's total, and its pages in order, as a model says."""
    payloads = {"echo": {"message": "m"}, "sum": {"numbers": [1, 2]}, "sleep": {"seconds": 0.5}}
    app = shared_app(migrated_url)
    await wipe(migrated_url)
    async with asgi_client(app) as client:
        model: list[tuple[str, str, str]] = []
        for kind, cancel in ops:
            task = await created(client, kind, payloads[kind])
            if cancel:
                response = await client.post(f"/tasks/{task['id']}/cancel")
                assert response.status_code == 200, "POST /tasks/{id}/cancel of a pending task: 200"
            model.append((task["id"], kind, "cancelled" if cancel else "pending"))
        for params in [{}, {"type": "echo"}, {"type": "sum"}, {"status": "pending"},
                       {"status": "cancelled", "type": "sleep"}]:
            want = [i for i, kind, status in model
                    if params.get("type", kind) == kind and params.get("status", status) == status]
            got: list[Any] = []
            totals = set()
            for offset in range(0, len(want) + 1, limit):
                page = body(await client.get("/tasks", params={**params, "limit": limit, "offset": offset}))
                assert isinstance(page, dict), f"GET /tasks?{params}: a page object"
                got.extend(ids(page))
                totals.add(page.get("total"))
            assert (got, totals) == (want, {len(want)}), (
                f"GET /tasks with {params or 'no filter'} paged by limit={limit}: the pages together "
                "are every matching task once, oldest first, and every page's total is the number "
                "of matching tasks"
            )


# --- the lifespan's workers ---------------------------------------------------------------------


class Note(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str


async def test_the_lifespan_runs_the_workers(migrated_url: str, asgi_client: Any) -> None:
    """Settings(workers=1): the lifespan starts a worker that runs a submitted task; shutdown lets
    it finish the task in hand and stops it."""
    ran = asyncio.Event()

    async def note(payload: Any) -> dict[str, Any]:
        ran.set()
        return {"noted": payload.text}

    handlers = {**BUILTIN, "note": TaskType(Note, note)}
    settings = Settings(database_url=migrated_url, workers=1, poll_interval=0.05)
    app = taskq.api.create_app(settings, handlers=handlers, clock=Clock())
    async with asgi_client(app) as client:
        task = await created(client, "note", {"text": "work"})
        try:
            await asyncio.wait_for(ran.wait(), WORKER_LIMIT)
        except TimeoutError:
            pass
    assert ran.is_set(), (
        "create_app(Settings(workers=1), handlers=...): the lifespan starts a worker, which claims "
        "the submitted task and runs its type's handler (it did not run within "
        f"{WORKER_LIMIT} s)"
    )
    async with asgi_client(new_app(migrated_url, Clock())) as client:
        state = body(await client.get(f"/tasks/{task['id']}"))
    got = (state.get("status"), state.get("result"), state.get("attempts")) if isinstance(state, dict) else state
    assert got == ("succeeded", {"noted": "work"}, 1), (
        "the lifespan's shutdown sets the workers' stop event and waits for them: the task in hand "
        "is completed (status succeeded, the handler's result, attempts 1)"
    )


# --- a real server ------------------------------------------------------------------------------


async def test_one_round_trip_under_uvicorn(migrated_url: str, uvicorn_client: Any) -> None:
    """Under a real uvicorn on 127.0.0.1: submit, read, list, cancel."""
    app = new_app(migrated_url, Clock())
    async with uvicorn_client(app) as client:
        task = await created(client, "echo", {"message": "über uvicorn"})
        read = await client.get(f"/tasks/{task['id']}")
        listed = body(await client.get("/tasks"))
        cancelled = await client.post(f"/tasks/{task['id']}/cancel")
        health = await client.get("/health")
    assert seen(read) == (200, task), "under uvicorn: GET /tasks/{id} reads back the submitted task"
    assert ids(listed) == [task["id"]], "under uvicorn: GET /tasks lists it"
    assert (cancelled.status_code, body(cancelled).get("status")) == (200, "cancelled"), (
        "under uvicorn: POST /tasks/{id}/cancel answers 200 and the cancelled task"
    )
    assert seen(health) == (200, {"status": "ok"}), 'under uvicorn: GET /health: 200 {"status": "ok"}'
