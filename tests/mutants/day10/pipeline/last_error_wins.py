"""Keeps the last error caught instead of the first: a later failure replaces the one that stopped the pipeline."""

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
    if workers < 1 or maxsize < 1:
        raise ValueError("workers and maxsize must be at least 1")
    jobs: queue.Queue[tuple[int, T] | None] = queue.Queue(maxsize)
    results: dict[int, R] = {}
    failed = threading.Event()
    lock = threading.Lock()
    error: BaseException | None = None

    def stopped() -> bool:
        return failed.is_set() or (stop is not None and stop.is_set())

    def record(exc: BaseException) -> None:
        nonlocal error
        with lock:
            error = exc
        failed.set()

    def worker() -> None:
        while True:
            job = jobs.get()
            if job is None:
                return
            if stopped():
                continue  # keep draining so a blocked put can finish
            index, item = job
            try:
                result = work(item)
            except BaseException as exc:
                record(exc)
                continue
            results[index] = result

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for t in threads:
        t.start()
    try:
        source = iter(items)
        index = 0
        while not stopped():
            try:
                item = next(source)
            except StopIteration:
                break
            jobs.put((index, item))
            index += 1
    except BaseException as exc:
        record(exc)
    finally:
        for _ in threads:
            jobs.put(None)
        for t in threads:
            t.join()
    if error is not None:
        raise error
    return [results[i] for i in sorted(results)]
