"""believes every C call releases the GIL: sorted() and re scale with threads"""
from __future__ import annotations

import enum
import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
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
    b = Bottleneck
    return {
        "digest_chunks": Verdict(faster=True, because=b.C_CALL_RELEASES_GIL),
        "compress_logs": Verdict(faster=True, because=b.C_CALL_RELEASES_GIL),
        "sum_squares": Verdict(faster=False, because=b.PYTHON_BYTECODE_HOLDS_GIL),
        "sort_records": Verdict(faster=True, because=b.C_CALL_RELEASES_GIL),
        "regex_scan": Verdict(faster=True, because=b.C_CALL_RELEASES_GIL),
        "locked_digest": Verdict(faster=False, because=b.OWN_LOCK_SERIALISES),
        "read_socket": Verdict(faster=True, because=b.BLOCKING_IO_RELEASES_GIL),
    }


def predict() -> dict[str, object]:
    """Return, for each part 2 snippet name, the value of its last line (a plain value).

    Example: for a snippet reading ``import threading`` / ``threading.active_count() >= 1``
    the entry would be ``True``.
    """
    return {
        "barrier_between_read_and_write": 1,
        "lock_only_around_the_write": 1,
        "reread_after_the_switch": 2,
        "append_is_one_step": [0, 0],
    }


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
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(func, items))
