"""Fix the async pitfalls: four small pieces of code, each shipped with its classic bug.

Each docstring below states what the code must do and shows the buggy version a colleague
wrote. Write the fixed version: the graders check the behaviour, not the wording.

1. ``load_report`` — a blocking call inside a coroutine freezes the whole event loop.
2. ``save_all`` — a forgotten ``await``: calling a coroutine function only *creates* a
   coroutine object; nothing runs until it is awaited.
3. ``fire_and_forget`` — the event loop keeps only a *weak* reference to a task: a task that
   nobody else references can be garbage-collected while it waits, vanishing half-way.
4. ``Inventory.reserve`` — state read before an ``await`` may have changed after it: other
   coroutines run at every ``await`` (check-then-act across an await).

Example::

    >>> async def main() -> tuple[bytes, int, bool]:
    ...     saved: list[str] = []
    ...     async def save(item: str) -> None:
    ...         await asyncio.sleep(0.01)
    ...         saved.append(item)
    ...     async def verify(item: str) -> bool:
    ...         await asyncio.sleep(0.01)
    ...         return True
    ...     report = await load_report(lambda name: f"report {name}".encode(), "q3")
    ...     count = await save_all(["a", "b"], save)
    ...     await fire_and_forget(save("c"))
    ...     shop = Inventory({"book": 1}, verify)
    ...     results = await asyncio.gather(shop.reserve("book"), shop.reserve("book"))
    ...     return report, count, sorted(results) == [False, True] and saved == ["a", "b", "c"]
    >>> asyncio.run(main())
    (b'report q3', 2, True)
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping
from typing import Any, TypeVar

T = TypeVar("T")

# Strong references to the tasks fire_and_forget started, each dropped when its task is done.
_background: set[asyncio.Task[Any]] = set()


async def load_report(fetch_sync: Callable[[str], bytes], name: str) -> bytes:
    """Return ``fetch_sync(name)`` without blocking the event loop.

    ``fetch_sync`` is a blocking function (a legacy SDK call, ``requests.get``, a slow disk
    read): it may take seconds, and while it runs in the event loop's thread nothing else on
    the loop runs — no other request is served, no timer fires. Run it in a worker thread
    (``asyncio.to_thread``) and await the result, so the loop keeps serving other tasks
    meanwhile — other ``load_report`` calls included, whose ``fetch_sync`` calls then run at
    the same time in their own threads. Whatever ``fetch_sync`` returns is returned; whatever
    it raises propagates unchanged.

    The buggy version::

        async def load_report(fetch_sync, name):
            return fetch_sync(name)  # runs in the loop's thread: the whole loop waits for it
    """
    return await asyncio.to_thread(fetch_sync, name)


async def save_all(items: Iterable[str], save: Callable[[str], Awaitable[None]]) -> int:
    """Save every item with ``await save(item)``, one after another, in order; return the count.

    ``save`` is a coroutine function (an async database write). Every save has finished when
    ``save_all`` returns, and each save finishes before the next one starts (the store takes
    one write at a time). ``items`` may be any iterable, a generator included. If a save
    raises, the exception propagates unchanged and the later items are not saved.

    The buggy version::

        async def save_all(items, save):
            count = 0
            for item in items:
                save(item)  # creates a coroutine object and drops it: nothing is saved
                count += 1
            return count
    """
    count = 0
    for item in items:
        await save(item)
        count += 1
    return count


def fire_and_forget(coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
    """Start ``coro`` as a task on the running loop and return the task at once.

    Callers may ignore the returned task (that is the point of fire and forget), so keep a
    strong reference to every task started here until it is done — else the garbage collector
    may destroy it while it waits — and drop that reference as soon as the task is done, so a
    long-running service does not pile up finished tasks. Awaiting the returned task gives
    the coroutine's result.

    The buggy version::

        def fire_and_forget(coro):
            return asyncio.create_task(coro)  # the loop holds it weakly: nobody keeps it alive
    """
    task = asyncio.create_task(coro)
    _background.add(task)
    task.add_done_callback(_background.discard)
    return task


class Inventory:
    """Units in stock per item, reserved one at a time after an asynchronous check.

    ``Inventory(stock, verify)``: ``stock`` maps item -> units in stock (copied: the caller's
    mapping is never changed); ``verify`` is an async check (a fraud or quota service) that
    answers ``True`` to allow a reservation. Other coroutines — other reservations included —
    run while ``verify`` is being awaited.
    """

    def __init__(self, stock: Mapping[str, int], verify: Callable[[str], Awaitable[bool]]) -> None:
        """Keep a copy of ``stock`` and the ``verify`` check."""
        self._stock = dict(stock)
        self._verify = verify

    def left(self, item: str) -> int:
        """Units of ``item`` still in stock (``0`` for an item never stocked)."""
        return self._stock.get(item, 0)

    async def reserve(self, item: str) -> bool:
        """Take one unit of ``item`` if ``verify`` allows it and a unit is left; True if taken.

        - No unit left when ``reserve`` is called: ``False`` at once, ``verify`` not called.
        - Otherwise ``await verify(item)``. A unit is taken (and ``True`` returned) only
          after ``verify`` answered ``True``, and only if a unit is still left when its answer
          comes — another reservation may have taken the last one meanwhile; otherwise
          ``False`` and the stock is unchanged. (Do not take the unit ahead of the answer.)
        - If ``verify`` raises, the exception propagates unchanged and nothing is taken.

        So the stock never goes negative, and ``n`` reservations that return ``True`` take
        exactly ``n`` units: with one unit left and two concurrent reservations, exactly one
        gets it.

        The buggy version::

            async def reserve(self, item):
                if self.left(item) > 0:
                    if not await self._verify(item):  # other reservations run here...
                        return False
                    self._stock[item] -= 1  # ...so the unit seen above may be gone already
                    return True
                return False
        """
        if self.left(item) <= 0:
            return False
        if not await self._verify(item):
            return False
        # Check again: the stock may have changed during the await. From here on there is no
        # await, so no other coroutine runs between this check and the write.
        if self.left(item) <= 0:
            return False
        self._stock[item] -= 1
        return True
