"""CPU-bound vs IO-bound: pick the executor that fits the work.

Under CPython's GIL only one thread at a time runs Python bytecode. A thread that *waits* —
for a socket, a file, a database server, another process, a timer — releases the GIL while
it waits, so threads overlap waits well: that is **IO-bound** work, and a
``ThreadPoolExecutor`` suits it (threads are cheap, share memory, and can run any callable).
Work that spends its time *computing* Python code holds the GIL: threads take turns and
finish no sooner than one thread would. That is **CPU-bound** work; it needs processes
(``ProcessPoolExecutor``), each with its own interpreter and GIL, at the price of starting
them and of pickling every function, argument and result between them.

Three parts:

- ``classify()``: say which kind each workload listed there is.
- ``executor_for(kind, workers)``: a fresh executor for the kind of work.
- ``fetch_and_parse(fetch, parse, urls, io_workers=..., cpu_workers=...)``: a small pipeline
  that downloads (IO-bound) in threads and parses (CPU-bound) in processes.

Example::

    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with executor_for("io", workers=4) as pool:
    ...     isinstance(pool, ThreadPoolExecutor)
    True
    >>> fetch_and_parse(str.encode, len, ["a", "bb"], io_workers=2, cpu_workers=2)
    [1, 2]
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Literal, TypeVar

R = TypeVar("R")
Kind = Literal["cpu", "io"]


def classify() -> dict[str, Kind]:
    """Return, for each workload below, ``"cpu"`` or ``"io"``.

    The rule: a workload is ``"io"`` when its time goes to *waiting* for something outside
    this Python process — network, disk, a database server, another program, a timer —
    during which CPython releases the GIL. It is ``"cpu"`` when its time goes to *computing*
    inside this interpreter, holding the GIL (running Python code, or a C function such as
    ``json.loads`` or ``re`` matching that keeps the GIL while it works).

    Keys are the names below; values are the strings ``"cpu"`` or ``"io"``.

    - ``thumbnails``: resize 500 images already in memory, with a pure-Python loop over
      their pixels.
    - ``crawl``: download 200 web pages with ``urllib.request.urlopen``.
    - ``report_queries``: run 300 SQL queries, each waiting ~50 ms for the database server.
    - ``password_hash``: derive a key with a pure-Python PBKDF2 loop of 600 000 rounds.
    - ``primes``: count the primes below 10 000 000 with a Python ``for`` loop.
    - ``video_convert``: convert 20 videos by running the ``ffmpeg`` program with
      ``subprocess.run()`` and waiting for it to finish.
    - ``big_json``: ``json.loads()`` a 2 GB string that is already in memory.
    - ``retry_waits``: call a flaky service whose client spends most of its time in
      ``time.sleep()`` between retries.
    - ``log_regex``: run 30 regular expressions over 5 GB of log lines already in memory.
    - ``nfs_reads``: read 10 000 small files from a network file share.
    - ``render_templates``: render 100 000 templates with a pure-Python template engine.
    - ``s3_uploads``: upload 1 000 files to object storage over HTTPS.
    """
    return {
        "thumbnails": "cpu",
        "crawl": "io",
        "report_queries": "io",
        "password_hash": "cpu",
        "primes": "cpu",
        "video_convert": "io",  # the work happens in another process; this one only waits
        "big_json": "cpu",
        "retry_waits": "io",
        "log_regex": "cpu",
        "nfs_reads": "io",
        "render_templates": "cpu",
        "s3_uploads": "io",
    }


def executor_for(kind: Kind, workers: int) -> Executor:
    """Return a new executor for ``kind`` work with at most ``workers`` workers.

    ``"io"``: calls run in threads of this process (so any callable works, closures and
    bound methods included), up to ``workers`` of them waiting at the same time.
    ``"cpu"``: calls run in up to ``workers`` worker processes, started with the ``"fork"``
    start method (``multiprocessing.get_context("fork")``), each with its own GIL, so up to
    ``workers`` calls compute at the same time; functions, arguments and results are pickled.

    The caller owns the executor and shuts it down (``with executor_for(...) as pool:``).
    Raises ``ValueError`` for any other ``kind`` and for ``workers < 1``.

    >>> with executor_for("cpu", workers=2) as pool:
    ...     list(pool.map(abs, [-1, -2, 3]))
    [1, 2, 3]
    """
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
    """Return ``[parse(fetch(url)) for url in urls]``: fetch in threads, parse in processes.

    - ``fetch`` is IO-bound: it runs in up to ``io_workers`` threads of this process, and
      with ``io_workers=k`` and ``k`` urls all ``k`` fetches wait at the same time. It may be
      any callable (a closure, a bound method of a client holding a lock), since it never
      leaves this process.
    - ``parse`` is CPU-bound: it runs in up to ``cpu_workers`` worker processes (use
      ``executor_for("cpu", ...)``), with ``cpu_workers=k`` and ``k`` urls all ``k`` parses
      at the same time. It is pickled, so it is a module-level function or a builtin.
    - Results are in the order of ``urls``, however the calls finish; ``urls`` may be any
      iterable, and an empty one gives ``[]``.
    - If a ``fetch`` raises, that very exception propagates; if a ``parse`` raises, an
      exception of the same type and ``args`` propagates (it was pickled back). When several
      calls fail, any one of their exceptions may propagate.
    - When it returns or raises, both pools are shut down: no thread it started is still
      running and every worker process has exited and been joined.
    - ``io_workers < 1`` or ``cpu_workers < 1`` raise ``ValueError`` before anything starts.

    >>> fetch_and_parse(lambda url: url.encode() * 2, len, ["ab", "c"], io_workers=2,
    ...                 cpu_workers=1)
    [4, 2]
    """
    if io_workers < 1 or cpu_workers < 1:
        raise ValueError(f"workers must be >= 1, got {io_workers=} and {cpu_workers=}")
    urls = list(urls)
    if not urls:
        return []
    with executor_for("io", io_workers) as threads, executor_for("cpu", cpu_workers) as processes:
        # Each parse starts as soon as its body has arrived: a pipeline, not two phases.
        parsed: list[Future[R]] = []
        for body in threads.map(fetch, urls):
            parsed.append(processes.submit(parse, body))
        return [future.result() for future in parsed]
