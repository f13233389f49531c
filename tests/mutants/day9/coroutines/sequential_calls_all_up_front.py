"""run_sequentially creates every coroutine up front, then awaits them one by one."""


import asyncio
import inspect
from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar, cast, overload

T = TypeVar("T")


async def run_sequentially(jobs: Iterable[Callable[[], Awaitable[T]]]) -> list[T]:
    """Run the jobs one after the other; return their results in order.

    Job ``k + 1`` is *called* only after job ``k``'s awaitable has finished — not merely
    created up front and awaited later. The total time is the sum of the jobs' times. If a
    job raises, the exception propagates unchanged and the later jobs are never called.
    No jobs: ``[]``.

    >>> import asyncio
    >>> async def one() -> int:
    ...     return 1
    >>> asyncio.run(run_sequentially([one, one]))
    [1, 1]
    """
    pending = [job() for job in jobs]
    return [await awaitable for awaitable in pending]


async def run_concurrently(jobs: Iterable[Callable[[], Awaitable[T]]]) -> list[T]:
    """Run all the jobs at the same time; return their results in *input* order.

    Every job is called right away, before waiting for any of them: all of them start at the
    same moment of the loop's clock, and the total time is that of the longest job.
    The results are in the order of ``jobs``, not the order in which they finished. The jobs
    here do not fail (failures are the ``gather`` kata's subject). No jobs: ``[]``.

    >>> import asyncio
    >>> async def after(seconds: float, value: str) -> str:
    ...     await asyncio.sleep(seconds)
    ...     return value
    >>> asyncio.run(run_concurrently([lambda: after(0.2, "slow"), lambda: after(0.1, "fast")]))
    ['slow', 'fast']
    """
    return await asyncio.gather(*(job() for job in jobs))  # gather keeps the input order


@overload
async def call_handler(handler: Callable[[], Awaitable[T]]) -> T: ...
@overload
async def call_handler(handler: Callable[[], T]) -> T: ...
async def call_handler(handler: Callable[[], T | Awaitable[T]]) -> T:
    """Call ``handler()`` once; await its result if that is awaitable; return the value.

    Frameworks accept both plain and ``async`` handlers. Decide by what the call *returned*,
    not by how the handler was defined: a lambda or a ``functools.partial`` around an
    ``async def``, or an object whose ``__call__`` is ``async def``, also returns a
    coroutine, and a plain function may return an ``asyncio.Future`` or any object with
    ``__await__``. Anything awaitable is awaited and its value returned; anything else —
    ``None``, ``0``, a list — is returned as it is. The handler is called exactly once.
    (The two ``@overload`` lines above tell mypy that both an ``async`` handler producing a
    ``T`` and a plain one returning a ``T`` give a ``T``: keep them.)

    >>> import asyncio
    >>> async def ready() -> str:
    ...     return "async"
    >>> asyncio.run(call_handler(ready)), asyncio.run(call_handler(lambda: "plain"))
    ('async', 'plain')
    """
    result = handler()
    if inspect.isawaitable(result):  # by what it returned: coroutine, Future, __await__
        return cast(T, await result)
    return result


def predictions() -> dict[str, list[str]]:
    """Return ``{snippet name: [the lines it prints, in order]}`` for every snippet above.

    Each line is a string exactly as ``print`` writes it, without the newline: a snippet
    doing ``print(1, "a")`` prints ``["1 a"]``. A snippet left out counts as wrong.

    >>> type(predictions()["await_runs_it"])
    <class 'list'>
    """
    return {
        # Calling greet() only builds the coroutine object: its body (print "hello") never
        # runs, and close() discards it without a "never awaited" warning.
        "calling_does_not_run": ["coroutine", "done"],
        # The body runs at the await, after "before"; await evaluates to the return value.
        "await_runs_it": ["before", "hello", "42"],
        # A coroutine object runs once: awaiting it again raises RuntimeError.
        "await_twice": ["42", "RuntimeError"],
        # A plain function that returns a coroutine is not a coroutine function, but what it
        # returns is a coroutine all the same.
        "coroutine_function_or_not": ["True False", "True"],
    }
