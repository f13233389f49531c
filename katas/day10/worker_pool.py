"""Multiprocessing worker pool: run a function over items in worker processes.

Threads cannot run Python bytecode in parallel (the GIL); processes can. Write
``run_pool(func, items, *, workers=None, start_method="fork")``: it calls ``func(item)`` for
every item in worker processes and returns the results. Use ``multiprocessing.Pool`` or
``concurrent.futures.ProcessPoolExecutor``, whichever you like. What it must do:

- **Results in input order**: the result is ``[func(item) for item in items]``, however the
  calls finish. ``items`` may be any iterable (a generator too); an empty one gives ``[]``.
- **In worker processes, in parallel**: every call runs in a worker process, never in the
  caller's; at most ``workers`` worker processes are started in all, and with ``workers=k``
  and ``k`` items all ``k`` calls run at the same time, each in its own process.
  ``workers=None`` means ``os.cpu_count()`` workers (asked when ``run_pool`` is called).
- **Start method**: the processes are started with ``start_method`` (``"fork"``, ``"spawn"`` or
  ``"forkserver"``; get a context with ``multiprocessing.get_context(start_method)``). Under
  ``"spawn"`` a worker is a fresh interpreter that imports ``func`` by its module and name.
- **Only picklable functions**: ``func`` travels to the workers by ``pickle``, which stores a
  function as "module + name". A lambda, a function defined inside another function, or a
  ``functools.partial`` of one cannot be pickled: ``run_pool`` raises ``TypeError`` naming
  the problem *before any worker process starts* (``pickle.dumps(func)`` tells you).
  Module-level functions, builtins such as ``abs`` and ``functools.partial`` of them are fine.
  ``items`` and the results must be picklable too (not checked).
- **Errors name the item**: if a call raises an ``Exception``, ``run_pool`` raises
  ``WorkerError(item, cause)`` for the *first failing item in input order*, chained to the
  cause (``raise WorkerError(item, exc) from exc``). ``cause`` is the exception as it arrived
  from the worker: same type and ``args`` as the one raised there. Items after a failing one
  may or may not have been run.
- **Clean shutdown**: when ``run_pool`` returns or raises, the pool is shut down: every worker
  process it started has exited and been reaped (``join``-ed) — no process left running, no
  zombie. Leaving the pool to the garbage collector does not count: Python then warns
  ``ResourceWarning: unclosed running multiprocessing pool``. Use ``with`` (or ``close()``
  then ``join()``).
- **Bad arguments**: ``workers < 1`` and an unknown ``start_method`` raise ``ValueError``,
  before any worker process starts.

Example::

    >>> import math
    >>> run_pool(math.factorial, [5, 0, 3], workers=2)
    [120, 1, 6]
    >>> try:
    ...     run_pool(math.factorial, [3, -1, 4, -2])
    ... except WorkerError as err:
    ...     print(err.item, repr(err.cause))
    -1 ValueError('factorial() not defined for negative values')
    >>> run_pool(lambda x: x, [1])
    Traceback (most recent call last):
    ...
    TypeError: ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class WorkerError(Exception):
    """A call ``func(item)`` raised in a worker process.

    ``item`` is the item; ``cause`` the exception that call raised (as it arrived from the
    worker). ``str(err)`` is ``f"item {item!r} failed: {cause!r}"``.

    >>> err = WorkerError(-1, ValueError("negative"))
    >>> err.item, err.cause.args, str(err)
    (-1, ('negative',), "item -1 failed: ValueError('negative')")
    """

    item: object
    cause: Exception

    def __init__(self, item: object, cause: Exception) -> None:
        raise NotImplementedError


def run_pool(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int | None = None,
    start_method: str = "fork",
) -> list[R]:
    """Return ``[func(item) for item in items]``, computed in up to ``workers`` processes.

    Results are in input order. Raises ``WorkerError(item, cause)`` (chained to ``cause``) for
    the first item in input order whose call raised; ``TypeError`` if ``func`` cannot be
    pickled, ``ValueError`` for ``workers < 1`` or an unknown ``start_method`` — both before any
    worker starts. Every worker process has exited and been reaped when it returns or raises.

    >>> import operator
    >>> run_pool(operator.neg, range(4), workers=2, start_method="spawn")
    [0, -1, -2, -3]
    """
    raise NotImplementedError
