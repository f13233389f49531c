"""Grader for day10.counter: no lost update, the value each call produced, every call returns.

Races are made to happen every time, not by luck: a subclass replaces ``_value`` (where the
spec says the count lives) with a property that calls ``time.sleep(0)`` in the middle of every
read and write. ``sleep(0)`` releases the GIL, so another thread runs right inside an unlocked
read-modify-write (measured: an unlocked counter loses ~70% of the updates, a locked one none).
Every check runs its learner calls in threads with a time limit, so a method that waits for a
lock its own thread holds fails in words instead of hanging the grader.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day10 import counter as kata

T = TypeVar("T")
STORE = "_grader_count"  # where the probe keeps what the learner's code stores as self._value
THREADS, TIMES = 4, 50
RETURNING_TIMES, YIELDS = 25, 6  # calls whose result is checked: each yields 6 times more
LIMIT = 5.0
HANGS = (
    "Counter: a call never returned — does a method wait for a lock its own thread already "
    "holds? (threading.Lock is not reentrant: don't call a locking method while holding it)"
)


_hung: list[threading.Thread] = []  # learner calls that never returned


def bounded(test: Callable[..., None]) -> Callable[..., None]:
    """Run the check in a thread with a time limit: a deadlock fails in words, never hangs."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        assert not _hung, HANGS  # one hang is enough: later checks (and retries) fail at once
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


_calls = threading.local()  # per thread: did the current call already write self._value?


def probed(start: int, *, yields_after_own_write: int = 1) -> kata.Counter:
    """A Counter whose ``_value`` lets other threads run in the middle of each read and write.

    A read that follows the calling thread's own write in the same call (``return
    self._value``) yields ``yields_after_own_write`` times first: if the lock was released
    in between, other threads get to write before that read.
    """

    class Probe(kata.Counter):
        @property  # type: ignore[misc]
        def _value(self) -> object:
            wrote, _calls.wrote = getattr(_calls, "wrote", False), False
            for _ in range(yields_after_own_write if wrote else 1):
                time.sleep(0)  # releases the GIL: another thread may run before the read ...
            value = self.__dict__.get(STORE, "<never written>")
            time.sleep(0)  # ... and between the read and whatever the caller does with it
            return value

        @_value.setter
        def _value(self, value: object) -> None:
            time.sleep(0)
            self.__dict__[STORE] = value
            _calls.wrote = True

    counter = Probe(start)
    stored = counter.__dict__.get(STORE, "<never written>")
    assert stored == start, (
        "Counter(start): keep the count in self._value and read and write it only as "
        "self._value (the grader wraps that attribute to make races show up every time)"
    )
    return counter


def hammer(calls: Callable[[], T], times: int = TIMES) -> list[T]:
    """THREADS threads released together by a barrier, each making `times` calls; all results."""
    barrier = threading.Barrier(THREADS, timeout=LIMIT)
    results: list[list[T]] = [[] for _ in range(THREADS)]
    errors: list[BaseException] = []

    def worker(mine: list[T]) -> None:
        try:
            barrier.wait()
            for _ in range(times):
                _calls.wrote = False
                mine.append(calls())
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(r,), daemon=True) for r in results]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + LIMIT
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    assert not any(t.is_alive() for t in threads), HANGS
    if errors:
        raise errors[0]
    return [r for mine in results for r in mine]


def raises_type_error(call: Callable[[], object]) -> str:
    try:
        got = call()
    except TypeError:
        return "TypeError"
    except NotImplementedError:
        raise
    except Exception as exc:
        return type(exc).__name__
    return f"returned {got!r}"


@bounded
def test_every_method_returns() -> None:
    """Every method returns: none waits for a lock its own thread already holds."""
    counter = kata.Counter(3)
    counter.increment()
    got = (counter.add(2), counter.increment_and_get(), counter.value)
    assert got == (6, 7, 7), (
        "Counter(3): increment(), then add(2) returns 6, increment_and_get() returns 7, "
        "value is 7"
    )


@bounded
def test_no_increment_is_lost() -> None:
    """Concurrent increment() calls never lose an update."""
    counter = probed(10)
    hammer(counter.increment)
    assert counter.value == 10 + THREADS * TIMES, (
        f"Counter(10): after {THREADS} threads made {TIMES} increment() calls each, value is "
        f"10 + {THREADS * TIMES} — an increment was lost (a read-modify-write without a lock, "
        "or a lock that does not cover both the read and the write)"
    )


