"""Concurrent HTTP calls: fetch many URLs at once, at most ``limit`` in flight, each on its own timer.

Write ``fetch_all(client, urls, limit=..., timeout=...)``. It GETs every URL with
``await client.get(url)`` — the caller's ``httpx.AsyncClient``, so its base URL, headers,
transport and connection pool apply — and returns one result per URL:

- ``Fetched(url, status, body)`` for every response, whatever its status: a 404 or a 500 is an
  answer, not a failure (``status`` is ``response.status_code``, ``body`` is
  ``response.content``);
- ``Failed(url, error)`` when requesting that URL raised an ``Exception`` (``httpx.ConnectError``,
  ``httpx.ReadError``, ...): ``error`` is the very exception object raised. One failure never
  loses the other results and never stops the other requests.

**Order.** ``result[i]`` belongs to ``urls[i]`` (``result[i].url == urls[i]``), whatever order
the requests finish in; a URL listed twice is fetched twice. Requests are *started* in the
order of ``urls``.

**Concurrency.** At most ``limit`` requests are in flight at any moment, and a new one starts
as soon as one finishes (a pool of ``limit`` slots, not batches of ``limit``): ``n`` URLs that
each take ``d`` seconds take ``ceil(n / limit) * d`` seconds in all, and with ``limit=2`` and
latencies 10, 1, 1, 1 the whole call takes 10 s, the 3rd request starting at 1 s and the 4th at
2 s. (``asyncio.Semaphore(limit)`` is the usual tool.)

**Timeout, per request.** Each request gets ``timeout`` seconds from the moment it starts —
waiting for a free slot does not count — on the event loop's clock: wrap the request in
``async with asyncio.timeout(timeout):``. A request still running then is cancelled and its
result is ``Failed(url, error)`` with ``error`` a ``TimeoutError`` (the built-in, which
``asyncio.timeout`` raises); the other requests carry on untouched. (httpx's own ``timeout=``
argument is not the tool here: it raises ``httpx.TimeoutException``, which is no
``TimeoutError``, and not every transport applies it.)

**The client is the caller's**: ``fetch_all`` leaves it open. Cancelling ``fetch_all`` cancels
the requests in flight and starts no further ones. An empty ``urls`` gives ``[]`` at once.

**Bad arguments** raise ``ValueError`` before any request is sent: ``limit < 1``, or a
``timeout`` that is not a positive number (``0``, negative, NaN).

Example::

    >>> async def main() -> list[Result]:
    ...     def answer(request: httpx.Request) -> httpx.Response:
    ...         if request.url.path == "/down":
    ...             raise httpx.ConnectError("refused", request=request)
    ...         return httpx.Response(404 if request.url.path == "/missing" else 200, text="hi")
    ...     transport = httpx.MockTransport(answer)
    ...     async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
    ...         return await fetch_all(client, ["/a", "/missing", "/down"], limit=2, timeout=5)
    >>> for result in asyncio.run(main()):
    ...     print(result)
    Fetched(url='/a', status=200, body=b'hi')
    Fetched(url='/missing', status=404, body=b'hi')
    Failed(url='/down', error=ConnectError('refused'))
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

import httpx


@dataclass(frozen=True)
class Fetched:
    """A response, whatever its status code."""

    url: str
    status: int
    body: bytes


@dataclass(frozen=True)
class Failed:
    """A request that raised: ``error`` is that exception (a ``TimeoutError`` for a timeout)."""

    url: str
    error: Exception


Result: TypeAlias = Fetched | Failed


async def fetch_all(
    client: httpx.AsyncClient, urls: Sequence[str], *, limit: int, timeout: float
) -> list[Result]:
    """GET every URL, at most ``limit`` at a time, each within ``timeout`` seconds.

    One ``Fetched`` or ``Failed`` per URL, in the order of ``urls``. ``ValueError`` for
    ``limit < 1`` or a ``timeout`` that is not a positive number, before any request.
    """
    raise NotImplementedError
