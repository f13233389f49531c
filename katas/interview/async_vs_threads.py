'''Explain async vs threads: what breaks at 10 000 connections, what you see, and the fix.

An interviewer's version of the question is never "what is asyncio?" but "here is a design:
what happens to it under 10 000 concurrent connections, and why?". Three parts, answered as
data and code the grader runs.

**1. Diagnose the designs** — :func:`diagnose`. For each design below give the
:class:`FailureMode` it shows first under the stated load and the :class:`Property` that
decides it. The machine: 8 cores, the process may reserve 4 GiB of address space in all, each
OS thread reserves an 8 MiB stack out of it, ``ulimit -n`` is 65 536 (so no design below runs
out of descriptors), an idle asyncio task costs about 2 KiB.

- ``thread_per_connection``: a socket server starts ``threading.Thread(target=handle,
  args=(conn,))`` for every accepted connection; ``handle`` blocks in ``conn.recv()`` until
  its client leaves; 10 000 mostly idle clients are connected at once.
- ``sync_driver_in_async``: an asyncio HTTP server whose ``async def handle(request)`` calls a
  synchronous database driver (``cursor.execute(...)``, 20 ms spent waiting for the database
  each time) directly, without ``await``; 10 000 concurrent requests.
- ``unbounded_gather``: an asyncio handler runs ``await asyncio.gather(*(query(i) for i in
  ids))`` over 10 000 ids; each ``query`` awaits ``pool.acquire(timeout=1)`` on a database
  pool of 100 connections, then runs a 50 ms query.
- ``bounded_fan_out``: the same handler, but every ``query`` first enters ``async with
  asyncio.Semaphore(100)`` (one semaphore shared by all of them), so at most 100 wait on the
  pool at once; each takes 50 ms, so the 10 000 finish in about 5 s and nothing times out.
- ``fixed_pool_long_connections``: a socket server hands each accepted connection to one
  ``ThreadPoolExecutor(max_workers=64)``; the handler loops on ``conn.recv()`` until the
  client disconnects, and clients stay connected for hours, mostly idle; 10 000 clients.
- ``cpu_work_in_to_thread``: an asyncio server moves each request's 30 ms of pure-Python work
  (building a report out of dicts and lists) into ``await asyncio.to_thread(build, data)``;
  10 000 requests arrive within a second.
- ``idle_async_connections``: an asyncio server, one task per connection, each task waiting
  in ``await reader.readline()``; 10 000 idle clients.

>>> diagnose()["thread_per_connection"] in {Diagnosis(f, p) for f in FailureMode for p in Property}
True

**2. Predict** — :func:`predictions`. Write down, without running them, the lines each
snippet prints, in order. Each is a complete program (run on its own under Python 3.11+; the
grader runs its own copy, every output is deterministic).

``sync_call_does_not_yield``::

    import asyncio

    def blocking_fetch(name):
        print(name, "fetching")
        return name.upper()

    async def handler(name):
        print(name, "start")
        result = blocking_fetch(name)
        print(name, "got", result)

    async def ticker():
        for i in range(2):
            print("tick", i)
            await asyncio.sleep(0)

    async def main():
        await asyncio.gather(handler("a"), ticker(), handler("b"))

    asyncio.run(main())

``to_thread_keeps_the_loop_running``::

    import asyncio
    import threading

    def blocking_fetch(loop_thread, started, release):
        print("fetch in the loop's thread:", threading.get_ident() == loop_thread)
        started.set()
        release.wait()
        print("fetch released")
        return "data"

    async def heartbeat(started, release):
        await asyncio.to_thread(started.wait)
        print("heartbeat: the loop still runs")
        release.set()

    async def main():
        loop_thread = threading.get_ident()
        started = threading.Event()
        release = threading.Event()
        result, _ = await asyncio.gather(
            asyncio.to_thread(blocking_fetch, loop_thread, started, release),
            heartbeat(started, release),
        )
        print("main got", result)

    asyncio.run(main())

``cancel_does_not_stop_the_thread``::

    import asyncio
    import threading

    def slow_job(running, release, finished):
        running.set()
        release.wait()
        print("job: finished anyway")
        finished.set()

    async def main():
        running = threading.Event()
        release = threading.Event()
        finished = threading.Event()
        task = asyncio.create_task(asyncio.to_thread(slow_job, running, release, finished))
        await asyncio.to_thread(running.wait)
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            print("main: task cancelled", task.cancelled())
        release.set()
        await asyncio.to_thread(finished.wait)
        print("main: done")

    asyncio.run(main())

**3. Write the fix** — :func:`fetch_all`, a bounded fan-out (the cure for
``unbounded_gather``), and :func:`run_blocking_all`, which keeps blocking calls off the event
loop (the cure for ``sync_driver_in_async``). Wait only by awaiting: the grader runs them in
virtual time (looptime) and watches, on the loop's clock, when each call starts and ends.

>>> async def demo() -> tuple[list[str], list[int]]:
...     async def fetch(url: str) -> str:
...         await asyncio.sleep(0.25)
...         return url.upper()
...     return await fetch_all(["a", "b", "c"], fetch, limit=2), await run_blocking_all([1, 2], abs, limit=2)
>>> asyncio.run(demo())
(['A', 'B', 'C'], [1, 2])
'''

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
    raise NotImplementedError


def predictions() -> dict[str, list[str]]:
    """Return, for every snippet of part 2 (by its name), the lines it prints, in order.

    ``print("tick", 0)`` prints the line ``"tick 0"``; ``print("x", True)`` prints ``"x True"``.
    """
    raise NotImplementedError


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
    raise NotImplementedError


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
    raise NotImplementedError
