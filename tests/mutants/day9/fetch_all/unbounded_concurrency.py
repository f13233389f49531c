"""Ignores limit: gathers every request at once, with no semaphore."""

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

    async def fetch(url: str) -> Result:
        try:
            async with asyncio.timeout(timeout):
                response = await client.get(url)
        except Exception as error:
            return Failed(url, error)
        return Fetched(url, response.status_code, response.content)

    return list(await asyncio.gather(*(fetch(url) for url in urls)))