@bounded
def test_no_add_is_lost_and_each_add_returns_its_own_result() -> None:
    """Concurrent add(n) calls never lose an update; each returns the count it produced."""
    counter = probed(-7, yields_after_own_write=YIELDS)
    got = hammer(lambda: counter.add(3), times=RETURNING_TIMES)
    total = THREADS * RETURNING_TIMES
    assert counter.value == -7 + 3 * total, (
        f"Counter(-7): after {THREADS} threads made {RETURNING_TIMES} add(3) calls each, value "
        f"is -7 + 3 * {total} — an addition was lost"
    )
    assert sorted(got) == [-7 + 3 * k for k in range(1, total + 1)], (
        "add(n) returns the count right after this very addition: concurrent add(3) calls on "
        "Counter(-7) return -4, -1, 2, ... each exactly once (read it while holding the lock)"
    )


@bounded
def test_increment_and_get_returns_each_value_once() -> None:
    """Concurrent increment_and_get() calls return start+1 ... start+k, each exactly once."""
    counter = probed(100, yields_after_own_write=YIELDS)
    got = hammer(counter.increment_and_get, times=RETURNING_TIMES)
    total = THREADS * RETURNING_TIMES
    assert counter.value == 100 + total, (
        f"Counter(100): after {total} concurrent increment_and_get() calls, value is 100 + {total}"
    )
    assert sorted(got) == list(range(101, 101 + total)), (
        f"increment_and_get(): {total} concurrent calls on Counter(100) return 101 ... "
        f"{100 + total}, each exactly once — the value this call produced, read while still "
        "holding the lock"
    )


@bounded
def test_mixed_calls_lose_nothing() -> None:
    """increment(), add() and increment_and_get() together still lose nothing."""
    counter = probed(0)
    which = iter(range(10**6))
    lock = threading.Lock()

    def one_call() -> None:
        with lock:
            k = next(which) % 3
        if k == 0:
            counter.increment()
        elif k == 1:
            counter.add(-2)
        else:
            counter.increment_and_get()

    hammer(one_call)
    calls = THREADS * TIMES
    want = sum((1, -2, 1)[k % 3] for k in range(calls))
    assert counter.value == want, (
        "Counter(): increment(), add(-2) and increment_and_get() called together from several "
        "threads lose no update"
    )


OPS = st.lists(
    st.one_of(
        st.just(("increment",)),
        st.just(("increment_and_get",)),
        st.just(("value",)),
        st.tuples(st.just("add"), st.integers(-(2**70), 2**70)),
    ),
    max_size=30,
)


@settings(max_examples=60)
@given(start=st.integers(-(2**70), 2**70), ops=OPS)
@example(start=0, ops=[("add", 0), ("increment_and_get",), ("add", -5), ("value",)])
@bounded
def test_one_thread_behaves_like_an_int(start: int, ops: list[tuple[Any, ...]]) -> None:
    """From one thread, the counter is a plain integer count (any size of int)."""
    counter = kata.Counter(start)
    want = start
    for op, *args in ops:
        if op == "increment":
            got: object = counter.increment()
            want += 1
            assert got is None, "increment() returns None"
        elif op == "add":
            want += args[0]
            got = counter.add(args[0])
            assert got == want, f"add({args[0]}) returns the count right after the addition"
        elif op == "increment_and_get":
            want += 1
            got = counter.increment_and_get()
            assert got == want, "increment_and_get() returns the count after adding 1"
        got = counter.value
        assert got == want, f"value: the count after Counter({start}) and {op}()"


@bounded
def test_non_int_start_and_n_are_refused() -> None:
    """start and n must be int: TypeError otherwise; a refused add changes nothing."""
    counter = kata.Counter(5)
    got = {
        "Counter(1.5)": raises_type_error(lambda: kata.Counter(1.5)),  # type: ignore[arg-type]
        'Counter("1")': raises_type_error(lambda: kata.Counter("1")),  # type: ignore[arg-type]
        "Counter(None)": raises_type_error(lambda: kata.Counter(None)),  # type: ignore[arg-type]
        "add(1.5)": raises_type_error(lambda: counter.add(1.5)),  # type: ignore[arg-type]
        'add("1")': raises_type_error(lambda: counter.add("1")),  # type: ignore[arg-type]
        "add(None)": raises_type_error(lambda: counter.add(None)),  # type: ignore[arg-type]
    }
    assert got == dict.fromkeys(got, "TypeError"), (
        "Counter(start) and add(n) raise TypeError unless start / n is an int"
    )
    assert counter.value == 5, "a refused add(n) leaves the count unchanged"
    assert type(counter.value) is int, "value is an int"


@bounded
def test_counters_are_independent() -> None:
    """Two counters never share their count."""
    first, second = kata.Counter(), kata.Counter(40)
    first.add(2)
    first.increment()
    assert (first.value, second.value) == (3, 40), (
        "two counters are independent: adding to one never changes the other"
    )


@bounded
def test_value_is_read_only() -> None:
    """value is a read-only property."""
    counter = kata.Counter(1)
    try:
        counter.value = 9  # type: ignore[misc]
    except AttributeError:
        pass
    assert counter.value == 1, "value is read-only: assigning to it raises AttributeError"
