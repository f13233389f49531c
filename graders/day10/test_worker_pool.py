"""Grader for day10.worker_pool: input order, real worker processes, start methods, errors that
name the item, unpicklable functions refused early, and a pool that leaves nothing behind.

Parallelism is proven with a process-shared barrier and distinct PIDs, never with timing; the
leftover check reads /proc (processes of this grading process's session, minus
multiprocessing's long-lived resource tracker and fork server).
"""

from __future__ import annotations

import functools
import gc
import math
import multiprocessing
import multiprocessing.process
import operator
import os
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day10 import worker_pool as kata

FORK = multiprocessing.get_context("fork")
CMDLINE = Path("/proc/self/cmdline")  # read in a worker, it is that worker's command line

# Work functions for the fork tests: a forked worker finds them in its copy of this module.
# The process-shared objects they use are put here by each test before it calls run_pool.
_shared: dict[str, Any] = {}


def pid_of(_item: object) -> int:
    return os.getpid()


def meet(_item: object) -> int:
    """Wait at the test's barrier: it breaks unless all the calls run at the same time."""
    _shared["barrier"].wait()
    return os.getpid()


def item_0_last(item: int) -> int:
    """Item 0 waits until the last item has started, so every other item finishes before it."""
    if item == 0:
        _shared["last_started"].wait(timeout=1)
    elif item == _shared["last"]:
        _shared["last_started"].set()
    return item * 10


def item_0_fails_last(item: int) -> int:
    """Items 0 and 1 fail, but item 0 only after item 2 has started (so after item 1 failed)."""
    if item == 0:
        _shared["last_started"].wait(timeout=1)
        raise LookupError("item 0 is missing")
    if item == 1:
        raise LookupError("item 1 is missing")
    _shared["last_started"].set()
    return item


# --- what is left behind ----------------------------------------------------------------------

HELPERS = (b"resource_tracker", b"forkserver")  # multiprocessing's own, meant to outlive a pool


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
    """What learner code left behind: new processes of the session, ResourceWarnings."""

    def __init__(self) -> None:
        self.before = session_processes()
        self.left: dict[int, str] = {}
        self.warnings: list[str] = []

    def leftovers(self) -> str:
        zombies = sum(1 for state in self.left.values() if state == "Z")
        running = len(self.left) - zombies
        parts = [f"{running} process(es) still running"] * bool(running)
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
            # At once, before anything else runs: a pool left to the garbage collector is
            # still shutting down now.
            now = session_processes()
            watch.left = {pid: s for pid, s in now.items() if pid not in watch.before}
            gc.collect()
    watch.warnings = [
        str(w.message).split(" <")[0] for w in caught if w.category is ResourceWarning
    ]


def assert_clean(watch: Watch, when: str) -> None:
    assert watch.leftovers() == "nothing left", (
        f"run_pool(): {when}, every worker process has exited and been joined — "
        "no process left running, no zombie (shut the pool down: use `with`)"
    )
    assert watch.warnings == [], (
        f"run_pool(): {when}, the pool is shut down, not left to the garbage collector"
    )


