"""When async is better: 10 000 waits at once, as tasks in one thread or as a bounded thread pool.

A backend often has to *wait* for many things at the same time: 10 000 clients on long-poll
connections, a fan-out to 2 000 services, a timer per open session. Two ways to do it:

- **Threads**: one blocking call per thread. Each thread reserves a stack (8 MiB of address
  space by default on Linux) and costs the OS a kernel thread, so you cannot have 10 000 of
  them: you cap them in a pool of ``max_threads``, and then only ``max_threads`` waits are in
  progress at once — the rest queue.
- **asyncio tasks**: one coroutine per wait, all in *one* thread, switched by the event loop
  whenever one of them awaits. A task costs a few KiB, so 10 000 (or 100 000) waits can all
  be in progress at once.

That is when async is better: many concurrent, mostly-idle waits. (For a handful of blocking
calls threads are simpler; for CPU-bound work neither helps — use processes.)

Write both versions and answer ``first_limit()``.

Example::

    >>> import asyncio
    >>> async def nap(i: int) -> int:
    ...     await asyncio.sleep(1)
    ...     return i * i
    >>> asyncio.run(gather_waits(3, nap))  # all three nap at once: ~1 s, not 3 s
    [0, 1, 4]
    >>> run_blocking_waits(4, lambda i: -i, max_threads=2)
    [0, -1, -2, -3]
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, Literal, TypeVar

R = TypeVar("R")
Limit = Literal["threads", "file_descriptors", "nothing"]


async def gather_waits(n: int, wait: Callable[[int], Coroutine[Any, Any, R]]) -> list[R]:
    """Await ``wait(0)``, ..., ``wait(n - 1)`` all at the same time; return their results.

    - Every wait is in progress at once: with ``n = 10_000`` all 10 000 calls have started
      and are waiting before the first one finishes, so 10 000 waits of 30 s each take 30 s
      on the loop's clock (not 300 000 s). Run them as tasks of the running event loop
      (``asyncio.create_task`` or an ``asyncio.TaskGroup``), never one ``await`` after the
      other, and not under a limit of your own.
    - All in this thread: no thread is started (``threading.active_count()`` does not grow);
      every ``wait(i)`` runs in the thread that awaits ``gather_waits``.
    - The result is ``[result of wait(0), ..., result of wait(n - 1)]``, in that order
      whatever order they finish in; ``n = 0`` gives ``[]``.
    - If a wait raises, the waits still running are cancelled and have finished before
      ``gather_waits`` raises — the exception itself, or an ``ExceptionGroup`` holding it (what
      ``asyncio.TaskGroup`` raises). If ``gather_waits`` itself is cancelled (a timeout around
      it, say), every wait is cancelled and has finished when the ``CancelledError``
      propagates. Either way no wait is left running behind the caller's back.
    - ``n < 0`` raises ``ValueError`` (before any wait starts).

    >>> async def echo(i: int) -> str:
    ...     await asyncio.sleep(0)
    ...     return f"#{i}"
    >>> asyncio.run(gather_waits(2, echo))
    ['#0', '#1']
    """
    raise NotImplementedError


def run_blocking_waits(n: int, wait: Callable[[int], R], *, max_threads: int) -> list[R]:
    """Call the blocking ``wait(0)``, ..., ``wait(n - 1)`` in at most ``max_threads`` threads.

    - At most ``max_threads`` threads are started, however large ``n`` is: 10 000 waits with
      ``max_threads=50`` use 50 threads (``threading.active_count()`` grows by 50 at most),
      not 10 000. With ``n >= max_threads``, ``max_threads`` waits are in progress at the
      same time; the others queue until a thread is free.
    - Every call runs in one of those worker threads, never in the caller's thread.
    - The result is ``[wait(0), ..., wait(n - 1)]`` in that order; ``n = 0`` gives ``[]``.
    - If calls raise, the exception of the first failing call in that order propagates.
    - When it returns or raises, every thread it started has finished.
    - ``n < 0`` or ``max_threads < 1`` raise ``ValueError`` (before any wait is called).

    >>> run_blocking_waits(3, str, max_threads=8)
    ['0', '1', '2']
    """
    raise NotImplementedError


def first_limit() -> dict[str, Limit]:
    """Return, for each design below, the limit it runs into first as its load grows.

    The machine: the process may reserve **4 GiB** of address space in all; each thread
    reserves an **8 MiB** stack out of it (so 512 threads use it all up; count only the
    threads a design names). Each open socket or file takes one file descriptor, and the
    process may have ``ulimit -n`` of them open (count only the ones a design names). An
    asyncio task with its coroutine takes about **2 KiB**; a timer or an idle socket's
    buffers take next to nothing.

    The answer is ``"threads"`` if the threads' stacks need more than 4 GiB first,
    ``"file_descriptors"`` if more descriptors than ``ulimit -n`` are needed first, and
    ``"nothing"`` if the design never needs more than either (queueing or waiting longer is
    not running out). "First": as the load grows one client (or thread) at a time, which limit
    is crossed at the smaller load.

    - ``thread_per_client``: a server starts one thread per connected client and keeps it
      until the client leaves; 10 000 idle clients are connected; ``ulimit -n`` is 65 536.
    - ``thread_per_client_low_ulimit``: the same server with 2 000 idle clients and
      ``ulimit -n`` 1 024.
    - ``asyncio_low_ulimit``: an asyncio server, one task per client, 10 000 idle clients,
      ``ulimit -n`` 1 024.
    - ``asyncio_high_ulimit``: the same asyncio server with ``ulimit -n`` 65 536.
    - ``asyncio_timers``: 100 000 tasks, each ``await asyncio.sleep(60)``, no sockets at all,
      ``ulimit -n`` 1 024.
    - ``thread_pool``: a ``ThreadPoolExecutor(max_workers=50)`` handed 10 000 blocking HTTP
      requests, each opening one socket and closing it when done; ``ulimit -n`` 1 024.
    - ``threads_with_files``: 300 threads, each keeping 5 log files open; ``ulimit -n`` 1 024.
    """
    raise NotImplementedError
