"""Lease waits by polling against time.monotonic() instead of the event loop's clock."""


import asyncio
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import AsyncExitStack, asynccontextmanager
from types import TracebackType
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")


class Connection(Protocol):
    """What ``transaction`` needs: something that executes SQL statements."""

    async def execute(self, statement: str) -> None: ...


class Pool(Generic[T]):
    """A fixed set of reusable items (connections, say), leased out one holder at a time.

    ``Pool(items)`` takes the items from any iterable, all of them free at first; an empty
    one raises ``ValueError``. ``size`` is the number of items, ``available`` the number free
    right now.

    >>> pool = Pool(["a", "b"])
    >>> pool.size, pool.available
    (2, 2)
    """

    def __init__(self, items: Iterable[T]) -> None:
        self._free: asyncio.Queue[T] = asyncio.Queue()  # FIFO, for the items and the waiters
        for item in items:
            self._free.put_nowait(item)
        self._size = self._free.qsize()
        if not self._size:
            raise ValueError("a pool needs at least one item")

    @property
    def size(self) -> int:
        """How many items the pool has, leased or not."""
        return self._size

    @property
    def available(self) -> int:
        """How many items are free right now."""
        return self._free.qsize()

    def lease(self, timeout: float | None = None) -> "Lease[T]":
        """Return a ``Lease`` for ``async with``: one item for the duration of the block.

        Nothing is waited for until the ``async with`` enters. ``timeout`` is how many
        seconds entering may wait for a free item: ``None`` waits as long as it takes; any
        other value must be ``> 0`` — ``0``, a negative number or NaN raises ``ValueError``
        here, in ``lease()`` itself.
        """
        if timeout is not None and not timeout > 0:  # `not >`: NaN fails every comparison
            raise ValueError(f"timeout must be None or > 0, got {timeout!r}")
        return Lease(self, timeout)

    async def _take(self, timeout: float | None) -> T:
        # Queue.get() copes with cancellation: a waiter cancelled while an item was being
        # handed to it leaves the item in the queue and wakes the next waiter.
        deadline = None if timeout is None else time.monotonic() + timeout
        while self._free.empty():
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError
            await asyncio.sleep(0.01)
        return self._free.get_nowait()

    def _give_back(self, item: T) -> None:
        self._free.put_nowait(item)


class Lease(Generic[T]):
    """``async with pool.lease(timeout) as item:`` — the class-based async context manager.

    Entering gives a free item at once if there is one; otherwise it waits until a holder
    returns one. Several waiting leases are served first come, first served. Waiting more
    than ``timeout`` seconds raises ``TimeoutError`` (the builtin; ``asyncio.TimeoutError`` is
    the same class), and the pool is unchanged. A lease whose task is cancelled while waiting
    gives up its place — no item is ever lost, not even when an item was being handed to it
    at the very moment it was cancelled.

    Leaving the block returns the item to the pool — after a normal exit, after an exception
    (which propagates unchanged: ``__aexit__`` never swallows it) and when the task is
    cancelled inside the block (``CancelledError`` propagates).
    """

    def __init__(self, pool: Pool[T], timeout: float | None) -> None:
        self._pool = pool
        self._timeout = timeout
        self._held: list[T] = []  # a list, not `T | None`: None may well be an item

    async def __aenter__(self) -> T:
        """Wait for a free item (at most ``timeout`` seconds) and take it."""
        item = await self._pool._take(self._timeout)
        self._held.append(item)
        return item

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Return the item to the pool; let any exception propagate."""
        self._pool._give_back(self._held.pop())  # returns None: any exception propagates


@asynccontextmanager
async def transaction(conn: Connection) -> AsyncIterator[Connection]:
    """Run the block inside a database transaction on ``conn``; yield ``conn``.

    On the way in: ``await conn.execute("BEGIN")`` — if that raises, the exception
    propagates and the block does not run. Then the block runs. A block that finishes
    normally is followed by ``await conn.execute("COMMIT")``. A block left by *any*
    exception — an ``Exception``, or ``asyncio.CancelledError`` because the task was cancelled
    inside it — is followed by ``await conn.execute("ROLLBACK")`` instead, and then that same
    exception propagates. Exactly these statements, nothing else.

    >>> import asyncio
    >>> class Show:
    ...     async def execute(self, statement: str) -> None:
    ...         print(statement)
    >>> async def demo() -> None:
    ...     async with transaction(Show()) as conn:
    ...         await conn.execute("INSERT ...")
    >>> asyncio.run(demo())
    BEGIN
    INSERT ...
    COMMIT
    """
    await conn.execute("BEGIN")
    try:
        yield conn
    except BaseException:  # not `except Exception`: a cancelled block must roll back too
        await conn.execute("ROLLBACK")
        raise
    await conn.execute("COMMIT")


@asynccontextmanager
async def lease_many(
    pool: Pool[T], count: int, timeout: float | None = None
) -> AsyncIterator[list[T]]:
    """Lease ``count`` items from ``pool`` for one block; yield them as a list.

    The items are leased one after another with ``pool.lease(timeout)`` — each lease waits at
    most ``timeout`` seconds of its own. If one of them fails (a ``TimeoutError``, or the task
    is cancelled while waiting), the leases already held are returned to the pool before the
    exception propagates. Leaving the block returns every item, whichever way it is left
    (``contextlib.AsyncExitStack`` does all of that for you). ``count`` must be between ``0``
    (yields ``[]``) and ``pool.size``; anything else raises ``ValueError`` on entering.

    >>> import asyncio
    >>> async def demo() -> None:
    ...     pool = Pool(["a", "b", "c"])
    ...     async with lease_many(pool, 2) as items:
    ...         print(len(set(items)), pool.available)
    ...     print(pool.available)
    >>> asyncio.run(demo())
    2 1
    3
    """
    if not 0 <= count <= pool.size:
        raise ValueError(f"count must be between 0 and {pool.size}, got {count}")
    async with AsyncExitStack() as stack:  # whatever happens, what was leased goes back
        yield [await stack.enter_async_context(pool.lease(timeout)) for _ in range(count)]