@pytest.fixture
def starts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The start methods of the processes started from now on (Pool and ProcessPoolExecutor
    both start theirs through multiprocessing's BaseProcess.start)."""
    started: list[str] = []
    real_start = multiprocessing.process.BaseProcess.start

    def start(self: multiprocessing.process.BaseProcess) -> None:
        started.append(getattr(self, "_start_method", None) or "?")
        real_start(self)

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", start)
    return started


def outcome(call: Callable[[], object]) -> str:
    """The name of the exception the call raised, or 'returned' (a stub's NotImplementedError
    escapes, so an untouched kata is 'not started')."""
    try:
        call()
    except NotImplementedError:
        raise
    except Exception as exc:
        return type(exc).__name__
    return "returned"


# --- results ----------------------------------------------------------------------------------


def test_order_is_kept_when_later_items_finish_first() -> None:
    """Input order, not completion order: here item 0 finishes after every other item."""
    items = [0, 1, 2, 3, 4]
    _shared.update(last=items[-1], last_started=FORK.Event())
    got = kata.run_pool(item_0_last, items, workers=2)
    assert got == [0, 10, 20, 30, 40], (
        "run_pool(): results are in input order, not in the order the calls finish "
        "(here item 0 finished last)"
    )


@settings(max_examples=8)
@given(st.lists(st.integers(-1000, 1000), max_size=9), st.integers(1, 3))
@example([], 2)
@example([7], 3)
def test_results_come_in_input_order(items: list[int], workers: int) -> None:
    """The result is [func(item) for item in items], in input order."""
    got = kata.run_pool(operator.neg, items, workers=workers)
    assert got == [-x for x in items], (
        "run_pool(func, items): the result is [func(item) for item in items], in input order "
        "(an empty items gives [])"
    )


def test_items_may_be_a_generator() -> None:
    """Any iterable will do: a generator is read once."""
    got = kata.run_pool(abs, (x for x in [-3, 1, -2]), workers=2)
    assert got == [3, 1, 2], "run_pool(): items may be any iterable, a generator too"


def test_picklable_callables_are_accepted() -> None:
    """Builtins and functools.partial of module-level functions are picklable, so they work."""
    got = kata.run_pool(functools.partial(pow, 2), [0, 1, 5], workers=2)
    assert got == [1, 2, 32], "run_pool(): functools.partial of a builtin is picklable and works"


# --- processes ----------------------------------------------------------------------------------


def test_calls_run_at_the_same_time_in_separate_processes() -> None:
    """With workers=3 and 3 items, all 3 calls run at once, each in its own worker process."""
    _shared.update(barrier=FORK.Barrier(3, timeout=2))
    try:
        pids = kata.run_pool(meet, range(3), workers=3)
    except NotImplementedError:
        raise
    except Exception:
        pytest.fail(
            "run_pool(): with workers=3 and 3 items, all 3 calls must run at the same time "
            "(each waits at a barrier for the others; it broke: the calls did not overlap)"
        )
    assert os.getpid() not in pids, "run_pool(): every call runs in a worker, never in the caller"
    assert len(set(pids)) == 3, (
        "run_pool(): with workers=3 and 3 items, the 3 calls run in 3 different processes"
    )


def test_no_more_processes_than_workers() -> None:
    """At most `workers` worker processes are started in all, whatever the number of items."""
    pids = kata.run_pool(pid_of, range(12), workers=2)
    assert os.getpid() not in pids, "run_pool(): every call runs in a worker, never in the caller"
    assert len(set(pids)) <= 2, "run_pool(workers=2): at most 2 worker processes in all"
    pids = kata.run_pool(pid_of, range(5), workers=1)
    assert len(set(pids)) == 1, "run_pool(workers=1): one worker process runs every call"


def test_workers_none_means_cpu_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """workers=None: os.cpu_count() workers (here it says 3): 3 calls at once, never 4 processes."""
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    _shared.update(barrier=FORK.Barrier(3, timeout=2))
    try:
        pids = kata.run_pool(meet, range(3))
    except NotImplementedError:
        raise
    except Exception:
        pytest.fail(
            "run_pool(workers=None): os.cpu_count() workers (3 here): 3 calls must run at the "
            "same time (they wait at a barrier for each other; it broke)"
        )
    assert len(set(pids)) == 3, "run_pool(workers=None): with os.cpu_count() == 3, 3 processes"
    pids = kata.run_pool(pid_of, range(9))
    assert len(set(pids)) <= 3, (
        "run_pool(workers=None): os.cpu_count() workers at most (3 here), read when it is called"
    )


def test_default_start_method_is_fork() -> None:
    """start_method="fork" by default: a worker is a copy of the caller (same command line)."""
    got = kata.run_pool(Path.read_bytes, [CMDLINE], workers=1)
    assert got == [CMDLINE.read_bytes()], (
        "run_pool(): by default the workers are started with the \"fork\" start method"
    )


@pytest.mark.parametrize(
    ("start_method", "marker"), [("spawn", b"spawn_main"), ("forkserver", b"forkserver")]
)
def test_other_start_methods(start_method: str, marker: bytes) -> None:
    """spawn: each worker is a fresh interpreter; forkserver: a fork of the fork server."""
    with watching() as watch:
        got = kata.run_pool(Path.read_bytes, [CMDLINE] * 2, workers=2, start_method=start_method)
    started = [marker in cmdline for cmdline in got]
    assert started == [True, True], (
        f"run_pool(start_method={start_method!r}): the workers are started with that start "
        "method (multiprocessing.get_context(start_method))"
    )
    assert_clean(watch, f"under {start_method} too, when it returns")


# --- errors -------------------------------------------------------------------------------------


def factorial_error(n: int) -> Exception:
    try:
        math.factorial(n)
    except Exception as exc:
        return exc
    raise AssertionError("math.factorial() accepted it")


def test_a_failing_call_raises_worker_error_for_its_item() -> None:
    """WorkerError(item, cause) for the failing item, chained to the worker's exception."""
    with watching() as watch:
        try:
            got = kata.run_pool(math.factorial, [3, -1, 4, 5], workers=2)
        except kata.WorkerError as exc:
            err = exc
        else:
            pytest.fail(f"run_pool(): a call that raises must raise WorkerError, it returned {got}")
    want = factorial_error(-1)
    assert err.item == -1, "run_pool(): WorkerError.item is the item whose call raised"
    assert (type(err.cause).__name__, err.cause.args) == (type(want).__name__, want.args), (
        "run_pool(): WorkerError.cause is the exception the call raised (same type and args)"
    )
    assert err.__cause__ is err.cause, (
        "run_pool(): the WorkerError is chained to its cause "
        "(raise WorkerError(item, exc) from exc)"
    )
    assert str(err) == f"item -1 failed: {err.cause!r}", (
        "WorkerError: str(err) is f\"item {item!r} failed: {cause!r}\""
    )
    assert_clean(watch, "after a failing call too")


def test_the_first_failing_item_in_input_order_is_reported() -> None:
    """Items 0 and 1 fail, item 1 first in time: the error names item 0 (first in input order)."""
    _shared.update(last_started=FORK.Event())
    try:
        got = kata.run_pool(item_0_fails_last, [0, 1, 2], workers=2)
    except kata.WorkerError as exc:
        err = exc
    else:
        pytest.fail(f"run_pool(): a call that raises must raise WorkerError, it returned {got}")
    assert (err.item, type(err.cause).__name__, err.cause.args) == (
        0, "LookupError", ("item 0 is missing",)
    ), "run_pool(): the WorkerError is for the first failing item in input order, not in time"


def test_worker_error_holds_item_and_cause() -> None:
    """WorkerError(item, cause): an Exception with .item, .cause and a message naming both."""
    cause = ValueError("negative")
    err = kata.WorkerError(-1, cause)
    got = (err.item, err.cause, str(err))
    assert got == (-1, cause, "item -1 failed: ValueError('negative')"), (
        "WorkerError(item, cause): .item, .cause, and str(err) == f\"item {item!r} failed: "
        "{cause!r}\""
    )
    assert isinstance(err, Exception), "WorkerError is an Exception"


# --- refused early ------------------------------------------------------------------------------


def _local_function(x: int) -> int:
    return x


def unpicklable_funcs() -> dict[str, Callable[[int], int]]:
    def local(x: int) -> int:
        return x

    return {
        "a lambda": lambda x: x,
        "a function defined inside a function": local,
        "functools.partial of a lambda": functools.partial(lambda x, y: y, 0),
    }


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_unpicklable_func_is_refused_before_any_worker_starts(
    start_method: str, starts: list[str]
) -> None:
    """A func pickle cannot store raises TypeError, before any worker process starts."""
    with watching() as watch:
        got = {
            name: outcome(functools.partial(kata.run_pool, func, [1, 2], workers=2,
                                            start_method=start_method))
            for name, func in unpicklable_funcs().items()
        }
    assert got == dict.fromkeys(got, "TypeError"), (
        f"run_pool(start_method={start_method!r}): a func that cannot be pickled (lambda, local "
        "function, partial of one) raises TypeError"
    )
    assert len(starts) == 0, (
        "run_pool(): an unpicklable func is refused before any worker process starts"
    )
    assert_clean(watch, "after refusing a func")


def test_bad_arguments_are_refused_before_any_worker_starts(starts: list[str]) -> None:
    """workers < 1 and an unknown start_method raise ValueError, before any worker starts."""
    got = {
        "workers=0": outcome(lambda: kata.run_pool(abs, [1], workers=0)),
        "workers=-2": outcome(lambda: kata.run_pool(abs, [1], workers=-2)),
        "start_method='threads'": outcome(lambda: kata.run_pool(abs, [1], start_method="threads")),
    }
    assert got == dict.fromkeys(got, "ValueError"), (
        "run_pool(): workers < 1 or an unknown start_method raises ValueError"
    )
    assert len(starts) == 0, "run_pool(): bad arguments are refused before any worker starts"


# --- nothing left behind ------------------------------------------------------------------------


@pytest.mark.parametrize("items", [[1, -2, 3, -4], []], ids=["four items", "no items"])
def test_nothing_is_left_behind(items: list[int]) -> None:
    """When run_pool returns, its workers have exited and been joined; no ResourceWarning."""
    with watching() as watch:
        got = kata.run_pool(abs, items, workers=2)
    assert got == [abs(x) for x in items], (
        "run_pool(): the result is [func(item) for item in items]"
    )
    assert_clean(watch, "when it returns")
