"""Grader for interview.gil: which programs threads speed up (proven by running them), what a
lost update needs (barrier-forced, so certain), and CPU work in forked processes.

Part 1's truth is measured here, never timed: with the switch interval at 1000 s a thread
holding the GIL is never asked to let go, so the main thread runs while a worker is inside
``work`` only if ``work`` released the GIL. A profile hook in the worker tells which C call
it was in at that moment (a socket's method: waiting in the OS); a non-blocking acquire
tells whether the program's own lock was held; a capped line count tells whether the time
went into Python bytecode. Part 3 proves parallel processes with a barrier and distinct PIDs.
"""

from __future__ import annotations

import ast
import multiprocessing
import os
import random
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from interview import gil as kata

PROGRAMS: dict[str, str] = {
    "digest_chunks": """
import hashlib
def work(chunk):
    return hashlib.sha256(chunk).hexdigest()
""",
    "compress_logs": """
import zlib
def work(blob):
    return len(zlib.compress(blob, 6))
""",
    "sum_squares": """
def work(n):
    total = 0
    for i in range(n):
        total += i * i
    return total
""",
    "sort_records": """
def work(records):
    return sorted(records)[0]
""",
    "regex_scan": """
import re
WORD = re.compile(r"(a|b)*c")
def work(text):
    return WORD.match(text) is None
""",
    "locked_digest": """
import hashlib
import threading
LOCK = threading.Lock()
def work(chunk):
    with LOCK:
        return hashlib.sha256(chunk).hexdigest()
""",
    "read_socket": """
def work(conn):
    return len(conn.recv(65536))
""",}

SNIPPETS: dict[str, str] = {
    "barrier_between_read_and_write": """
import threading
count = 0
both_read = threading.Barrier(2, timeout=5)
def work():
    global count
    seen = count
    both_read.wait()
    count = seen + 1
threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
count
""",
    "lock_only_around_the_write": """
import threading
count = 0
lock = threading.Lock()
both_read = threading.Barrier(2, timeout=5)
def work():
    global count
    seen = count
    both_read.wait()
    with lock:
        count = seen + 1
threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
count
""",
    "reread_after_the_switch": """
import threading
count = 0
both_ready = threading.Barrier(2, timeout=5)
def work():
    global count
    both_ready.wait()
    count += 1
threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
count
""",
    "append_is_one_step": """
import threading
items = []
both_ready = threading.Barrier(2, timeout=5)
def work(n):
    snapshot = len(items)
    both_ready.wait()
    items.append(snapshot)
threads = [threading.Thread(target=work, args=(n,)) for n in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
sorted(items)
""",}

FORK = multiprocessing.get_context("fork")
MB = 1 << 20


def _inputs(name: str) -> tuple[object, Callable[[], None]]:
    """The program's input for one worker, and what feeds it once the worker waits."""
    rng = random.Random(7)
    if name in ("digest_chunks", "locked_digest"):
        return bytes(48 * MB), lambda: None
    if name == "compress_logs":
        return rng.randbytes(4 * MB), lambda: None
    if name == "sum_squares":
        return 200_000, lambda: None
    if name == "sort_records":
        return [rng.random() for _ in range(100_000)], lambda: None
    if name == "regex_scan":
        return "ab" * 150_000, lambda: None
    left, right = socket.socketpair()
    _open.extend([left, right])
    return left, lambda: right.sendall(b"x" * 1000)


_open: list[socket.socket] = []


@pytest.fixture(autouse=True)
def _close_sockets() -> Iterator[None]:
    yield
    while _open:
        _open.pop().close()


