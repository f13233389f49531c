"""run_blocking_all hands every call to to_thread at once, ignoring limit"""


from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from enum import Enum
from typing import NamedTuple, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class FailureMode(Enum):
    """What a design shows first under the load it is given."""

    THREADS_EXHAUSTED = "new threads cannot be started (out of memory / 'can't start new thread')"
    LOOP_STALLED = "one blocking call freezes every connection on the event loop, one after another"
    DOWNSTREAM_OVERWHELMED = "far more calls in flight than the downstream serves: timeouts pile up"
    CONNECTIONS_STARVE = "connections are accepted but wait, unserved, for a worker to free up"
    NO_PARALLEL_SPEEDUP = "the work runs on one core at a time: throughput stays flat, latency grows"
    DESCRIPTORS_EXHAUSTED = "accept() fails with 'Too many open files'"
    COPES = "nothing breaks: every connection is served, work waits at most briefly"


class Property(Enum):
    """The property of the design that decides its behaviour."""

    STACK_PER_THREAD = "each OS thread reserves its own stack: memory grows with every connection"
    ONE_THREAD_COOPERATIVE = "all tasks share one thread and switch only at an await"
    UNBOUNDED_IN_FLIGHT = "nothing limits how many operations are in flight at once"
    BOUNDED_IN_FLIGHT = "a limit keeps in-flight work at what the downstream can serve"
    WORKERS_HELD_PER_CONNECTION = "a fixed number of workers, each held by one connection for its life"
    GIL = "only one thread at a time runs Python bytecode"
    CHEAP_IDLE_TASKS = "an idle task costs a few KiB and all of them wait together in one thread"
    ONE_DESCRIPTOR_PER_SOCKET = "every open socket takes a file descriptor"


class Diagnosis(NamedTuple):
    """One design's answer: the failure you would see, and the property that decides it."""

    failure: FailureMode
    because: Property


def diagnose() -> dict[str, Diagnosis]:
    """Return, for every design of part 1 (by its name), its :class:`Diagnosis`.

    >>> Diagnosis(FailureMode.COPES, Property.CHEAP_IDLE_TASKS).failure
    <FailureMode.COPES: 'nothing breaks: every connection is served, work waits at most briefly'>
    """
    return {
        # 10 000 threads x 8 MiB = 80 GiB of stacks against 4 GiB: thread creation fails first.
        "thread_per_connection": Diagnosis(FailureMode.THREADS_EXHAUSTED, Property.STACK_PER_THREAD),
        # A call without await never gives the thread back: every other request waits for it.
        "sync_driver_in_async": Diagnosis(FailureMode.LOOP_STALLED, Property.ONE_THREAD_COOPERATIVE),
        # 10 000 acquire() at once on 100 connections: 5 s of queue against a 1 s timeout.
        "unbounded_gather": Diagnosis(FailureMode.DOWNSTREAM_OVERWHELMED, Property.UNBOUNDED_IN_FLIGHT),
        "bounded_fan_out": Diagnosis(FailureMode.COPES, Property.BOUNDED_IN_FLIGHT),
        # 64 workers, each kept by one idle client for hours: client 65 onwards is never served.
        "fixed_pool_long_connections": Diagnosis(
            FailureMode.CONNECTIONS_STARVE, Property.WORKERS_HELD_PER_CONNECTION
        ),
        # Pure-Python work in threads still runs one bytecode stream at a time.
        "cpu_work_in_to_thread": Diagnosis(FailureMode.NO_PARALLEL_SPEEDUP, Property.GIL),
        "idle_async_connections": Diagnosis(FailureMode.COPES, Property.CHEAP_IDLE_TASKS),
    }


