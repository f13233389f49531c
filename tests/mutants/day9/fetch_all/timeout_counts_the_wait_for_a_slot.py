"""Starts each request's timeout before waiting for a slot, so time spent queueing counts against it."""

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

    async def fetch(url: str) -> Result:
        try:
            async with asyncio.timeout(timeout):
                async with slots:
                    response = await client.get(url)
        except Exception as error:
            return Failed(url, error)
        return Fetched(url, response.status_code, response.content)

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(fetch(url)) for url in urls]
    return [task.result() for task in tasks]
