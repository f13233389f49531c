"""Grader for the final project's exceptions: the ``taskq.exceptions`` hierarchy by inspection,
and every error answered by the API as an RFC 9457 problem made in one place — 404, 409 and 422
through the real routes; a ``TaskqError`` subclass the grader writes (after the app exists)
and raises from the service, answered with its own status and title; and any other exception,
a 500 problem that shows nothing of it.

The exceptions inspected are the ones the learner's ``TaskService`` raises (so each check runs
learner code first); the API runs over ASGI with its lifespan, on this check's migrated
database, with ``workers=0``. Starlette re-raises an unexpected exception after it has sent the
500, so the client's transport here keeps app exceptions inside (``raise_app_exceptions=False``).
"""

from __future__ import annotations

import builtins
import contextlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from graders.support.web import over_asgi

import taskq.api
import taskq.exceptions as exceptions
from taskq.db import make_engine, make_session_factory
from taskq.domain import TaskStatus
from taskq.repository import UnitOfWork
from taskq.services import TaskService
from taskq.settings import Settings

pytestmark = pytest.mark.asyncio

PROBLEM_JSON = "application/problem+json"
SECRET = "password=hunter2 at db.internal:5432"
START = datetime(2031, 5, 17, 9, 30, tzinfo=UTC)
TABLE = {
    "TaskNotFound": (404, "Task not found"),
    "IllegalTransition": (409, "Illegal state transition"),
    "InvalidTask": (422, "Invalid task"),
    "IdempotencyConflict": (409, "Idempotency key reused"),
}


class Clock:
    """Each reading one second after the previous one."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def client_of(app: Any) -> AbstractAsyncContextManager[httpx.AsyncClient]:
    """The app over ASGI, lifespan run; an exception in the app is answered 500, not raised."""
    return over_asgi(app, raise_app_exceptions=False)


@contextlib.asynccontextmanager
async def service_on(url: str) -> AsyncIterator[TaskService]:
    """The learner's TaskService on this check's database, beside the app."""
    engine = make_engine(Settings(database_url=url, workers=0))
    try:
        yield TaskService(make_session_factory(engine), clock=Clock())
    finally:
        await engine.dispose()


def new_app(url: str) -> FastAPI:
    app = taskq.api.create_app(Settings(database_url=url, workers=0), clock=Clock())
    assert isinstance(app, FastAPI), "create_app() returns a FastAPI application"
    return app


async def raised(call: Callable[[], Awaitable[object]]) -> BaseException | None:
    """What the awaited call raised (None if it returned); a stub's NotImplementedError escapes."""
    try:
        await call()
    except NotImplementedError:
        raise
    except BaseException as exc:  # noqa: BLE001 — the check reports whatever it was
        return exc
    return None


def name(error: object) -> str:
    return "no exception" if error is None else type(error).__name__


def seen(response: httpx.Response) -> tuple[int, str, Any]:
    """(status, media type, JSON body or text)."""
    media_type = response.headers.get("content-type", "").split(";")[0].strip()
    try:
        body = response.json()
    except ValueError:
        body = response.text
    return response.status_code, media_type, body


def problem_of(response: httpx.Response) -> tuple[int, str, Any]:
    """(status, media type, the body's RFC 9457 members): extension members are allowed."""
    status, media_type, body = seen(response)
    if isinstance(body, dict):
        body = {k: body.get(k, "<missing>") for k in ("type", "title", "status", "detail")}
    return status, media_type, body


def problem(status: int, title: str, detail: Any) -> tuple[int, str, Any]:
    return status, PROBLEM_JSON, {"type": "about:blank", "title": title, "status": status, "detail": detail}


async def submit(client: httpx.AsyncClient, type: str, payload: Any, key: str | None = None) -> httpx.Response:
    headers = {"Idempotency-Key": key} if key is not None else {}
    return await client.post("/tasks", json={"type": type, "payload": payload}, headers=headers)


async def new_task(client: httpx.AsyncClient, message: str = "hi") -> str:
    response = await submit(client, "echo", {"message": message})
    assert response.status_code == 201, (
        f"POST /tasks with a valid echo task: 201 (got {response.status_code}: {response.text[:200]})"
    )
    return str(response.json()["id"])


# --- the hierarchy ------------------------------------------------------------------------------


