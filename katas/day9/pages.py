"""Async generators: walk a paginated API lazily, page by page, and clean up when stopped.

An API returns its results a page at a time: each ``Page`` holds some items and the cursor of
the next page (``None`` on the last one). An ``async def`` with a ``yield`` in it is an *async
generator function*: calling it runs nothing; every ``await anext(gen)`` (or turn of an
``async for``) runs the body to its next ``yield``, and the body may ``await`` in between — here,
to fetch the next page only when the consumer wants more items. Two functions to write:

- ``iterate_items(fetch_page, close=...)`` — an async generator yielding every item of every
  page, in order, fetching lazily, and awaiting ``close()`` once when the iteration ends.
- ``collect(items, limit)`` — the first ``limit`` items of an async generator as a list. It
  closes the generator before returning (``await gen.aclose()``, or ``async with
  contextlib.aclosing(gen)``): a consumer that merely stops asking — ``break`` in an
  ``async for`` — leaves the generator suspended, its ``finally`` blocks not run, until the
  garbage collector gets round to it.

>>> import asyncio
>>> PAGES = {None: Page(["a", "b"], "p2"), "p2": Page([], "p3"), "p3": Page(["c"], None)}
>>> async def fetch_page(cursor: str | None) -> Page[str]:
...     print("fetch", cursor)
...     return PAGES[cursor]
>>> async def demo() -> None:
...     async for item in iterate_items(fetch_page):
...         print(item)
>>> asyncio.run(demo())
fetch None
a
b
fetch p2
fetch p3
c
"""

from collections.abc import AsyncGenerator, Awaitable, Callable, Sequence
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
    raise NotImplementedError


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
    raise NotImplementedError
