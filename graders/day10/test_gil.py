"""Grader for day10.gil: which operations are atomic, what the GIL does to real threads, and a
check-then-act race fixed.

The truth for each prediction comes from running the snippet here:

- part 1 (``atomic``): the snippet's real bytecode runs under ``sys.settrace`` with opcode
  events; for every bytecode boundary of the first call ``work(1)``, a fresh run pauses there
  and runs the whole second call ``work(2)`` — exactly what a thread switch at that point
  would do. The operation is atomic when every such run ends like one of the two sequential
  orders (the spec's rule: a switch may come before any bytecode);
- part 2 (``predict``): the snippet runs for real, with real threads.

The registry's race is made to happen every time: the factory calls ``time.sleep(0)``, which
releases the GIL, so the other threads (released together by a barrier) run inside an
unlocked check-then-act.
"""

from __future__ import annotations

import ast
import functools
import sys
import textwrap
import threading
import time
from collections import Counter
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from day10 import gil as kata

SNIPPETS = {
    "list_append": """
    items = []
    def work(n):
        items.append(n)
""",
    "dict_store": """
    squares = {}
    def work(n):
        squares[n] = n * n
""",
    "int_add": """
    count = 0
    def work(n):
        global count
        count += n
""",
    "dict_item_add": """
    hits = {"home": 0}
    def work(n):
        hits["home"] += n
""",
    "deque_popleft": """
    from collections import deque
    jobs = deque(["a", "b"])
    def work(n):
        return jobs.popleft()
""",
    "check_then_popleft": """
    from collections import deque
    jobs = deque(["a"])
    def work(n):
        if jobs:
            return jobs.popleft()
""",
    "setdefault_append": """
    groups = {}
    def work(n):
        groups.setdefault("k", []).append(n)
""",
    "check_then_set": """
    groups = {}
    def work(n):
        if "k" not in groups:
            groups["k"] = []
        groups["k"].append(n)
""",
    "list_iadd": """
    items = []
    def work(n):
        global items
        items += [n]
""",
    "next_of_count": """
    import itertools
    ids = itertools.count()
    def work(n):
        return next(ids)
""",
    "switch_interval": """
    import sys
    sys.getswitchinterval()
""",
    "threads_are_os_threads": """
    import threading
    everyone_started = threading.Barrier(4, timeout=5)
    threads = [threading.Thread(target=everyone_started.wait) for _ in range(3)]
    for t in threads:
        t.start()
    everyone_started.wait()
    ids = {t.native_id for t in threads} | {threading.get_native_id()}
    for t in threads:
        t.join()
    len(ids)
""",
    "blocking_io_lets_go": """
    import socket
    import threading
    left, right = socket.socketpair()
    received = []
    reader = threading.Thread(target=lambda: received.append(left.recv(5)))
    reader.start()
    right.sendall(b"hello")
    reader.join(timeout=5)
    left.close()
    right.close()
    received
""",
    "cpu_bound_keeps_it": """
    import sys
    import threading
    log = []
    def spin():
        total = 0
        for i in range(1_000_000):
            total += i
        log.append("spin done")
    sys.setswitchinterval(1000)
    try:
        spinner = threading.Thread(target=spin)
        spinner.start()
        log.append("main")
        spinner.join()
    finally:
        sys.setswitchinterval(0.005)
    log
""",
}

ATOMIC = list(SNIPPETS)[:10]  # part 1: work(1) and work(2) in two threads
PREDICT = list(SNIPPETS)[10:]  # part 2: run as they are; the last line's value
Outcome = tuple[tuple[tuple[str, str], ...], tuple[str, ...]]


def _fresh(code: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "snippet"}
    exec(compile(textwrap.dedent(code), "<snippet>", "exec"), namespace)
    return namespace


def _result(work: Callable[[int], object], n: int) -> str:
    try:
        return repr(work(n))
    except Exception as exc:  # part of the outcome: IndexError from an emptied deque, say
        return type(exc).__name__


def _outcome(namespace: dict[str, Any], results: list[str]) -> Outcome:
    shared = {
        name: repr(value)
        for name, value in namespace.items()
        if not name.startswith("__") and not callable(value) and not isinstance(value, type(sys))
    }
    return tuple(sorted(shared.items())), tuple(sorted(results))


