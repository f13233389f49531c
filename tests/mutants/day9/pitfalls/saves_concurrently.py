"""Gathers all the saves at once: they overlap instead of running one after another."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping
from typing import Any, TypeVar

T = TypeVar("T")


async def load_report(fetch_sync: Callable[[str], bytes], name: str) -> bytes:
    return await asyncio.to_thread(fetch_sync, name)


async def save_all(items: Iterable[str], save: Callable[[str], Awaitable[None]]) -> int:
    pending = [save(item) for item in items]
    await asyncio.gather(*pending)
    return len(pending)


_background: set[asyncio.Task[Any]] = set()


def fire_and_forget(coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
    task = asyncio.create_task(coro)
    _background.add(task)
    task.add_done_callback(_background.discard)
    return task


class Inventory:
    def __init__(self, stock: Mapping[str, int], verify: Callable[[str], Awaitable[bool]]) -> None:
        self._stock = dict(stock)
        self._verify = verify

    def left(self, item: str) -> int:
        return self._stock.get(item, 0)

    async def reserve(self, item: str) -> bool:
        if self.left(item) <= 0:
            return False
        if not await self._verify(item):
            return False
        if self.left(item) <= 0:
            return False
        self._stock[item] -= 1
        return True
