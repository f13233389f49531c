"""What graders of web apps share: the learner's app driven over ASGI with its lifespan run
(httpx's ASGITransport alone skips startup and shutdown), and through a real uvicorn server on
127.0.0.1, in the check's own event loop.

Both are fixtures that return an async context manager factory::

    async with asgi_client(create_app()) as client:
        response = await client.get("/tasks")
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

import httpx
import pytest
import uvicorn
from asgi_lifespan import LifespanManager

ClientFactory = Callable[[Any], AbstractAsyncContextManager[httpx.AsyncClient]]

# Startup or shutdown that takes longer than this is a bug (a blocking call, a lost await):
# the check fails in words instead of running into the kata's time limit.
LIFESPAN_LIMIT = 3.0


@contextlib.asynccontextmanager
async def over_asgi(app: Any, *, raise_app_exceptions: bool = True) -> AsyncIterator[httpx.AsyncClient]:
    """The app over ASGI, its lifespan run. ``raise_app_exceptions=False`` keeps inside an
    exception Starlette re-raises after answering 500, so a check reads that 500 response."""
    async with LifespanManager(app, startup_timeout=LIFESPAN_LIMIT, shutdown_timeout=LIFESPAN_LIMIT) as manager:
        transport = httpx.ASGITransport(app=manager.app, raise_app_exceptions=raise_app_exceptions)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client


@contextlib.asynccontextmanager
async def _over_uvicorn(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="on", log_level="critical", access_log=False)
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    async with asyncio.timeout(LIFESPAN_LIMIT):
        while not server.started and not serving.done():
            await asyncio.sleep(0.001)
    if not server.started:
        serving.result()  # startup raised: show why
        raise AssertionError("the app did not start under uvicorn (its lifespan startup failed)")
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            yield client
    finally:
        server.should_exit = True
        await serving


@pytest.fixture
def asgi_client() -> ClientFactory:
    """``async with asgi_client(app) as client``: requests go straight into the app, lifespan run."""
    return over_asgi


@pytest.fixture
def uvicorn_client() -> ClientFactory:
    """``async with uvicorn_client(app) as client``: the app served by uvicorn on a free port."""
    return _over_uvicorn
