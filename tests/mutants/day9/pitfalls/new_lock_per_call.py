"""Guards the check and the update with asyncio.Lock() created inside reserve: every call has its own lock, so nothing is excluded."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping
from typing import Any, TypeVar

T = TypeVar("T")


async def load_report(fetch_sync: Callable[[str], bytes], name: str) -> bytes:
    return await asyncio.to_thread(fetch_sync, name)


async def save_all(items: Iterable[str], save: Callable[[str], Awaitable[None]]) -> int:
    count = 0
    for item in items:
        await save(item)
        count += 1
    return count


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
        async with asyncio.Lock():
            if self.left(item) > 0:
                if not await self._verify(item):
                    return False
                self._stock[item] -= 1
                return True
            return False
