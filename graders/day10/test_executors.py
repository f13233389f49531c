"""Grader for day10.executors: which workloads are CPU- or IO-bound, threads that overlap waits,
processes that compute side by side, and a fetch-then-parse pipeline that uses both.

Overlap is proven with barriers (a barrier breaks unless its parties wait at the same time)
and thread idents / PIDs, never with timing. Leftovers are read from threading.enumerate()
and /proc (this process's session, minus multiprocessing's resource tracker and fork server).
"""

from __future__ import annotations

import functools
import gc
import multiprocessing
import multiprocessing.process
import os
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day10 import executors as kata

FORK = multiprocessing.get_context("fork")
BARRIER_TIMEOUT = 2  # seconds: far more than overlapping calls need, and it bounds a failure

# The truth the spec's rule gives: "io" = waiting outside the process, "cpu" = computing here.
WORKLOADS = {
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

# Work functions for the process tests: a forked worker finds them in its copy of this module;
# the process-shared barrier they use is put here by each test before the workers start.
_shared: dict[str, Any] = {}


def pid_of(_item: object) -> int:
    return os.getpid()


def meet(_item: object) -> int:
    """Wait at the test's barrier (it breaks unless all its parties wait at once)."""
    _shared["barrier"].wait()
    return os.getpid()


def meet_and_measure(body: bytes) -> tuple[int, int]:
    _shared["barrier"].wait()
    return os.getpid(), len(body)


def pid_and_length(body: bytes) -> tuple[int, int]:
    return os.getpid(), len(body)


class Fetcher:
    """A fake HTTP client: fetch(url) records which thread of which process ran it. It holds a
    lock, so it cannot be pickled: it only works in threads of this process."""

    def __init__(self, meet: int = 0, last: str | None = None) -> None:
        self.lock = threading.Lock()
        self.barrier = threading.Barrier(meet, timeout=BARRIER_TIMEOUT) if meet else None
        self.last, self.last_started = last, threading.Event()
        self.calls: list[tuple[int, int]] = []

    def fetch(self, url: str) -> bytes:
        with self.lock:
            self.calls.append((os.getpid(), threading.get_native_id()))
        if self.barrier is not None:
            self.barrier.wait()
        if url == self.last:
            self.last_started.set()
        elif self.last is not None and url.endswith("/0"):
            self.last_started.wait(timeout=BARRIER_TIMEOUT)  # the first url finishes last
        return url.encode()

    def threads(self) -> set[int]:
        return {ident for _, ident in self.calls}

    def pids(self) -> set[int]:
        return {pid for pid, _ in self.calls}


def urls(n: int) -> list[str]:
    return [f"https://example.test/{i}" for i in range(n)]


# --- what is left behind ----------------------------------------------------------------------

HELPERS = (b"resource_tracker", b"forkserver")


def session_processes() -> dict[int, str]:
    """pid -> state letter ("Z" = zombie) of the processes this one is answerable for: its
    descendants, and orphans of its session (a process whose parent left the session, adopted
    by a subreaper or init) with theirs. Other processes of the session (another test run
    started from the same shell) and multiprocessing's long-lived helpers are not counted."""
    me, session = os.getpid(), os.getsid(0)
    table: dict[int, tuple[str, int, int, bool]] = {}  # pid -> (state, parent, session, helper)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
            pid = int(stat.parent.name)
        except (OSError, ValueError):
            continue  # it ended while we looked
        helper = any(name in cmdline for name in HELPERS)
        table[pid] = (fields[0], int(fields[1]), int(fields[3]), helper)

    def answerable(pid: int) -> bool:
        seen: set[int] = set()
        while pid in table and pid not in seen:
            seen.add(pid)
            _, parent, in_session, _ = table[pid]
            if parent == me:
                return True
            parent_session = table[parent][2] if parent in table else -1
            if in_session == session and parent_session != session and pid != session:
                return True  # an orphan of this session (the session's leader is no orphan)
            pid = parent
        return False

    return {
        pid: row[0]
        for pid, row in table.items()
        if pid != me and not row[3] and answerable(pid)
    }


class Watch:
    def __init__(self) -> None:
        self.processes = session_processes()
        self.threads = set(threading.enumerate())
        self.left_processes: dict[int, str] = {}
        self.left_threads = 0
        self.warnings: list[str] = []

    def leftovers(self) -> str:
        zombies = sum(1 for state in self.left_processes.values() if state == "Z")
        running = len(self.left_processes) - zombies
        parts = [f"{self.left_threads} thread(s) still running"] * bool(self.left_threads)
        parts += [f"{running} process(es) still running"] * bool(running)
        parts += [f"{zombies} zombie(s): exited but never joined"] * bool(zombies)
        return ", ".join(parts) or "nothing left"


@contextmanager
def watching() -> Iterator[Watch]:
    watch = Watch()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        try:
            yield watch
        finally:
            # At once, threads first (no I/O, so the GIL is not handed over): a pool left to
            # the garbage collector is still shutting down now.
            watch.left_threads = sum(
                1 for t in threading.enumerate() if t not in watch.threads and t.is_alive()
            )
            now = session_processes()
            watch.left_processes = {p: s for p, s in now.items() if p not in watch.processes}
            gc.collect()
    watch.warnings = [
        str(w.message).split(" <")[0] for w in caught if w.category is ResourceWarning
    ]


def assert_clean(watch: Watch, when: str) -> None:
    assert watch.leftovers() == "nothing left", (
        f"fetch_and_parse(): {when}, both pools are shut down — no thread it started still "
        "running, every worker process exited and joined (use `with`)"
    )
    assert watch.warnings == [], (
        f"fetch_and_parse(): {when}, nothing is left to the garbage collector"
    )


def outcome(call: Callable[[], object]) -> str:
    """The name of the exception the call raised, or 'returned' (NotImplementedError escapes)."""
    try:
        call()
    except NotImplementedError:
        raise
    except Exception as exc:
        return type(exc).__name__
    return "returned"


@pytest.fixture
def process_starts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the processes started from now on (both pools start them through
    multiprocessing's BaseProcess.start)."""
    started: list[str] = []
    real_start = multiprocessing.process.BaseProcess.start

    def start(self: multiprocessing.process.BaseProcess) -> None:
        started.append(self.name)
        real_start(self)

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", start)
    return started


# --- classify() ---------------------------------------------------------------------------------


def test_classify_answers_every_workload() -> None:
    """classify() has one entry per workload of the spec, each "cpu" or "io"."""
    answers = kata.classify()
    assert sorted(answers) == sorted(WORKLOADS), "classify(): one key per workload in the spec"
    odd = sorted(name for name, kind in answers.items() if kind not in ("cpu", "io"))
    assert odd == [], 'classify(): every value is the string "cpu" or "io"'


@pytest.mark.predict
@pytest.mark.parametrize("name", list(WORKLOADS))
def test_classify(name: str) -> None:
    """io = its time goes to waiting outside the process; cpu = to computing in this one."""
    answers = kata.classify()
    assert name in answers, f"classify() must answer the workload {name!r}"
    assert answers[name] == WORKLOADS[name], (
        f"classify()[{name!r}]: does its time go to waiting for something outside this "
        "process with the GIL released (io), or to computing inside this interpreter (cpu)?"
    )


# --- executor_for() -----------------------------------------------------------------------------


def test_io_executor_overlaps_waits_in_threads_of_this_process() -> None:
    """executor_for("io", 3): 3 calls wait at the same time, in 3 threads of this process."""
    fetcher = Fetcher(meet=3)
    with kata.executor_for("io", 3) as pool:
        futures = [pool.submit(fetcher.fetch, url) for url in urls(3)]
        errors = [outcome(future.result) for future in futures]
    assert errors == ["returned"] * 3, (
        'executor_for("io", 3): the 3 calls wait at the same time (they meet at a barrier, '
        "which broke), and any callable works — this one holds a lock, so it cannot be pickled"
    )
    assert fetcher.pids() == {os.getpid()}, 'executor_for("io"): calls run in this process'
    assert len(fetcher.threads()) == 3, 'executor_for("io", 3): the 3 calls run in 3 threads'


def test_io_executor_has_at_most_workers_threads() -> None:
    """executor_for("io", 2): however many calls are submitted, at most 2 threads run them."""
    fetcher = Fetcher()
    with kata.executor_for("io", 2) as pool:
        list(pool.map(fetcher.fetch, urls(10)))
    assert len(fetcher.threads()) <= 2, 'executor_for("io", 2): at most 2 worker threads'
    assert threading.get_native_id() not in fetcher.threads(), (
        'executor_for("io"): calls run in worker threads, not in the caller\'s thread'
    )


def test_cpu_executor_computes_in_parallel_processes() -> None:
    """executor_for("cpu", 2): 2 calls run at the same time, in 2 worker processes."""
    _shared.update(barrier=FORK.Barrier(2, timeout=BARRIER_TIMEOUT))
    with kata.executor_for("cpu", 2) as pool:
        futures = [pool.submit(meet, n) for n in range(2)]
        errors = [outcome(future.result) for future in futures]
        pids = {future.result() for future in futures if future.exception() is None}
    assert errors == ["returned"] * 2, (
        'executor_for("cpu", 2): the 2 calls compute at the same time (they meet at a barrier, '
        "which broke)"
    )
    assert os.getpid() not in pids, 'executor_for("cpu"): calls run in worker processes'
    assert len(pids) == 2, 'executor_for("cpu", 2): the 2 calls run in 2 different processes'


def test_cpu_executor_has_at_most_workers_forked_processes() -> None:
    """executor_for("cpu", 2): at most 2 processes, forked (a worker has the caller's cmdline)."""
    with kata.executor_for("cpu", 2) as pool:
        pids = set(pool.map(pid_of, range(8)))
        cmdline = pool.submit(Path.read_bytes, Path("/proc/self/cmdline")).result()
    assert os.getpid() not in pids, 'executor_for("cpu"): calls run in worker processes'
    assert len(pids) <= 2, 'executor_for("cpu", 2): at most 2 worker processes'
    assert cmdline == Path("/proc/self/cmdline").read_bytes(), (
        'executor_for("cpu"): the workers are started with the "fork" start method'
    )


def test_each_call_gives_a_new_executor() -> None:
    """A new executor per call: shutting one down leaves the next one usable."""
    for kind in ("io", "cpu"):
        with kata.executor_for(kind, 1) as first:
            first.submit(abs, -1).result()
        with kata.executor_for(kind, 1) as second:
            got = outcome(lambda: second.submit(abs, -2).result())  # noqa: B023
        assert got == "returned", (
            f'executor_for("{kind}", ...): each call returns a new executor — the caller shuts '
            "it down, and the next call's executor still works"
        )


def test_executor_for_refuses_bad_arguments() -> None:
    """Any kind but "cpu"/"io", and workers < 1, raise ValueError."""
    got = {
        "kind='gpu'": outcome(lambda: kata.executor_for("gpu", 2)),  # type: ignore[arg-type]
        "kind='IO'": outcome(lambda: kata.executor_for("IO", 2)),  # type: ignore[arg-type]
        "kind='io', workers=0": outcome(lambda: kata.executor_for("io", 0)),
        "kind='cpu', workers=-1": outcome(lambda: kata.executor_for("cpu", -1)),
    }
    assert got == dict.fromkeys(got, "ValueError"), (
        'executor_for(): a kind other than "cpu" or "io", or workers < 1, raises ValueError'
    )


# --- fetch_and_parse() --------------------------------------------------------------------------


def test_fetches_wait_at_the_same_time_in_threads() -> None:
    """io_workers=3 and 3 urls: all 3 fetches wait at once, in 3 threads of this process."""
    fetcher = Fetcher(meet=3)
    try:
        got = kata.fetch_and_parse(fetcher.fetch, len, urls(3), io_workers=3, cpu_workers=1)
    except NotImplementedError:
        raise
    except Exception:
        pytest.fail(
            "fetch_and_parse(): with io_workers=3 and 3 urls, the 3 fetches wait at the same "
            "time in threads (they meet at a barrier, which broke); fetch holds a lock, so it "
            "cannot be pickled: it must run in this process"
        )
    assert got == [len(url) for url in urls(3)], "fetch_and_parse(): [parse(fetch(url)) ...]"
    assert fetcher.pids() == {os.getpid()}, "fetch_and_parse(): fetch runs in this process"
    assert len(fetcher.threads()) == 3, "fetch_and_parse(): the 3 fetches run in 3 threads"


def test_fetches_use_at_most_io_workers_threads() -> None:
    """io_workers=2: however many urls, at most 2 threads fetch."""
    fetcher = Fetcher()
    kata.fetch_and_parse(fetcher.fetch, len, urls(9), io_workers=2, cpu_workers=1)
    assert len(fetcher.threads()) <= 2, "fetch_and_parse(io_workers=2): at most 2 fetch threads"
    assert threading.get_native_id() not in fetcher.threads(), (
        "fetch_and_parse(): fetch runs in worker threads, not in the caller's thread"
    )


def test_parses_compute_at_the_same_time_in_processes() -> None:
    """cpu_workers=2 and 2 urls: both parses run at once, in 2 worker processes."""
    _shared.update(barrier=FORK.Barrier(2, timeout=BARRIER_TIMEOUT))
    try:
        got = kata.fetch_and_parse(
            str.encode, meet_and_measure, ["ab", "cde"], io_workers=2, cpu_workers=2
        )
    except NotImplementedError:
        raise
    except Exception:
        pytest.fail(
            "fetch_and_parse(): with cpu_workers=2 and 2 urls, the 2 parses compute at the "
            "same time (they meet at a barrier, which broke)"
        )
    pids = {pid for pid, _ in got}
    assert [length for _, length in got] == [2, 3], "fetch_and_parse(): [parse(fetch(url)) ...]"
    assert os.getpid() not in pids, "fetch_and_parse(): parse runs in worker processes"
    assert len(pids) == 2, "fetch_and_parse(): the 2 parses run in 2 different processes"


def test_parses_use_at_most_cpu_workers_processes() -> None:
    """cpu_workers=2: however many urls, at most 2 worker processes parse."""
    got = kata.fetch_and_parse(str.encode, pid_and_length, urls(8), io_workers=3, cpu_workers=2)
    pids = {pid for pid, _ in got}
    assert os.getpid() not in pids, "fetch_and_parse(): parse runs in worker processes"
    assert len(pids) <= 2, "fetch_and_parse(cpu_workers=2): at most 2 worker processes"


def test_order_is_kept_when_the_first_fetch_finishes_last() -> None:
    """The order of urls, not of completion: here the first url's fetch finishes last (it
    waits until the last fetch starts, which the other thread reaches only after the rest)."""
    fetcher = Fetcher(last=urls(4)[-1])
    got = kata.fetch_and_parse(fetcher.fetch, bytes.decode, urls(4), io_workers=2, cpu_workers=2)
    assert got == urls(4), (
        "fetch_and_parse(): results are in the order of urls, not in the order the calls "
        "finish (here the first fetch finished last)"
    )


@settings(max_examples=8)
@given(st.lists(st.text(max_size=4), max_size=8), st.integers(1, 3), st.integers(1, 2))
@example([], 2, 1)
@example(["", "x"], 1, 2)
def test_results_come_in_the_order_of_urls(items: list[str], io: int, cpu: int) -> None:
    """The result is [parse(fetch(url)) for url in urls], in the order of urls."""
    got = kata.fetch_and_parse(str.encode, bytes.decode, items, io_workers=io, cpu_workers=cpu)
    assert got == items, (
        "fetch_and_parse(): the result is [parse(fetch(url)) for url in urls], in order "
        "(an empty urls gives [])"
    )


def test_urls_may_be_a_generator() -> None:
    """Any iterable of urls will do, a generator too."""
    got = kata.fetch_and_parse(str.encode, len, (u for u in ["a", "bcd"]), io_workers=2,
                               cpu_workers=1)
    assert got == [1, 3], "fetch_and_parse(): urls may be any iterable, a generator too"


def test_nothing_is_left_behind() -> None:
    """When it returns, no thread it started still runs and every worker has been joined."""
    with watching() as watch:
        kata.fetch_and_parse(str.encode, len, urls(5), io_workers=3, cpu_workers=2)
    assert_clean(watch, "when it returns")


class FetchFailed(Exception):
    pass


def test_a_fetch_error_propagates_as_it_is() -> None:
    """A fetch that raises: that very exception object propagates; the pools are shut down."""
    error = FetchFailed("503 from https://example.test/1")

    def fetch(url: str) -> bytes:
        if url.endswith("/1"):
            raise error
        return url.encode()

    with watching() as watch:
        try:
            kata.fetch_and_parse(fetch, len, urls(3), io_workers=2, cpu_workers=1)
        except NotImplementedError:
            raise
        except Exception as exc:
            got: BaseException | None = exc
        else:
            got = None
    assert got is error, "fetch_and_parse(): a fetch's exception propagates, the very same object"
    assert_clean(watch, "after a failing fetch")


def test_a_parse_error_propagates() -> None:
    """A parse that raises: an exception of the same type and args propagates."""
    want = outcome_of(int, b"x")
    with watching() as watch:
        try:
            kata.fetch_and_parse(str.encode, int, ["1", "x", "3"], io_workers=2, cpu_workers=2)
        except NotImplementedError:
            raise
        except Exception as exc:
            got: tuple[str, tuple[Any, ...]] | None = (type(exc).__name__, exc.args)
        else:
            got = None
    assert got == want, (
        "fetch_and_parse(): a parse's exception propagates (same type and args: it was pickled "
        "back from the worker)"
    )
    assert_clean(watch, "after a failing parse")


def outcome_of(func: Callable[[bytes], object], body: bytes) -> tuple[str, tuple[Any, ...]]:
    try:
        func(body)
    except Exception as exc:
        return type(exc).__name__, exc.args
    raise AssertionError("it did not fail")


def test_bad_worker_counts_are_refused_before_anything_starts(process_starts: list[str]) -> None:
    """io_workers < 1 or cpu_workers < 1: ValueError, before any fetch or process starts."""
    fetcher = Fetcher()
    got = {
        "io_workers=0": outcome(functools.partial(
            kata.fetch_and_parse, fetcher.fetch, len, urls(2), io_workers=0, cpu_workers=1)),
        "cpu_workers=0": outcome(functools.partial(
            kata.fetch_and_parse, fetcher.fetch, len, urls(2), io_workers=1, cpu_workers=0)),
        "cpu_workers=-3": outcome(functools.partial(
            kata.fetch_and_parse, fetcher.fetch, len, urls(2), io_workers=2, cpu_workers=-3)),
    }
    assert got == dict.fromkeys(got, "ValueError"), (
        "fetch_and_parse(): io_workers < 1 or cpu_workers < 1 raises ValueError"
    )
    started = {"fetches": len(fetcher.calls), "processes": len(process_starts)}
    assert started == {"fetches": 0, "processes": 0}, (
        "fetch_and_parse(): bad worker counts are refused before any fetch or process starts"
    )
