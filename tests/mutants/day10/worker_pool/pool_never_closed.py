"""Creates the Pool without `with` or close()/join(): its workers outlive the call, left to the garbage collector."""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class WorkerError(Exception):
    item: object
    cause: Exception

    def __init__(self, item: object, cause: Exception) -> None:
        super().__init__(f"item {item!r} failed: {cause!r}")
        self.item = item
        self.cause = cause


def _check(func: object, workers: int | None, start_method: str) -> int:
    if workers is None:
        workers = os.cpu_count() or 1
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    if start_method not in multiprocessing.get_all_start_methods():
        raise ValueError(f"unknown start method {start_method!r}")
    try:
        pickle.dumps(func)
    except Exception as exc:
        raise TypeError(f"func must be picklable: {exc}") from exc
    return workers


def _call(func: Callable[[T], R], item: T) -> tuple[bool, R | Exception]:
    try:
        return True, func(item)
    except Exception as exc:
        return False, exc


def run_pool(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int | None = None,
    start_method: str = "fork",
) -> list[R]:
    import functools

    workers = _check(func, workers, start_method)
    items = list(items)
    pool = multiprocessing.get_context(start_method).Pool(workers)
    results: list[R] = []
    for item, (ok, value) in zip(items, pool.map(functools.partial(_call, func), items)):
        if not ok:
            assert isinstance(value, Exception)
            raise WorkerError(item, value) from value
        results.append(value)  # type: ignore[arg-type]
    return results