async def test_the_hierarchy(migrated_url: str) -> None:
    """What the service raises: TaskqError(Exception) subclasses with the table's status and title,
    their attributes, str() the detail, and no class named like a built-in."""
    async with service_on(migrated_url) as service:
        missing = str(uuid.uuid4())
        not_found = await raised(lambda: service.get(missing))
        task, _ = await service.submit("echo", {"message": "hi"}, idempotency_key="k")
        await service.cancel(task.id)
        illegal = await raised(lambda: service.cancel(task.id))
        invalid = await raised(lambda: service.submit("no-such-type", {}))
        conflict = await raised(lambda: service.submit("echo", {"message": "other"}, idempotency_key="k"))
    got = {"TaskNotFound": not_found, "IllegalTransition": illegal, "InvalidTask": invalid,
           "IdempotencyConflict": conflict}
    calls = {
        "TaskNotFound": "get(an unknown id)",
        "IllegalTransition": "cancel() of a cancelled task",
        "InvalidTask": "submit() of an unknown type",
        "IdempotencyConflict": "submit() reusing a key for another payload",
    }
    assert issubclass(exceptions.TaskqError, Exception), "TaskqError subclasses Exception"
    for cls_name, error in got.items():
        cls = getattr(exceptions, cls_name, None)
        assert isinstance(cls, type), f"taskq.exceptions defines {cls_name}"
        assert isinstance(error, cls), f"TaskService.{calls[cls_name]} raises {cls_name} (raised {name(error)})"
        assert issubclass(cls, exceptions.TaskqError), f"{cls_name} subclasses TaskqError"
        kind = type(error)
        assert (getattr(kind, "status", None), getattr(kind, "title", None)) == TABLE[cls_name], (
            f"{cls_name}: the class attributes status (the HTTP status, an int) and title are "
            f"{TABLE[cls_name]}"
        )
        assert isinstance(str(error), str) and str(error) != "", f"{cls_name}: str() is the detail, a non-empty text"
    assert getattr(not_found, "task_id", None) == missing, "TaskNotFound: .task_id is the id looked for"
    assert (getattr(illegal, "task_id", None), getattr(illegal, "current", None), getattr(illegal, "action", None)) == (
        task.id, TaskStatus.CANCELLED, "cancel"
    ), "IllegalTransition: .task_id, .current (the task's status, cancelled) and .action ('cancel')"
    errors = getattr(invalid, "errors", None)
    assert isinstance(errors, list) and errors and all(isinstance(e, str) for e in errors), (
        "InvalidTask: .errors is a list of messages (str), at least one"
    )
    shadowing = sorted(
        n for n, obj in vars(exceptions).items()
        if isinstance(obj, type) and issubclass(obj, BaseException)
        and obj.__module__ == exceptions.__name__ and n in vars(builtins)
    )
    assert shadowing == [], "taskq.exceptions: no exception class shadows a built-in name"


# --- through the API ----------------------------------------------------------------------------


async def test_unknown_task_is_a_404_problem(migrated_url: str) -> None:
    """GET /tasks/{id} and POST /tasks/{id}/cancel of an unknown id: a 404 problem, detail str(TaskNotFound)."""
    app = new_app(migrated_url)
    missing = str(uuid.uuid4())
    async with client_of(app) as client:
        got = problem_of(await client.get(f"/tasks/{missing}"))
        cancelled = problem_of(await client.post(f"/tasks/{missing}/cancel"))
    async with service_on(migrated_url) as service:
        detail = str(await raised(lambda: service.get(missing)))
    assert got == problem(404, "Task not found", detail), (
        "GET /tasks/{id} of an unknown id: 404, application/problem+json, {type: about:blank, "
        "title: TaskNotFound.title, status: 404, detail: str() of the TaskNotFound}"
    )
    assert cancelled == got, "POST /tasks/{id}/cancel of an unknown id: the same 404 problem"


