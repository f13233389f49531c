"""Forgets that the pool bounds how many requests run at once: says 10 000 pooled HTTP requests run out of file descriptors."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal, TypeVar

R = TypeVar("R")
Limit = Literal["threads", "file_descriptors", "nothing"]

LIMITS: dict[str, Limit] = {
    "thread_per_client": "threads",
    "thread_per_client_low_ulimit": "threads",
    "asyncio_low_ulimit": "file_descriptors",
    "asyncio_high_ulimit": "nothing",
    "asyncio_timers": "nothing",
    "thread_pool": "file_descriptors",
    "threads_with_files": "file_descriptors",
}


def first_limit() -> dict[str, Limit]:
    return dict(LIMITS)


async def gather_waits(n: int, wait: Callable[[int], Coroutine[Any, Any, R]]) -> list[R]:
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(wait(i)) for i in range(n)]
    return [task.result() for task in tasks]


def run_blocking_waits(n: int, wait: Callable[[int], R], *, max_threads: int) -> list[R]:
    if n < 0 or max_threads < 1:
        raise ValueError(f"need n >= 0 and max_threads >= 1, got {n=} and {max_threads=}")
    with ThreadPoolExecutor(max_workers=max_threads) as pool:
        return list(pool.map(wait, range(n)))
