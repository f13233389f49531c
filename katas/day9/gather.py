"""``asyncio.gather`` vs ``asyncio.TaskGroup``: what happens to the other jobs when one fails.

Three ways to run several coroutines ("jobs") at the same time. All three start every job at
once, take as long as the longest job when nothing fails, return the results in the order of
the input (not the order the jobs finished), return ``[]`` for no jobs, and accept any iterable
of coroutines (a generator too). They differ in what a failure does to the others:

========================  ==============================  ==================================
function                  when a job raises               the other jobs
========================  ==============================  ==================================
``run_all_or_nothing``    ``ExceptionGroup`` of the       cancelled, and waited for
                          failures (``TaskGroup``)
``run_collecting``        nothing raised: the exception   keep running to their end
                          takes the job's place in the
                          result list
``run_fail_fast``         the first exception itself,     cancelled, and waited for
                          not wrapped
========================  ==============================  ==================================

"Cancelled, and waited for": each job still running gets ``CancelledError`` raised at the
``await`` it is suspended in, and the function raises only once every one of them has finished
— so their ``except``/``finally`` cleanup has run by then, and nothing is left running in the
background. That is exactly what plain ``await asyncio.gather(*coros)`` does *not* do: it
raises the first exception at once and leaves the other jobs running, unsupervised.

Cancelling the caller: if the task awaiting any of the three functions is cancelled, every job
still running is cancelled too, the function waits for them to finish, and ``CancelledError``
propagates to the caller (no result list).

Wait only by awaiting: the grader runs everything in virtual time and watches, on the loop's
clock, when each job finishes, fails or is cancelled.

>>> import asyncio
>>> async def job(seconds: float, value: str) -> str:
...     await asyncio.sleep(seconds)
...     if value == "bad":
...         raise ValueError(f"job failed after {seconds} s")
...     return value
>>> asyncio.run(run_all_or_nothing([job(0.2, "a"), job(0.1, "b")]))
['a', 'b']
>>> asyncio.run(run_collecting([job(0.2, "a"), job(0.1, "bad")]))
['a', ValueError('job failed after 0.1 s')]
>>> asyncio.run(run_fail_fast([job(0.2, "a"), job(0.1, "bad")]))
Traceback (most recent call last):
...
ValueError: job failed after 0.1 s
"""

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
    raise NotImplementedError


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
    raise NotImplementedError


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
    raise NotImplementedError
