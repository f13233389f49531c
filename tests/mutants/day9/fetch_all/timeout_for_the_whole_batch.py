"""Puts one asyncio.timeout around the whole batch instead of one per request."""

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
        async with slots:
            try:
                response = await client.get(url)
            except Exception as error:
                return Failed(url, error)
            return Fetched(url, response.status_code, response.content)

    tasks = [asyncio.ensure_future(fetch(url)) for url in urls]
    try:
        async with asyncio.timeout(timeout):
            await asyncio.wait(tasks)
    except TimeoutError:
        for task in tasks:
            task.cancel()
        await asyncio.wait(tasks)
    return [
        Failed(url, TimeoutError()) if task.cancelled() else task.result()
        for url, task in zip(urls, tasks)
    ]
