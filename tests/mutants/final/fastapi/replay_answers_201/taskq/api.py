"""A replayed Idempotency-Key answers 201 Created again instead of 200."""

# No ``from __future__ import annotations`` here: FastAPI reads the route signatures at run
# time, and ``list_tasks``' limit refers to a local (the settings' page_size_max).
import asyncio
import importlib
import logging
import os
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from http import HTTPStatus
from typing import Annotated, Any, Protocol, Self

from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from taskq.db import make_engine, make_session_factory
from taskq.domain import Task, TaskStatus, utcnow
from taskq.exceptions import TaskqError
from taskq.handlers import BUILTIN, Handlers
from taskq.services import TaskService
from taskq.settings import Settings

logger = logging.getLogger(__name__)

PROBLEM = "application/problem+json"


class SubmitTask(BaseModel):
    """The body of ``POST /tasks``."""

    model_config = ConfigDict(extra="forbid")

    type: str = Field(min_length=1, max_length=100)
    payload: dict[str, Any] = Field(default_factory=dict)


class TaskOut(BaseModel):
    """A task as the API shows it."""

    id: str
    type: str
    payload: dict[str, Any]
    status: TaskStatus
    result: dict[str, Any] | None
    error: str | None
    attempts: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, task: Task) -> Self:
        return cls(
            id=task.id,
            type=task.type,
            payload=task.payload,
            status=task.status,
            result=task.result,
            error=task.error,
            attempts=task.attempts,
            created_at=task.created_at,
            updated_at=task.updated_at,
        )


class TaskPage(BaseModel):
    """A page of ``GET /tasks``."""

    items: list[TaskOut]
    total: int
    limit: int
    offset: int


class Health(BaseModel):
    status: str = "ok"


class Problem(BaseModel):
    """An RFC 9457 problem details body."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str


def problem(status: int, title: str, detail: str) -> JSONResponse:
    """The one way this app answers an error."""
    body = Problem(title=title, status=status, detail=detail).model_dump()
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def install_problem_handlers(app: FastAPI) -> None:
    """Answer every error as a problem: domain, validation, routing and unexpected ones."""

    async def domain_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, TaskqError)
        kind = type(exc)
        return problem(kind.status, kind.title, str(exc))

    async def invalid_request(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        messages = [
            f"{'.'.join(map(str, error['loc']))}: {error['msg']}" for error in exc.errors()
        ]
        return problem(422, "Request validation failed", "; ".join(messages))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        try:
            title = HTTPStatus(exc.status_code).phrase
        except ValueError:
            title = "Error"
        response = problem(exc.status_code, title, str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    async def unexpected(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        try:
            return await call_next(request)
        except Exception:
            logger.exception("unexpected error on %s %s", request.method, request.url.path)
            return problem(500, "Internal Server Error", "An unexpected error occurred.")

    app.add_exception_handler(TaskqError, domain_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.middleware("http")(unexpected)


class _Worker(Protocol):
    """What the lifespan needs of a ``taskq.worker.Worker``."""

    worker_id: str

    async def run(self, stop: asyncio.Event) -> None: ...


def _worker_class() -> Callable[..., _Worker]:
    """``taskq.worker.Worker``, looked up at run time.

    The layers contract makes ``taskq.api`` and ``taskq.worker`` independent siblings: neither
    imports the other. The in-process workers are wired here, in the lifespan, when the app
    starts — not by an import the layering forbids.
    """
    worker_class: Callable[..., _Worker] = importlib.import_module("taskq.worker").Worker
    return worker_class


def _service(request: Request) -> TaskService:
    service: TaskService = request.app.state.service
    return service


Service = Annotated[TaskService, Depends(_service)]
ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "content": {PROBLEM: {}}} for status in (404, 409, 422)
}


def _routes(settings: Settings) -> APIRouter:
    router = APIRouter(responses={422: ERRORS[422]})

    @router.post(
        "/tasks", status_code=201, operation_id="submit_task", responses={409: ERRORS[409]}
    )
    async def submit_task(
        body: SubmitTask,
        response: Response,
        service: Service,
        idempotency_key: Annotated[
            str | None, Header(alias="Idempotency-Key", min_length=1, max_length=255)
        ] = None,
    ) -> TaskOut:
        task, created = await service.submit(body.type, body.payload, idempotency_key)
        response.headers["Location"] = f"/tasks/{task.id}"
        return TaskOut.of(task)

    @router.get("/tasks", operation_id="list_tasks")
    async def list_tasks(
        service: Service,
        status: TaskStatus | None = None,
        type: str | None = None,  # noqa: A002 - the query parameter's name
        limit: Annotated[int, Query(ge=1, le=settings.page_size_max)] = 20,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> TaskPage:
        tasks, total = await service.list(status=status, type=type, limit=limit, offset=offset)
        return TaskPage(items=[TaskOut.of(t) for t in tasks], total=total, limit=limit, offset=offset)

    @router.get("/tasks/{task_id}", operation_id="get_task", responses={404: ERRORS[404]})
    async def get_task(task_id: str, service: Service) -> TaskOut:
        return TaskOut.of(await service.get(task_id))

    @router.post(
        "/tasks/{task_id}/cancel",
        operation_id="cancel_task",
        responses={404: ERRORS[404], 409: ERRORS[409]},
    )
    async def cancel_task(task_id: str, service: Service) -> TaskOut:
        return TaskOut.of(await service.cancel(task_id))

    @router.get("/health", operation_id="health")
    async def health() -> Health:
        return Health()

    return router


def create_app(
    settings: Settings | None = None,
    *,
    handlers: Handlers = BUILTIN,
    clock: Callable[[], datetime] = utcnow,
) -> FastAPI:
    """The taskq app; its lifespan runs the engine and ``settings.workers`` workers."""
    config = settings if settings is not None else Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(config)
        session_factory = make_session_factory(engine)
        app.state.service = TaskService(session_factory, handlers, clock)
        stop = asyncio.Event()
        prefix = f"{socket.gethostname()}-{os.getpid()}"
        worker_class = _worker_class()
        workers = [
            worker_class(session_factory, handlers, settings=config, worker_id=f"{prefix}-{n}", clock=clock)
            for n in range(1, config.workers + 1)
        ]
        running = [asyncio.create_task(w.run(stop), name=w.worker_id) for w in workers]
        try:
            yield
        finally:
            stop.set()
            for outcome in await asyncio.gather(*running, return_exceptions=True):
                if isinstance(outcome, BaseException):
                    logger.error("a worker ended with an error", exc_info=outcome)
            await engine.dispose()

    app = FastAPI(title="taskq", version="1.0.0", lifespan=lifespan)
    install_problem_handlers(app)
    app.include_router(_routes(config))
    return app
