'''Explain the GIL -- which programs do threads speed up, what a lost update needs, and
CPU work moved to processes.

CPython's GIL lets one thread at a time run Python bytecode. A thread gives it up when it
blocks (socket ``recv``, file reads, lock waits) and inside C code written to release it
(``hashlib`` hashing more than 2047 bytes, ``zlib.compress``); other C code keeps it
(``sorted``, ``re``, ``json``), and pure Python keeps it except at switch-interval
boundaries. Threads speed work up only where it runs *without* the GIL -- and where the
program's own locks let two threads in at once.

Part 1 -- :func:`speedup`: each program below runs ``work`` in four threads at once, one
input per thread. Say whether four threads finish clearly sooner than one thread doing the
four inputs in turn (``faster``), and which :class:`Bottleneck` decides it (``because``).
The grader proves each program's property by running its ``work``: with the switch interval
set to 1000 s, it checks whether the main thread gets to run while a worker is inside
``work`` (the GIL was released), whether the program's own lock is held meanwhile, and
whether the time goes into Python bytecode or into one C call.

``digest_chunks``::

    import hashlib
    def work(chunk):
        return hashlib.sha256(chunk).hexdigest()

``compress_logs``::

    import zlib
    def work(blob):
        return len(zlib.compress(blob, 6))

``sum_squares``::

    def work(n):
        total = 0
        for i in range(n):
            total += i * i
        return total

``sort_records``::

    def work(records):
        return sorted(records)[0]

``regex_scan``::

    import re
    WORD = re.compile(r"(a|b)*c")
    def work(text):
        return WORD.match(text) is None

``locked_digest``::

    import hashlib
    import threading
    LOCK = threading.Lock()
    def work(chunk):
        with LOCK:
            return hashlib.sha256(chunk).hexdigest()

``read_socket``::

    def work(conn):
        return len(conn.recv(65536))

Part 2 -- :func:`predict`: a lost update needs a read, a switch, and a write based on the
stale read. These snippets force the switch with a barrier, so the outcome is certain. Each
runs on its own in a fresh namespace; the answer is its last line's value.

``barrier_between_read_and_write``::

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

``lock_only_around_the_write``::

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

``reread_after_the_switch``::

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

``append_is_one_step``::

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

Part 3 -- :func:`cpu_map`: run CPU-bound work where the GIL cannot serialise it.
'''

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Bottleneck(enum.Enum):
    """What decides whether threads help a program."""

    PYTHON_BYTECODE_HOLDS_GIL = "the time goes into Python bytecode, which needs the GIL"
    C_CALL_HOLDS_GIL = "the time goes into one C call that keeps the GIL"
    C_CALL_RELEASES_GIL = "the time goes into one C call that releases the GIL"
    BLOCKING_IO_RELEASES_GIL = "the thread waits in the OS (socket, file), without the GIL"
    OWN_LOCK_SERIALISES = "the GIL is released, but the program's own lock lets one in"


@dataclass(frozen=True)
class Verdict:
    """Do four threads finish clearly sooner (``faster``), and what decides it (``because``).

    >>> Verdict(faster=False, because=Bottleneck.PYTHON_BYTECODE_HOLDS_GIL).faster
    False
    """

    faster: bool
    because: Bottleneck


def speedup() -> dict[str, Verdict]:
    """Return a :class:`Verdict` for each part 1 program name.

    >>> sorted(speedup())[:2]
    ['compress_logs', 'digest_chunks']
    """
    raise NotImplementedError


def predict() -> dict[str, object]:
    """Return, for each part 2 snippet name, the value of its last line (a plain value).

    Example: for a snippet reading ``import threading`` / ``threading.active_count() >= 1``
    the entry would be ``True``.
    """
    raise NotImplementedError


def cpu_map(func: Callable[[T], R], items: Iterable[T], *, workers: int) -> list[R]:
    """Return ``[func(item) for item in items]``, computed in up to ``workers`` processes.

    - Runs in a ``concurrent.futures.ProcessPoolExecutor`` whose processes are started with
      the ``"fork"`` method (``multiprocessing.get_context("fork")``), so up to ``workers``
      calls run at the same time, each in its own process with its own GIL -- never in
      threads of this process. ``func`` is a module-level function (it is pickled).
    - Results keep the order of ``items``; ``items`` may be any iterable; ``[]`` for none.
    - An exception raised by ``func`` propagates (same type and ``args``).
    - When it returns or raises, the pool is shut down and its processes joined.
    - ``workers < 1``: ``ValueError`` before anything starts.

    >>> cpu_map(abs, [-1, 2, -3], workers=2)
    [1, 2, 3]
    """
    raise NotImplementedError