async def test_cancelling_a_task_that_is_not_pending_is_a_409_problem(migrated_url: str) -> None:
    """Cancel of a cancelled, a running and a succeeded task: 409 problem; the task unchanged."""
    app = new_app(migrated_url)
    async with client_of(app) as client:
        cancelled, running, succeeded = [await new_task(client, m) for m in ("a", "b", "c")]
        first = await client.post(f"/tasks/{cancelled}/cancel")
        engine = make_engine(Settings(database_url=migrated_url, workers=0))
        try:
            factory = make_session_factory(engine)
            async with UnitOfWork(factory) as uow:
                claimed = [await uow.tasks.claim(f"grader-{i}", START + timedelta(days=1), 30.0) for i in range(2)]
            held = {t.id: f"grader-{i}" for i, t in enumerate(claimed) if t is not None}
            assert set(held) == {running, succeeded}, (
                "TaskRepository.claim(): claims the oldest claimable pending task (grader setup)"
            )
            async with UnitOfWork(factory) as uow:
                done = await uow.tasks.complete(succeeded, held[succeeded], {"message": "c"}, START + timedelta(days=1))
            assert done, "TaskRepository.complete() by the worker holding the task succeeds (grader setup)"
        finally:
            await engine.dispose()
        answers = {
            "cancelled": problem_of(await client.post(f"/tasks/{cancelled}/cancel")),
            "running": problem_of(await client.post(f"/tasks/{running}/cancel")),
            "succeeded": problem_of(await client.post(f"/tasks/{succeeded}/cancel")),
        }
        states = {status: (await client.get(f"/tasks/{task_id}")).json().get("status")
                  for status, task_id in [("cancelled", cancelled), ("running", running), ("succeeded", succeeded)]}
    assert first.status_code == 200, "POST /tasks/{id}/cancel of a pending task: 200 (grader setup)"
    async with service_on(migrated_url) as service:
        details = {"cancelled": str(await raised(lambda: service.cancel(cancelled))),
                   "running": str(await raised(lambda: service.cancel(running))),
                   "succeeded": str(await raised(lambda: service.cancel(succeeded)))}
    for status, answer in answers.items():
        assert answer == problem(409, "Illegal state transition", details[status]), (
            f"POST /tasks/{{id}}/cancel of a {status} task: 409, application/problem+json, {{type: "
            "about:blank, title: IllegalTransition.title, status: 409, detail: str() of the "
            "IllegalTransition}"
        )
    assert states == {"cancelled": "cancelled", "running": "running", "succeeded": "succeeded"}, (
        "a refused cancel changes nothing: a running task stays running (its worker owns it)"
    )


async def test_invalid_tasks_are_422_problems(migrated_url: str) -> None:
    """An unknown type or a rejected payload: 422 'Invalid task'; a malformed request: a 422 problem too."""
    app = new_app(migrated_url)
    cases = {
        "an unknown type": ("no-such-type", {"message": "hi"}),
        "echo without message": ("echo", {}),
        "echo with an extra key": ("echo", {"message": "hi", "loud": True}),
        "sum with text numbers": ("sum", {"numbers": ["1", "two"]}),
    }
    async with client_of(app) as client:
        answers = {case: problem_of(await submit(client, *sent)) for case, sent in cases.items()}
        malformed = {
            "POST /tasks without type": problem_of(await client.post("/tasks", json={"payload": {}})),
            "POST /tasks with a payload that is a list": problem_of(
                await client.post("/tasks", json={"type": "echo", "payload": [1]})),
            "POST /tasks with a body that is not JSON": problem_of(
                await client.post("/tasks", content=b"{", headers={"content-type": "application/json"})),
            "GET /tasks?limit=0": problem_of(await client.get("/tasks", params={"limit": 0})),
            "GET /tasks?offset=-1": problem_of(await client.get("/tasks", params={"offset": -1})),
        }
    async with service_on(migrated_url) as service:
        details = {case: str(await raised(lambda: service.submit(*sent))) for case, sent in cases.items()}
    for case, answer in answers.items():
        assert answer == problem(422, "Invalid task", details[case]), (
            f"POST /tasks with {case}: 422, application/problem+json, {{type: about:blank, title: "
            "InvalidTask.title, status: 422, detail: str() of the InvalidTask}"
        )
    for case, (status, media_type, body) in malformed.items():
        shape = (
            {"type": body.get("type"), "status": body.get("status"),
             "title": isinstance(body.get("title"), str) and body.get("title") != "",
             "detail": isinstance(body.get("detail"), str)}
            if isinstance(body, dict) else body
        )
        assert (status, media_type, shape) == (
            422, PROBLEM_JSON, {"type": "about:blank", "status": 422, "title": True, "detail": True}
        ), (
            f"{case}: request validation fails with a 422 problem — application/problem+json, "
            "{type: about:blank, title: a text, status: 422, detail: a text} — made by one handler "
            "for request validation errors"
        )


