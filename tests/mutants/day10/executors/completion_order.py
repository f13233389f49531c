"""Collects the bodies with as_completed(): results follow completion order, not the order of urls."""

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


def executor_for(kind: Kind, workers: int) -> Executor:
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    if kind == "io":
        return ThreadPoolExecutor(max_workers=workers)
    if kind == "cpu":
        fork = multiprocessing.get_context("fork")
        return ProcessPoolExecutor(max_workers=workers, mp_context=fork)
    raise ValueError(f"kind must be 'cpu' or 'io', got {kind!r}")


def fetch_and_parse(
    fetch: Callable[[str], bytes],
    parse: Callable[[bytes], R],
    urls: Iterable[str],
    *,
    io_workers: int,
    cpu_workers: int,
) -> list[R]:
    from concurrent.futures import as_completed

    if io_workers < 1 or cpu_workers < 1:
        raise ValueError(f"workers must be >= 1, got {io_workers=} and {cpu_workers=}")
    urls = list(urls)
    if not urls:
        return []
    with executor_for("io", io_workers) as threads, executor_for("cpu", cpu_workers) as processes:
        fetched = [threads.submit(fetch, url) for url in urls]
        parsed = [processes.submit(parse, f.result()) for f in as_completed(fetched)]
        return [future.result() for future in parsed]
