"""Lets the worker's exception escape as it is: no WorkerError naming the failing item."""

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


def run_pool(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int | None = None,
    start_method: str = "fork",
) -> list[R]:
    workers = _check(func, workers, start_method)
    items = list(items)
    if not items:
        return []
    context = multiprocessing.get_context(start_method)
    with ProcessPoolExecutor(max_workers=min(workers, len(items)), mp_context=context) as pool:
        return list(pool.map(func, items))