async def test_a_reused_idempotency_key_is_a_409_problem(migrated_url: str) -> None:
    """The same Idempotency-Key for another payload: 409 'Idempotency key reused'."""
    app = new_app(migrated_url)
    async with client_of(app) as client:
        await submit(client, "echo", {"message": "first"}, key="order-7")
        answer = problem_of(await submit(client, "echo", {"message": "second"}, key="order-7"))
    async with service_on(migrated_url) as service:
        detail = str(await raised(lambda: service.submit("echo", {"message": "second"}, idempotency_key="order-7")))
    assert answer == problem(409, "Idempotency key reused", detail), (
        "POST /tasks reusing an Idempotency-Key for another payload: 409, application/problem+json, "
        "{type: about:blank, title: IdempotencyConflict.title, status: 409, detail: str() of the error}"
    )


async def test_a_new_subclass_is_answered_in_the_one_place(migrated_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A TaskqError subclass written after the app exists, raised by the service: its own status and title."""
    app = new_app(migrated_url)

    class Teapot(exceptions.TaskqError):
        status = 418
        title = "I'm a teapot"

    class Kettle(Teapot):
        """Inherits its title from Teapot."""

        status = 419

    async def get(self: Any, task_id: str) -> Any:
        raise Teapot(f"task {task_id} is short and stout")

    async def cancel(self: Any, task_id: str) -> Any:
        raise Kettle(f"task {task_id} is boiling")

    monkeypatch.setattr(TaskService, "get", get)
    monkeypatch.setattr(TaskService, "cancel", cancel)
    async with client_of(app) as client:
        got = problem_of(await client.get("/tasks/pot-1"))
        kettle = problem_of(await client.post("/tasks/pot-2/cancel"))
        health = seen(await client.get("/health"))
    assert got == problem(418, "I'm a teapot", "task pot-1 is short and stout"), (
        "a TaskqError subclass the app has never heard of (status 418, title \"I'm a teapot\"), raised "
        "by TaskService.get: 418 problem with its title and str() as detail — one handler for the "
        "base class, reading status and title from the error's class"
    )
    assert kettle == problem(419, "I'm a teapot", "task pot-2 is boiling"), (
        "a subclass of that subclass (status 419, title inherited), raised by TaskService.cancel: "
        "419 problem with the inherited title"
    )
    assert health == (200, "application/json", {"status": "ok"}), "after the errors the app still answers"


async def test_anything_else_is_a_500_problem_that_leaks_nothing(
    migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any other exception from the service: a 500 problem with nothing of the exception in it."""
    app = new_app(migrated_url)

    async def get(self: Any, task_id: str) -> Any:
        raise RuntimeError(SECRET)

    async def listing(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise KeyError(SECRET)

    async def submitting(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError(SECRET)

    monkeypatch.setattr(TaskService, "get", get)
    monkeypatch.setattr(TaskService, "list", listing)
    monkeypatch.setattr(TaskService, "submit", submitting)
    async with client_of(app) as client:
        responses = {
            "GET /tasks/{id} (RuntimeError)": await client.get("/tasks/x"),
            "GET /tasks (KeyError)": await client.get("/tasks"),
            "POST /tasks (ZeroDivisionError)": await submit(client, "echo", {"message": "hi"}),
        }
        health = seen(await client.get("/health"))
    for case, response in responses.items():
        leaked = [piece for piece in ("hunter2", "db.internal", "RuntimeError", "KeyError", "ZeroDivisionError",
                                      "Traceback") if piece in response.text]
        assert leaked == [], (
            f"{case} raised by the service: the 500 shows nothing of the exception — no message, no "
            "type, no traceback (it may hold secrets; log it instead)"
        )
        status, media_type, body = problem_of(response)
        detail_ok = isinstance(body, dict) and isinstance(body.get("detail"), str)
        shown = {**body, "detail": "<a text>" if detail_ok else body.get("detail")} if isinstance(body, dict) else body
        assert (status, media_type, shown) == problem(500, "Internal Server Error", "<a text>"), (
            f"{case} raised by the service: 500, application/problem+json, {{type: about:blank, title: "
            "'Internal Server Error', status: 500, detail: a fixed text}"
        )
    assert health == (200, "application/json", {"status": "ok"}), "after a 500 the app still answers"
