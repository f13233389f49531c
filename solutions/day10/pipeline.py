"""Producer/consumer pipeline: worker threads, a bounded queue, and a clean shutdown.

The shape of every thread-based job runner: a *producer* pulls items and puts them on a
``queue.Queue``; ``workers`` *consumer* threads take items off it and process them. The
queue is bounded (``queue.Queue(maxsize)``): when the workers fall behind, ``put`` blocks and
the producer waits instead of reading everything into memory — that is *backpressure*. The
hard part is the end: every thread must finish, whether the items ran out, ``work`` failed
or someone asked the pipeline to stop. A pipeline that returns while its threads still run
(or wait for ever in ``get()``) leaks them; one whose producer sits blocked in ``put`` on a
full queue after the workers have quit never returns.

Write ``run_pipeline(items, work, *, workers=4, maxsize=8, stop=None)``:

- **Results**: ``work(item)`` is called once for every item, and the results come back as
  a list in the order of ``items`` — whatever order the calls finish in.
- **Threads**: the calls run on ``workers`` worker threads, never on the calling thread: up
  to ``workers`` calls run at the same time, never more.
- **Backpressure**: ``items`` (any iterable, possibly endless) is pulled lazily, one item at
  a time. While every worker is busy in ``work``, at most ``maxsize + 1`` pulled items wait
  to be started: ``maxsize`` in the queue and one in the producer's hand.
- **Clean shutdown**: when ``items`` runs out, the workers finish what is queued and end
  (one sentinel per worker is the classic way). ``run_pipeline`` returns — or raises — only
  after every thread it started has ended: right after it, ``threading.enumerate()`` shows
  none of them.
- **Stop**: ``stop`` is a ``threading.Event`` that anyone may set, from any thread, at any
  time. Each worker checks it right before starting an item, so once it is set no worker
  starts an item it had not already passed that check for (at most ``workers`` more items
  start); calls in progress finish; at most one more item is pulled from ``items``; and
  ``run_pipeline`` returns promptly — also when ``items`` is endless or the queue is full —
  with the results of the items that were processed, in the order of ``items``. If ``stop``
  is already set on the call, ``work`` is never called and the result is ``[]``.
- **Errors**: if a ``work`` call raises, or pulling from ``items`` raises, the pipeline stops
  as if ``stop`` had been set and, once all its threads have ended, ``run_pipeline`` raises
  that exception — the very same object, not a wrapper. If several calls raise, it raises
  one of them (the first one caught) and drops the others.
- **Bad arguments**: ``workers < 1`` or ``maxsize < 1`` raise ``ValueError`` before any thread
  starts or any item is pulled (``queue.Queue(0)`` would mean *unbounded*: no backpressure).

Tip: ``Queue``, ``Event`` and ``Thread`` from the standard library are all it takes. Wait
with ``get``/``put``/``join`` rather than ``time.sleep``, and think about who is still
calling ``get`` when the producer's ``put`` blocks on a full queue after a stop.

Example::

    >>> run_pipeline(range(6), lambda n: n * n, workers=3, maxsize=2)
    [0, 1, 4, 9, 16, 25]
    >>> import itertools, threading
    >>> stop = threading.Event()
    >>> def slow_square(n: int) -> int:
    ...     if n == 4:
    ...         stop.set()  # e.g. a shutdown request; here from inside a worker
    ...     return n * n
    >>> done = run_pipeline(itertools.count(), slow_square, workers=1, maxsize=2, stop=stop)
    >>> done
    [0, 1, 4, 9, 16]
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def run_pipeline(
    items: Iterable[T],
    work: Callable[[T], R],
    *,
    workers: int = 4,
    maxsize: int = 8,
    stop: threading.Event | None = None,
) -> list[R]:
    """Run ``work`` over ``items`` on ``workers`` threads fed by a ``queue.Queue(maxsize)``.

    Returns the results in the order of ``items`` (with ``stop`` set: those of the items
    processed). Re-raises the first exception of ``work`` or of ``items`` once every thread
    has ended. ``ValueError`` for ``workers < 1`` or ``maxsize < 1``.

    >>> run_pipeline(["a", "bb", "ccc"], len, workers=2, maxsize=1)
    [1, 2, 3]
    """
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    if maxsize < 1:
        raise ValueError(f"maxsize must be >= 1, got {maxsize} (0 would make the queue unbounded)")

    tasks: queue.Queue[tuple[int, T] | None] = queue.Queue(maxsize)  # None: "no more, exit"
    results: dict[int, R] = {}  # index -> result; each worker writes its own keys
    errors: list[BaseException] = []
    failed = threading.Event()

    def stopping() -> bool:
        return failed.is_set() or (stop is not None and stop.is_set())

    def consume() -> None:
        while (task := tasks.get()) is not None:
            if stopping():
                continue  # keep draining, so a producer blocked in put() always gets through
            index, item = task
            try:
                results[index] = work(item)
            except BaseException as exc:  # reported to the caller, not lost in this thread
                errors.append(exc)
                failed.set()

    threads = [threading.Thread(target=consume, name=f"pipeline-worker-{n}") for n in range(workers)]
    for thread in threads:
        thread.start()
    try:
        for task in enumerate(items):
            if stopping():
                break
            tasks.put(task)  # blocks while the queue is full: backpressure
    except BaseException as exc:  # a failing iterable (or Ctrl-C) also ends the workers
        errors.append(exc)
    finally:
        for _ in threads:
            tasks.put(None)  # one sentinel per worker; they drain everything before it
        for thread in threads:
            thread.join()
    if errors:
        raise errors[0]
    return [results[index] for index in sorted(results)]