def _switched_at(code: str, boundary: int) -> Outcome | None:
    """work(1), with all of work(2) run at its `boundary`-th bytecode; None if it has fewer."""
    namespace = _fresh(code)
    work = namespace["work"]
    results: list[str] = []
    seen = 0

    def on_opcode(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal seen
        if event == "opcode":
            if seen == boundary:
                results.append(_result(work, 2))  # tracing is off inside a trace function
            seen += 1
        return on_opcode

    def on_call(frame: FrameType, event: str, arg: object) -> Any:
        if frame.f_code.co_filename != "<snippet>":
            return None
        frame.f_trace_opcodes = True
        return on_opcode

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        results.append(_result(work, 1))
    finally:
        sys.settrace(previous)
    return _outcome(namespace, results) if len(results) == 2 else None


@functools.cache
def _is_atomic(code: str) -> bool:
    sequential = set()
    for order in ((1, 2), (2, 1)):
        namespace = _fresh(code)
        sequential.add(_outcome(namespace, [_result(namespace["work"], n) for n in order]))
    boundary = 0
    while (outcome := _switched_at(code, boundary)) is not None:
        if outcome not in sequential:
            return False
        boundary += 1
    assert boundary > 0, "the grader traced no bytecode (a bug in the grader)"
    return True


def _evaluate(code: str) -> object:
    """Run a snippet in a fresh namespace; return the value of its last line."""
    *body, last = ast.parse(textwrap.dedent(code).strip()).body
    assert isinstance(last, ast.Expr)
    namespace: dict[str, object] = {"__name__": "snippet"}
    exec(compile(ast.Module(body=body, type_ignores=[]), "<snippet>", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "<snippet>", "eval"), namespace)


@pytest.mark.predict
@pytest.mark.parametrize("name", ATOMIC)
def test_atomic(name: str) -> None:
    """atomic(): True exactly when no interleaving of work(1) and work(2) gives an outcome
    that running them one after the other cannot."""
    answers = kata.atomic()
    assert name in answers, f"atomic() must answer the snippet {name!r}"
    got = answers[name]
    assert isinstance(got, bool), f"atomic()[{name!r}] is True or False"
    assert got == _is_atomic(SNIPPETS[name]), (
        f"atomic()[{name!r}]: can two threads running work(1) and work(2) at once — a switch "
        "allowed before any bytecode — end with shared state or results that no "
        "one-after-the-other order gives? Count the bytecodes between reading and writing"
    )


@pytest.mark.predict
@pytest.mark.parametrize("name", PREDICT)
def test_predict(name: str) -> None:
    """predict(): the value each part 2 snippet's last line evaluates to, with real threads."""
    answers = kata.predict()
    assert name in answers, f"predict() must answer the snippet {name!r}"
    got, want = answers[name], _evaluate(SNIPPETS[name])
    last = SNIPPETS[name].strip().splitlines()[-1].strip()
    assert got == want, f"predict()[{name!r}]: what `{last}` is when the snippet has run"
    assert repr(got) == repr(want), (
        f"predict()[{name!r}]: the right value but the wrong type — give the value itself, "
        f"a {type(want).__name__}"
    )


# ---------------------------------------------------------------- part 3: the registry

THREADS, KEYS, LIMIT = 4, 12, 5.0
HANGS = (
    "Registry.get(): a call never returned — does get() wait for a lock its own thread "
    "already holds? (threading.Lock is not reentrant)"
)
_hung: list[threading.Thread] = []


def bounded(test: Callable[..., None]) -> Callable[..., None]:
    """Run the check in a thread with a time limit: a deadlock fails in words, never hangs."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        assert not _hung, HANGS
        outcome: list[BaseException] = []

        def target() -> None:
            try:
                test(*args, **kwargs)
            except BaseException as exc:  # re-raised in the grader's own thread below
                outcome.append(exc)

        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        thread.join(LIMIT)
        if thread.is_alive():
            _hung.append(thread)
        assert not _hung, HANGS
        if outcome:
            raise outcome[0]

    return run


class Made:
    """A value the factory made: equal only to itself, so identity is what is compared."""

    def __init__(self, key: object) -> None:
        self.key = key

    def __repr__(self) -> str:
        return f"<value made for {self.key!r}>"


class SlowFactory:
    """Counts its calls per key; yields the GIL while 'connecting', so races happen."""

    def __init__(self, fail: frozenset[object] = frozenset()) -> None:
        self.calls: Counter[object] = Counter()
        self.fail = set(fail)
        self._lock = threading.Lock()

    def __call__(self, key: object) -> Made:
        with self._lock:
            self.calls[key] += 1
        for _ in range(3):
            time.sleep(0)  # releases the GIL: other threads run right here
        if key in self.fail:
            raise ConnectionError(f"cannot make {key!r}")
        return Made(key)


@bounded
def test_concurrent_gets_make_one_value_per_key() -> None:
    """Many threads asking for a key at the same moment: factory runs once, all get that value."""
    factory = SlowFactory()
    registry = kata.Registry(factory)
    barrier = threading.Barrier(THREADS, timeout=LIMIT)
    got: list[list[object]] = [[] for _ in range(THREADS)]
    errors: list[BaseException] = []

    def worker(mine: list[object]) -> None:
        try:
            for key in range(KEYS):
                barrier.wait()  # all threads ask for this key at the same moment
                mine.append(registry.get(key))
        except BaseException as exc:
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=worker, args=(g,), daemon=True) for g in got]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for error in errors:  # the learner's exception, not the barrier broken because of it
        if not isinstance(error, threading.BrokenBarrierError):
            raise error
    assert dict(factory.calls) == dict.fromkeys(range(KEYS), 1), (
        f"Registry.get(key): {THREADS} threads asking for the same key at once — factory(key) "
        "is called exactly once per key (a check-then-act without a lock lets each thread see "
        "the key missing)"
    )
    distinct = [len({id(g[key]) for g in got}) for key in range(KEYS)]
    assert distinct == [1] * KEYS, (
        "Registry.get(key): every thread gets the very same object for a key"
    )


@settings(max_examples=30)
@given(st.lists(st.sampled_from("abcde"), max_size=25))
@bounded
def test_one_thread_makes_each_key_once(keys: list[str]) -> None:
    """From one thread: factory(key) on a key's first get only; later gets return that object."""
    factory = SlowFactory()
    registry = kata.Registry(factory)
    first: dict[str, object] = {}
    for key in keys:
        value = registry.get(key)
        first.setdefault(key, value)
        assert value is first[key], f"Registry.get({key!r}) returns the same object every time"
        assert isinstance(value, Made) and value.key == key, (
            f"Registry.get({key!r}) returns what factory({key!r}) returned"
        )
    assert dict(factory.calls) == dict.fromkeys(keys, 1), (
        "Registry.get(key): factory(key) is called once per key, on its first get"
    )


@bounded
def test_a_failing_factory_stores_nothing() -> None:
    """factory raising: the exception propagates, nothing is stored, the next get retries."""
    factory = SlowFactory(fail=frozenset({"db"}))
    registry = kata.Registry(factory)
    for attempt in (1, 2):
        try:
            got = registry.get("db")
        except ConnectionError:
            pass
        else:
            raise AssertionError(
                f"Registry.get(key): when factory(key) raises, get raises it too — got {got!r}"
            )
        assert factory.calls["db"] == attempt, (
            "Registry.get(key): after factory(key) raised, nothing is stored — the next "
            "get(key) calls factory(key) again"
        )
    factory.fail.clear()
    value = registry.get("db")
    assert isinstance(value, Made) and registry.get("db") is value, (
        "Registry.get(key): once factory(key) succeeds, that value is stored and returned"
    )
    assert factory.calls["db"] == 3, "Registry.get(key): a stored value is not made again"


@bounded
def test_registries_are_independent() -> None:
    """Two registries never share values."""
    first, second = kata.Registry(SlowFactory()), kata.Registry(SlowFactory())
    a, b = first.get("k"), second.get("k")
    assert a is not b, "two registries never share values: each makes its own for a key"
