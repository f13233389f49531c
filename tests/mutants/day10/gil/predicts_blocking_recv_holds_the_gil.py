"""predict(): thinks a thread blocked in recv() keeps the GIL, so main never sends."""

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
        "blocking_io_lets_go": [],  # recv() releases the GIL, so main can send
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