def _load(name: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": name}
    exec(compile(PROGRAMS[name], f"<{name}>", "exec", dont_inherit=True), namespace)
    return namespace


def _observe(name: str) -> tuple[bool, object, bool]:
    """Run work in one thread: (main ran meanwhile, C call running then, own lock held then)."""
    namespace = _load(name)
    work = namespace["work"]
    locks = [v for v in namespace.values() if isinstance(v, type(threading.Lock()))]
    arg, feed = _inputs(name)
    state: dict[str, Any] = {"done": False}
    calls: list[object] = []

    def profile(frame: Any, event: str, func: object) -> None:
        if event == "c_call":
            calls.append(func)
        elif event in ("c_return", "c_exception") and calls:
            calls.pop()

    def target() -> None:
        sys.setprofile(profile)
        try:
            work(arg)
        finally:
            sys.setprofile(None)
            state["done"] = True

    previous = sys.getswitchinterval()
    sys.setswitchinterval(1000)
    try:
        worker = threading.Thread(target=target, daemon=True)
        worker.start()  # waits for the worker to start; then runs only when the GIL is free
        released = not state["done"]
        running = calls[-1] if released and calls else None
        held = False
        for lock in locks:
            if lock.acquire(blocking=False):
                lock.release()
            else:
                held = True
        feed()
        worker.join(10)
    finally:
        sys.setswitchinterval(previous)
    return released, running, held


def _bytecode_bound(name: str) -> bool:
    """Does work spend its time on Python lines (over a thousand of them)?"""
    work = _load(name)["work"]
    arg, _ = _inputs(name)
    lines = 0

    def local(frame: Any, event: str, _arg: object) -> Any:
        nonlocal lines
        if event == "line":
            lines += 1
        return local if lines < 1000 else None

    def on_call(frame: Any, event: str, _arg: object) -> Any:
        return local if frame.f_code.co_filename == f"<{name}>" else None

    sys.settrace(on_call)
    try:
        work(arg)
    finally:
        sys.settrace(None)
    return lines >= 1000


def _truth(name: str) -> tuple[bool, str]:
    for _attempt in range(5):  # a release shows unless the OS never ran the main thread
        released, running, held = _observe(name)
        if released:
            break
    if not released:
        return False, (
            "PYTHON_BYTECODE_HOLDS_GIL" if _bytecode_bound(name) else "C_CALL_HOLDS_GIL"
        )
    if held:
        return False, "OWN_LOCK_SERIALISES"
    if isinstance(getattr(running, "__self__", None), socket.socket):
        return True, "BLOCKING_IO_RELEASES_GIL"
    return True, "C_CALL_RELEASES_GIL"


@pytest.mark.predict
@pytest.mark.parametrize("name", list(PROGRAMS))
def test_speedup(name: str) -> None:
    """speedup(): faster with four threads exactly when work runs without the GIL and no
    lock of the program's own stops the others; because: what the grader observes."""
    answers = kata.speedup()
    assert isinstance(answers, dict) and name in answers, f"speedup() must answer the program {name!r}"
    got = answers[name]
    assert isinstance(got.because, kata.Bottleneck) and isinstance(got.faster, bool), (
        f"speedup()[{name!r}]: a Verdict(faster=True/False, because=Bottleneck.…)"
    )
    faster, because = _truth(name)
    assert got.because.name == because, (
        f"speedup()[{name!r}].because: the grader ran work with the switch interval at 1000 s "
        "-- did the main thread run while the worker was inside it (GIL released)? in which "
        "call? was the program's own lock held? bytecode or one C call?"
    )
    assert got.faster == faster, (
        f"speedup()[{name!r}].faster: threads overlap only where work runs without the GIL "
        "and nothing else lets just one thread in"
    )


def test_speedup_answers_every_program() -> None:
    assert sorted(kata.speedup()) == sorted(PROGRAMS), (
        "speedup(): one Verdict per program name, and no other keys"
    )


# --- Part 2: predict ----------------------------------------------------------------------


def _same_types(got: object, want: object) -> bool:
    """Same type all the way down (1 is not True, [1] is not (1,)); dict order does not count."""
    if type(got) is not type(want):
        return False
    if isinstance(want, dict) and isinstance(got, dict):
        return all(_same_types(got[k], v) for k, v in want.items())
    if isinstance(want, (list, tuple)) and isinstance(got, (list, tuple)):
        return all(_same_types(g, w) for g, w in zip(got, want))
    return True


def _evaluate(code: str) -> object:
    *body, last = ast.parse(code).body
    assert isinstance(last, ast.Expr)
    namespace: dict[str, object] = {"__name__": "snippet"}
    exec(compile(ast.Module(body=body, type_ignores=[]), "<snippet>", "exec", dont_inherit=True), namespace)
    return eval(compile(ast.Expression(last.value), "<snippet>", "eval", dont_inherit=True), namespace)


@pytest.mark.predict
@pytest.mark.parametrize("name", list(SNIPPETS))
def test_predict(name: str) -> None:
    """predict(): the value of each snippet's last line, run here with real threads."""
    answers = kata.predict()
    assert isinstance(answers, dict) and name in answers, f"predict() must answer the snippet {name!r}"
    got, want = answers[name], _evaluate(SNIPPETS[name])
    assert got == want, (
        f"predict()[{name!r}]: the value of the last line -- an update is lost when a write is "
        "based on a read made before another thread's write"
    )
    assert _same_types(got, want), (
        f"predict()[{name!r}]: the right value but the wrong type -- give the value itself, "
        f"a {type(want).__name__}"
    )


# --- Part 3: cpu_map ----------------------------------------------------------------------

# Work functions a forked worker finds in its copy of this module; the barrier is put here by
# the test before the pool forks its workers.
_shared: dict[str, Any] = {}


def meet(item: int) -> tuple[int, int]:
    _shared["barrier"].wait()
    return item * item, os.getpid()


def square(item: int) -> int:
    return item * item


def boom(item: int) -> int:
    if item == 3:
        raise ValueError("bad item", item)
    return item


def _children() -> set[int]:
    return {p.pid for p in multiprocessing.active_children() if p.pid is not None}


@pytest.mark.parametrize("workers", [2, 3])
def test_cpu_map_runs_in_parallel_processes(workers: int) -> None:
    """cpu_map: `workers` calls at the same time, each in its own process (barrier + PIDs)."""
    before = _children()
    _shared["barrier"] = FORK.Barrier(workers, timeout=2)
    try:
        got = kata.cpu_map(meet, range(workers), workers=workers)
    except threading.BrokenBarrierError:
        raise AssertionError(
            f"cpu_map(..., workers={workers}): {workers} calls must run at the same time"
        ) from None
    finally:
        _shared.pop("barrier", None)
    assert [value for value, _ in got] == [i * i for i in range(workers)], (
        "cpu_map: results are func(item) in the order of items"
    )
    pids = {pid for _, pid in got}
    assert os.getpid() not in pids, "cpu_map: func runs in worker processes, never in this one"
    assert len(pids) == workers, f"cpu_map(..., workers={workers}): each call in its own process"
    assert _children() <= before, "cpu_map: when it returns, its worker processes have exited"


def test_cpu_map_order_and_iterables() -> None:
    """cpu_map: results in the order of items, any iterable, [] for none."""
    items = [5, -2, 7, 0, 3, 11, 1]
    got = kata.cpu_map(square, iter(items), workers=2)
    assert got == [i * i for i in items], "cpu_map: [func(item) for item in items], in order"
    assert kata.cpu_map(square, [], workers=3) == [], "cpu_map: no items -> []"
    assert kata.cpu_map(abs, (x for x in (-1, -2)), workers=1) == [1, 2], (
        "cpu_map: any iterable of items, a generator included"
    )


def test_cpu_map_propagates_the_exception() -> None:
    """cpu_map: an exception from func propagates, same type and args; the pool is shut down."""
    before = _children()
    try:
        kata.cpu_map(boom, range(6), workers=2)
    except ValueError as exc:
        assert exc.args == ("bad item", 3), "cpu_map: the exception from func, same args"
    else:
        raise AssertionError("cpu_map: an exception raised by func propagates")
    assert _children() <= before, "cpu_map: after an exception, its worker processes have exited"


def test_cpu_map_rejects_no_workers() -> None:
    """cpu_map: workers < 1 -> ValueError before anything starts."""
    consumed: list[int] = []

    def items() -> Iterator[int]:
        consumed.append(1)
        yield 1

    for workers in (0, -1):
        try:
            kata.cpu_map(square, items(), workers=workers)
        except ValueError:
            pass
        else:
            raise AssertionError(f"cpu_map(..., workers={workers}): ValueError")
    assert consumed == [], "cpu_map: workers < 1 raises before reading any item"
