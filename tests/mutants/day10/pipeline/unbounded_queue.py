"""Uses queue.Queue() without maxsize: the producer never blocks and reads items ahead without bound."""

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

    tasks: queue.Queue[tuple[int, T] | None] = queue.Queue()  # None: "no more, exit"
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
