"""collect returns [] for limit=0 before closing the generator."""


from collections.abc import AsyncGenerator, Awaitable, Callable, Sequence
from contextlib import aclosing
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results: its items, and the cursor of the next page (``None``: the last)."""

    items: Sequence[T]
    next_cursor: str | None = None


async def iterate_items(
    fetch_page: Callable[[str | None], Awaitable[Page[T]]],
    close: Callable[[], Awaitable[None]] | None = None,
) -> AsyncGenerator[T, None]:
    """Yield every item of every page, in order, fetching each page only when it is needed.

    Write it as an async generator function (an ``async def`` with ``yield``).

    - **Cursors**: the first page is ``await fetch_page(None)``; each next one is
      ``await fetch_page(page.next_cursor)``, until a page whose ``next_cursor`` is ``None``
      — that last page's items are yielded too. Pages without items (in the middle or at
      the end) are fine: they contribute nothing.
    - **Lazy**: calling ``iterate_items(...)`` fetches nothing. The first page is fetched
      when the first item is asked for, and a next page only when an item beyond those
      already fetched is asked for: after yielding a page's last item, nothing more is
      fetched until the consumer asks again. A consumer that takes the first 3 items of a
      10-item first page causes exactly one fetch.
    - **A looping server**: if a page's ``next_cursor`` is a cursor already fetched in this
      iteration, raise ``RuntimeError`` (after that page's items) instead of fetching it again.
    - **Errors**: an exception from ``fetch_page`` propagates to the consumer unchanged (the
      items before it have been yielded).
    - **Cleanup**: if ``close`` is given, it is awaited exactly once when an iteration that
      has started ends, however it ends: the last page was consumed, an exception (from
      ``fetch_page``, or the ``RuntimeError``) is on its way out, or the consumer stopped
      early and called ``aclose()``. It is awaited *before* the consumer sees the end, the
      exception, or ``aclose()`` return. A generator closed before its first item was asked
      for never started: nothing is fetched, and ``close`` is not awaited.

    >>> import asyncio
    >>> async def one_page(cursor: str | None) -> Page[int]:
    ...     return Page([1, 2, 3])
    >>> async def bye() -> None:
    ...     print("closed")
    >>> async def demo() -> None:
    ...     gen = iterate_items(one_page, close=bye)
    ...     print(await anext(gen))
    ...     await gen.aclose()
    >>> asyncio.run(demo())
    1
    closed
    """
    fetched: set[str] = set()
    cursor: str | None = None
    try:
        while True:
            page = await fetch_page(cursor)  # runs only when the consumer wants more
            for item in page.items:
                yield item
            cursor = page.next_cursor
            if cursor is None:
                return
            if cursor in fetched:
                raise RuntimeError(f"the server sent cursor {cursor!r} a second time")
            fetched.add(cursor)
    finally:  # exhausted, an exception, or aclose() (GeneratorExit at the `yield`)
        if close is not None:
            await close()


async def collect(items: AsyncGenerator[T, None], limit: int | None = None) -> list[T]:
    """Return the first ``limit`` items of ``items`` (all of them for ``None``) as a list.

    Asks the generator for exactly as many items as it returns — never one more, so with
    ``limit=3`` the fourth item (and the page it is on) is never fetched — and fewer only
    when the generator ends first. Before returning, it closes the generator
    (``aclose()``), so the generator's cleanup has run by the time ``collect`` returns. An
    exception from the generator propagates unchanged. ``limit=0`` gives ``[]`` without asking
    for anything; a negative ``limit`` raises ``ValueError`` without asking for anything.

    >>> import asyncio
    >>> async def numbers() -> AsyncGenerator[int, None]:
    ...     try:
    ...         for n in range(100):
    ...             yield n
    ...     finally:
    ...         print("cleaned up")
    >>> asyncio.run(collect(numbers(), 3))
    cleaned up
    [0, 1, 2]
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0 or None, got {limit}")
    result: list[T] = []
    if limit == 0:
        return result
    async with aclosing(items):  # its cleanup runs now, not whenever it is garbage-collected
        while limit is None or len(result) < limit:  # never asks for one item too many
            try:
                result.append(await anext(items))
            except StopAsyncIteration:
                break
    return result
