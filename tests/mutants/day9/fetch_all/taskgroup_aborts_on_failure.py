"""Lets each request raise inside a TaskGroup and turns errors into Failed afterwards: the first failure cancels all the others."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

import httpx


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int
    body: bytes


@dataclass(frozen=True)
class Failed:
    url: str
    error: Exception


Result: TypeAlias = Fetched | Failed


async def fetch_all(
    client: httpx.AsyncClient, urls: Sequence[str], *, limit: int, timeout: float
) -> list[Result]:
    if limit < 1:
        raise ValueError(f"limit must be >= 1, got {limit}")
    if not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout}")
    slots = asyncio.Semaphore(limit)

    async def fetch(url: str) -> httpx.Response:
        async with slots:
            async with asyncio.timeout(timeout):
                return await client.get(url)

    tasks: list[asyncio.Task[httpx.Response]] = []
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(fetch(url)) for url in urls]
    except* Exception:
        pass
    results: list[Result] = []
    for url, task in zip(urls, tasks):
        if task.cancelled():
            results.append(Failed(url, TimeoutError("cancelled")))
        elif (error := task.exception()) is not None:
            results.append(Failed(url, error if isinstance(error, Exception) else RuntimeError()))
        else:
            response = task.result()
            results.append(Fetched(url, response.status_code, response.content))
    return results
