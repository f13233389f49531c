"""run_fail_fast cancels the other jobs but raises without waiting for them to finish their cleanup."""


import asyncio
from collections.abc import Coroutine, Iterable
from typing import Any, TypeVar

T = TypeVar("T")


async def run_all_or_nothing(jobs: Iterable[Coroutine[Any, Any, T]]) -> list[T]:
    """Run the jobs together, with ``asyncio.TaskGroup`` semantics.

    All succeed: their results, in input order. As soon as a job raises an ``Exception``,
    every job still running is cancelled; once they have all finished, an ``ExceptionGroup``
    is raised whose ``exceptions`` are the very exception objects the failed jobs raised —
    the first failure's among them, never a ``CancelledError``.

    >>> import asyncio
    >>> async def fail() -> int:
    ...     raise KeyError("missing")
    >>> async def slow() -> int:
    ...     await asyncio.sleep(60)   # cancelled at once when fail() raises
    ...     return 1
    >>> try:
    ...     asyncio.run(run_all_or_nothing([slow(), fail()]))
    ... except ExceptionGroup as group:
    ...     print(repr(group.exceptions))
    (KeyError('missing'),)
    """
    async with asyncio.TaskGroup() as group:  # a failure cancels the rest, then raises a group
        tasks = [group.create_task(job) for job in jobs]
    return [task.result() for task in tasks]


async def run_collecting(jobs: Iterable[Coroutine[Any, Any, T]]) -> list[T | BaseException]:
    """Run the jobs together, with ``asyncio.gather(..., return_exceptions=True)`` semantics.

    Every job runs to its end — a failure cancels nothing. The result has one entry per job,
    in input order: its return value, or the very exception object it raised. That includes
    ``asyncio.CancelledError`` (a ``BaseException``, not an ``Exception``): a job that ends
    cancelled has a ``CancelledError`` in its place, and the others still finish.

    >>> import asyncio
    >>> async def fail() -> int:
    ...     raise KeyError("missing")
    >>> async def one() -> int:
    ...     return 1
    >>> asyncio.run(run_collecting([one(), fail(), one()]))
    [1, KeyError('missing'), 1]
    """
    return await asyncio.gather(*jobs, return_exceptions=True)


async def run_fail_fast(jobs: Iterable[Coroutine[Any, Any, T]]) -> list[T]:
    """Run the jobs together; on the first failure, cancel the rest and raise that exception.

    All succeed: their results, in input order. When a job raises an ``Exception``, every
    job still running is cancelled, and once they have all finished that exception — the
    very object, not wrapped in a group — propagates. (Plain ``asyncio.gather`` would leave
    the others running.)

    >>> import asyncio
    >>> async def fail() -> int:
    ...     await asyncio.sleep(0.01)
    ...     raise KeyError("missing")
    >>> async def slow() -> int:
    ...     await asyncio.sleep(60)   # cancelled at t=0.01, when fail() raises
    ...     return 1
    >>> asyncio.run(run_fail_fast([slow(), fail()]))
    Traceback (most recent call last):
    ...
    KeyError: 'missing'
    """
    tasks = [asyncio.ensure_future(job) for job in jobs]
    try:
        return await asyncio.gather(*tasks)  # the first exception propagates at once ...
    except BaseException:  # ... a job's failure, or our own cancellation
        for task in tasks:
            task.cancel()  # ... so cancel the others (a no-op for the finished ones)
        raise
