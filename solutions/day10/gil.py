"""What the GIL protects, and what it does not.

CPython's global interpreter lock (GIL) lets one thread at a time run Python bytecode. Python
threads are real operating-system threads, but while one of them runs Python code the others
wait for the GIL. The running thread is asked to let go every *switch interval*, and it lets
go by itself whenever it blocks — in I/O, ``time.sleep``, ``lock.acquire`` — so threads help
with waiting (I/O-bound work) and not with computing (CPU-bound work: use processes).

What the GIL guarantees is small: one bytecode runs without interruption, so an operation
done by a single bytecode that works in C (``list.append``, ``dict[k] = v``,
``deque.popleft``) is atomic. A statement made of several bytecodes is not: a thread switch
may come between any two of them. ``count += 1`` is a read, an add and a write; ``if key not
in d: d[key] = ...`` is a check and then an act. Both need a lock. (Which switch points a
given CPython version really uses is an implementation detail — 3.11 checks rarely, which is
why a stress test of ``count += 1`` seldom shows the lost update; a free-threaded 3.13 has no
GIL at all. Code to the rule, not to a version.)

Three parts:

1. ``atomic()`` — which operations two threads may run at once without a lock.
2. ``predict()`` — what four small thread programs return: what the GIL does to real threads.
3. ``Registry`` — fix a check-then-act race.

Part 1 snippets. Two threads run one snippet's ``work`` at the same moment, one calling
``work(1)`` and the other ``work(2)``, each exactly once, with a thread switch allowed
before any bytecode:

``list_append``::

    items = []
    def work(n):
        items.append(n)

``dict_store``::

    squares = {}
    def work(n):
        squares[n] = n * n

``int_add``::

    count = 0
    def work(n):
        global count
        count += n

``dict_item_add``::

    hits = {"home": 0}
    def work(n):
        hits["home"] += n

``deque_popleft``::

    from collections import deque
    jobs = deque(["a", "b"])
    def work(n):
        return jobs.popleft()

``check_then_popleft``::

    from collections import deque
    jobs = deque(["a"])
    def work(n):
        if jobs:
            return jobs.popleft()

``setdefault_append``::

    groups = {}
    def work(n):
        groups.setdefault("k", []).append(n)

``check_then_set``::

    groups = {}
    def work(n):
        if "k" not in groups:
            groups["k"] = []
        groups["k"].append(n)

``list_iadd``::

    items = []
    def work(n):
        global items
        items += [n]

``next_of_count``::

    import itertools
    ids = itertools.count()
    def work(n):
        return next(ids)

Part 2 snippets. Each runs on its own, in a fresh namespace, with real threads:

``switch_interval``::

    import sys
    sys.getswitchinterval()

``threads_are_os_threads``::

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

``blocking_io_lets_go``::

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

``cpu_bound_keeps_it``::

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
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


def atomic() -> dict[str, bool]:
    """For each part 1 snippet name: is ``work`` safe to run in two threads at once, unlocked?

    ``True`` when every interleaving of the two calls ends with the same shared state and the
    same return values (or exceptions) as running ``work(1)`` and ``work(2)`` one after the
    other, in one order or the other. ``False`` when some interleaving gives an outcome no
    such order gives: a lost update, an exception, a value returned twice.

    Example: for a snippet ``total = 0`` / ``def work(n): total = n`` — a rebinding of a
    local name — the answer would be ``True``.
    """
    return {
        "list_append": True,  # one CALL: list.append runs in C, holding the GIL
        "dict_store": True,  # one STORE_SUBSCR (keys with a C-level __hash__/__eq__)
        "int_add": False,  # LOAD, add, STORE: both threads may load 0
        "dict_item_add": False,  # d[k] read, add, d[k] write: same lost update
        "deque_popleft": True,  # one C call: each thread gets its own item
        "check_then_popleft": False,  # both see a non-empty deque; the second pop raises
        "setdefault_append": True,  # setdefault is one C call: one list, both appends land
        "check_then_set": False,  # both see "k" missing; the second [] drops an append
        "list_iadd": True,  # += extends the one shared list in place; the re-store is harmless
        "next_of_count": True,  # itertools.count's __next__ is C: 0 and 1, never twice
    }


def predict() -> dict[str, object]:
    """For each part 2 snippet name: the value its last line evaluates to.

    Plain Python values (``3``, ``[b"x"]``, ``["a", "b"]``, ``0.25``), not strings describing
    them. Example: for a snippet reading ``threading.active_count() >= 1`` the entry would
    be ``True``.
    """
    return {
        "switch_interval": 0.005,  # the running thread is asked to drop the GIL every 5 ms
        "threads_are_os_threads": 4,  # three threads plus main: four OS threads
        "blocking_io_lets_go": [b"hello"],  # recv() releases the GIL, so main can send
        "cpu_bound_keeps_it": ["spin done", "main"],  # main waits for the GIL until spin ends
    }


class Registry(Generic[K, V]):
    """One shared value per key, created on first use — once, however many threads ask at once.

    This version is the classic check-then-act race: two threads both see the key missing,
    both call the factory, and each gets its own object (two connection pools, two caches).
    The GIL does not help: a thread switch may come between the check and the act. Fix it::

        class Registry:
            def __init__(self, factory):
                self._factory = factory
                self._items = {}

            def get(self, key):
                if key not in self._items:                 # check ...
                    self._items[key] = self._factory(key)  # ... then act
                return self._items[key]

    Rules (``factory`` never calls back into the registry):

    - ``get(key)`` calls ``factory(key)`` at most once per key, also when many threads call
      ``get(key)`` at the same moment; every ``get(key)`` returns that very object.
    - If ``factory(key)`` raises, the exception propagates from ``get`` and nothing is stored:
      a later ``get(key)`` calls ``factory(key)`` again.
    - Two registries never share values.

    >>> pools = Registry(lambda dsn: {"dsn": dsn})
    >>> pools.get("db1") is pools.get("db1")
    True
    >>> pools.get("db2")
    {'dsn': 'db2'}
    """

    def __init__(self, factory: Callable[[K], V]) -> None:
        """Values for keys will be made by ``factory(key)``, once per key."""
        self._factory = factory
        self._items: dict[K, V] = {}
        self._lock = threading.Lock()

    def get(self, key: K) -> V:
        """The value for ``key``, made by ``factory(key)`` on the first call for that key."""
        try:
            return self._items[key]  # fast path: one dict read is atomic, no lock needed
        except KeyError:
            pass
        with self._lock:  # check and act as one step
            try:
                return self._items[key]  # check again: another thread may have made it meanwhile
            except KeyError:
                value = self._items[key] = self._factory(key)  # raises? then nothing is stored
                return value
