"""Coroutines: calling an ``async def`` function is not running it.

Calling an ``async def`` function runs *none* of its body: it returns a **coroutine object**.
The body runs when that object is awaited (or wrapped in a task), and ``await`` evaluates to
the coroutine's return value. So two awaits one after the other take the *sum* of their waits,
while coroutines started together (``asyncio.gather``, ``asyncio.create_task``,
``asyncio.TaskGroup``) take as long as the *longest* one.

Write the three functions below — each one an ``async def`` (the grader checks
``inspect.iscoroutinefunction``) — and the predictions. Wait only by awaiting (never
``time.sleep()``: it blocks the event loop); the grader runs your code in virtual time, where
``await asyncio.sleep(30)`` takes no real time and ``loop.time()`` is exact.

A *job* below is a function of no arguments that returns an awaitable — typically an
``async def`` function, so ``job()`` creates a coroutine and ``await job()`` runs it.

>>> import asyncio
>>> async def pause(seconds: float, value: str) -> str:
...     await asyncio.sleep(seconds)
...     return value
>>> jobs = [lambda: pause(1, "a"), lambda: pause(2, "b"), lambda: pause(3, "c")]
>>> asyncio.run(run_sequentially(jobs))   # takes 1 + 2 + 3 = 6 seconds
['a', 'b', 'c']
>>> asyncio.run(run_concurrently(jobs))   # takes max(1, 2, 3) = 3 seconds
['a', 'b', 'c']

The prediction part, ``predictions()``: for each snippet below, every line it prints. Each
snippet runs on its own, as a complete program, under Python 3.11+.

``calling_does_not_run``::

    async def greet():
        print("hello")
        return 42

    coro = greet()
    print(type(coro).__name__)
    coro.close()
    print("done")

``await_runs_it``::

    import asyncio

    async def greet():
        print("hello")
        return 42

    async def main():
        coro = greet()
        print("before")
        print(await coro)

    asyncio.run(main())

``await_twice``::

    import asyncio

    async def answer():
        return 42

    async def main():
        coro = answer()
        print(await coro)
        try:
            print(await coro)
        except RuntimeError:
            print("RuntimeError")

    asyncio.run(main())

``coroutine_function_or_not``::

    import inspect

    async def fetch():
        return 1

    def fetch_later():
        return fetch()

    print(inspect.iscoroutinefunction(fetch), inspect.iscoroutinefunction(fetch_later))
    coro = fetch_later()
    print(inspect.iscoroutine(coro))
    coro.close()
"""

from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar, overload

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
    raise NotImplementedError


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
    raise NotImplementedError


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
    raise NotImplementedError


def predictions() -> dict[str, list[str]]:
    """Return ``{snippet name: [the lines it prints, in order]}`` for every snippet above.

    Each line is a string exactly as ``print`` writes it, without the newline: a snippet
    doing ``print(1, "a")`` prints ``["1 a"]``. A snippet left out counts as wrong.

    >>> type(predictions()["await_runs_it"])
    <class 'list'>
    """
    raise NotImplementedError
