"""Creates one executor per kind and hands out the same one on every call: once a caller shut it down, it is dead for everyone."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Literal, TypeVar

R = TypeVar("R")
Kind = Literal["cpu", "io"]

ANSWERS: dict[str, Kind] = {
    "thumbnails": "cpu",
    "crawl": "io",
    "report_queries": "io",
    "password_hash": "cpu",
    "primes": "cpu",
    "video_convert": "io",
    "big_json": "cpu",
    "retry_waits": "io",
    "log_regex": "cpu",
    "nfs_reads": "io",
    "render_templates": "cpu",
    "s3_uploads": "io",
}


def classify() -> dict[str, Kind]:
    return dict(ANSWERS)


_POOLS: dict[tuple[str, int], Executor] = {}


def executor_for(kind: Kind, workers: int) -> Executor:
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    if kind not in ("cpu", "io"):
        raise ValueError(f"kind must be 'cpu' or 'io', got {kind!r}")
    if (kind, workers) not in _POOLS:
        if kind == "io":
            _POOLS[kind, workers] = ThreadPoolExecutor(max_workers=workers)
        else:
            fork = multiprocessing.get_context("fork")
            _POOLS[kind, workers] = ProcessPoolExecutor(max_workers=workers, mp_context=fork)
    return _POOLS[kind, workers]


def fetch_and_parse(
    fetch: Callable[[str], bytes],
    parse: Callable[[bytes], R],
    urls: Iterable[str],
    *,
    io_workers: int,
    cpu_workers: int,
) -> list[R]:
    if io_workers < 1 or cpu_workers < 1:
        raise ValueError(f"workers must be >= 1, got {io_workers=} and {cpu_workers=}")
    urls = list(urls)
    if not urls:
        return []
    with executor_for("io", io_workers) as threads, executor_for("cpu", cpu_workers) as processes:
        parsed: list[Future[R]] = []
        for body in threads.map(fetch, urls):
            parsed.append(processes.submit(parse, body))
        return [future.result() for future in parsed]