def predictions() -> dict[str, list[str]]:
    """Return, for every snippet of part 2 (by its name), the lines it prints, in order.

    ``print("tick", 0)`` prints the line ``"tick 0"``; ``print("x", True)`` prints ``"x True"``.
    """
    return {
        # A coroutine runs until its next await: a plain call inside it never lets others in.
        "sync_call_does_not_yield": [
            "a start", "a fetching", "a got A", "tick 0", "b start", "b fetching", "b got B", "tick 1",
        ],
        # The blocking call waits in a worker thread; the loop goes on running the heartbeat.
        "to_thread_keeps_the_loop_running": [
            "fetch in the loop's thread: False",
            "heartbeat: the loop still runs",
            "fetch released",
            "main got data",
        ],
        # Cancelling the task stops the await, not the function already running in its thread.
        "cancel_does_not_stop_the_thread": [
            "main: task cancelled True",
            "job: finished anyway",
            "main: done",
        ],
    }


async def fetch_all(urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T]:
    """Await ``fetch(url)`` for every url, at most ``limit`` at a time; results in input order.

    - **Bounded**: at most ``limit`` fetches are in flight at any moment, and a new one starts
      as soon as one finishes (a pool of ``limit`` slots, not batches of ``limit``): with
      ``limit=2`` and fetches taking 10, 1, 1, 1 s, the 3rd starts at 1 s, the 4th at 2 s and
      the call takes 10 s. With ``len(urls) >= limit``, exactly ``limit`` are in flight at
      the start. Fetches are *started* in the order of ``urls``. (``asyncio.Semaphore``.)
    - **Order**: ``result[i]`` is what ``fetch(urls[i])`` returned, whatever order they finish
      in; a url listed twice is fetched twice; ``[]`` gives ``[]``.
    - **First error cancels the rest** (``asyncio.TaskGroup`` semantics): when a fetch raises
      an ``Exception``, every fetch still in flight is cancelled, no fetch starts later than
      that moment (one may start at that very instant of the loop's clock, and is cancelled
      at once), and once they have all finished ``fetch_all`` raises an ``ExceptionGroup``
      holding the very exception object(s) raised (what ``TaskGroup`` raises). Nothing is
      left running behind the caller's back.
    - **Cancelling** ``fetch_all`` (a timeout around it) cancels every fetch in flight, starts
      no further one, and ``CancelledError`` propagates once they have finished.
    - ``limit < 1`` raises ``ValueError`` before any fetch is started.

    >>> async def twice(url: str) -> str:
    ...     return url * 2
    >>> asyncio.run(fetch_all(["a", "b"], twice, limit=1))
    ['aa', 'bb']
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    slots = asyncio.Semaphore(limit)

    async def one(url: str) -> T:
        async with slots:
            return await fetch(url)

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(one(url)) for url in urls]
    return [task.result() for task in tasks]


async def run_blocking_all(items: Sequence[T], func: Callable[[T], R], limit: int) -> list[R]:
    """Call the *blocking* ``func(item)`` for every item in worker threads; results in order.

    - Each call runs in a worker thread of the event loop's default executor, through
      ``asyncio.to_thread`` — never in the event loop's own thread — so the loop keeps
      serving its other tasks (timers, other connections) while the calls block.
    - At most ``limit`` calls are handed to the executor at any moment (a new one as soon as
      one returns); calls start in the order of ``items``. With ``len(items) >= limit``,
      ``limit`` calls run at the same time.
    - ``result[i]`` is ``func(items[i])``; ``[]`` gives ``[]``.
    - A call that raises: no call starts later than that moment (as in :func:`fetch_all`, one
      may be handed over at that very instant) and ``run_blocking_all`` raises an
      ``ExceptionGroup`` holding that very exception. A call already running in its thread
      cannot be interrupted (cancelling a task does not stop a thread): it runs to its end
      and its result is dropped.
    - ``limit < 1`` raises ``ValueError`` before any call.

    >>> asyncio.run(run_blocking_all(["1", "22"], len, limit=4))
    [1, 2]
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")

    slots = asyncio.Semaphore(limit)

    async def call(item: T) -> R:
        return await asyncio.to_thread(func, item)

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(call(item)) for item in items]
    return [task.result() for task in tasks]
