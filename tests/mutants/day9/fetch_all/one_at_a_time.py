"""Awaits each request before starting the next: no concurrency at all."""

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
    results: list[Result] = []
    for url in urls:
        try:
            async with asyncio.timeout(timeout):
                response = await client.get(url)
        except Exception as error:
            results.append(Failed(url, error))
        else:
            results.append(Fetched(url, response.status_code, response.content))
    return results
