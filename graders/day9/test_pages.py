"""Grader for day9.pages: lazy pagination with an async generator, cleanup, and collect().

A fake API logs every fetch and every close, so laziness is counted exactly: after each item
the consumer receives, the number of pages fetched must be the fewest that hold that item.
``collect`` is graded on the grader's own async generator, which counts how often it was asked
for an item and whether its ``finally`` ran.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncGenerator
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day9 import pages as kata

pytestmark = [pytest.mark.asyncio, pytest.mark.looptime]


class ApiError(Exception):
    """What a failing fetch raises."""


def cursor_of(index: int) -> str | None:
    """The cursor of page `index` (the first page's is None)."""
    return None if index == 0 else f"cursor-{index}"


class Api:
    """Pages of sizes `sizes`, items numbered across pages; page `fail_at` raises ApiError."""

    def __init__(self, sizes: list[int], fail_at: int | None = None,
                 next_cursors: dict[int, str | None] | None = None) -> None:
        self.pages: list[list[str]] = []
        count = 0
        for size in sizes:
            self.pages.append([f"item {n}" for n in range(count, count + size)])
            count += size
        self.next_cursors = {i: cursor_of(i + 1) if i + 1 < len(sizes) else None
                             for i in range(len(sizes))} | (next_cursors or {})
        self.fail_at = fail_at
        self.error = ApiError(f"page {fail_at} failed")
        self.fetched: list[str | None] = []
        self.closed = 0

    @property
    def items(self) -> list[str]:
        return [item for page in self.pages for item in page]

    def page_holding(self, position: int) -> int:
        """Index of the page that holds the item at `position` (0-based) of the whole list."""
        seen = 0
        for index, page in enumerate(self.pages):
            seen += len(page)
            if position < seen:
                return index
        raise IndexError(position)

    async def fetch(self, cursor: str | None) -> kata.Page[str]:
        self.fetched.append(cursor)  # the request goes out ...
        if len(self.fetched) > 50:
            pytest.fail("iterate_items() keeps fetching: a next_cursor already fetched must "
                        "raise RuntimeError, not be fetched again")
        await asyncio.sleep(0.5)  # ... and its answer takes a while
        index = 0 if cursor is None else int(cursor.removeprefix("cursor-"))
        if index == self.fail_at:
            raise self.error
        return kata.Page(items=list(self.pages[index]), next_cursor=self.next_cursors[index])

    async def close(self) -> None:
        await asyncio.sleep(0)
        self.closed += 1


async def open_items(api: Api, *, with_close: bool = True) -> AsyncGenerator[str, None]:
    """iterate_items(api.fetch, api.close), checked to be an async generator."""
    gen: Any = (kata.iterate_items(api.fetch, api.close) if with_close
                else kata.iterate_items(api.fetch))
    if inspect.iscoroutine(gen):  # an `async def` without `yield`: the untouched stub
        await gen  # the stub raises NotImplementedError here
    if not inspect.isasyncgen(gen):
        pytest.fail("iterate_items() must be an async generator function (an `async def` "
                    f"with `yield`), so calling it returns an async generator — got {gen!r}")
    return gen  # type: ignore[no-any-return]


async def drain(gen: AsyncGenerator[str, None]) -> tuple[list[str], BaseException | None]:
    """Every item with `async for`, and the exception that ended it (None: exhausted)."""
    got: list[str] = []
    try:
        async for item in gen:
            got.append(item)
    except NotImplementedError:
        raise
    except Exception as exc:
        return got, exc
    return got, None


sizes = st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=6)


@settings(max_examples=60)
@given(sizes=sizes)
@example(sizes=[2, 0, 1])
@example(sizes=[0])
@example(sizes=[0, 0, 3, 0])
@example(sizes=[3, 2, 0])
async def test_yields_every_item_following_the_cursors(sizes: list[int]) -> None:
    """Every item of every page, in order; cursors followed until None; close once at the end."""
    api = Api(sizes)
    got, error = await drain(await open_items(api))
    assert error is None, f"iterate_items() over a well-behaved API raised {error!r}"
    assert got == api.items, (
        "iterate_items() yields every item of every page, in order (pages without items "
        "contribute nothing)"
    )
    assert api.fetched == [cursor_of(i) for i in range(len(sizes))], (
        "iterate_items() fetches the first page with None, then each page's next_cursor, "
        "until a page whose next_cursor is None"
    )
    assert api.closed == 1, (
        "iterate_items(): close is awaited exactly once when the last page has been consumed, "
        "before the consumer sees the end"
    )


@settings(max_examples=60)
@given(sizes=sizes)
@example(sizes=[10, 4])
@example(sizes=[1, 0, 0, 2, 0])
async def test_fetches_lazily(sizes: list[int]) -> None:
    """A page is fetched only when an item beyond those already fetched is asked for."""
    api = Api(sizes)
    gen = await open_items(api)
    assert api.fetched == [], "calling iterate_items() fetches nothing"
    for position, want in enumerate(api.items):
        got = await anext(gen)
        assert got == want, "iterate_items() yields every item of every page, in order"
        await asyncio.sleep(1)  # the consumer works on the item: the loop runs meanwhile
        assert len(api.fetched) == api.page_holding(position) + 1, (
            f"iterate_items(): when item {position} is received, exactly the pages up to the one "
            "holding it have been fetched — a page is fetched only when an item beyond those "
            "already fetched is asked for"
        )
        assert api.closed == 0, "iterate_items(): close is awaited only when the iteration ends"
    try:
        extra: object = await anext(gen)
    except StopAsyncIteration:
        extra = "the end"
    assert extra == "the end", "iterate_items(): after the last page's items, the iteration ends"
    assert (len(api.fetched), api.closed) == (len(sizes), 1), (
        "iterate_items(): asked for more after the last item, it fetches the remaining pages "
        "up to next_cursor None, then awaits close once and ends"
    )


@settings(max_examples=40)
@given(sizes=sizes.filter(lambda s: sum(s) > 0), data=st.data())
@example(sizes=[10], data=None)
async def test_aclose_midway_runs_close_and_fetches_no_more(
    sizes: list[int], data: st.DataObject | None
) -> None:
    """The consumer stops early and calls aclose(): close runs at once, nothing more is fetched."""
    api = Api(sizes)
    taken = 3 if data is None else data.draw(st.integers(1, sum(sizes)), label="items taken")
    gen = await open_items(api)
    for _ in range(taken):
        await anext(gen)
    await gen.aclose()
    assert api.closed == 1, (
        "iterate_items(): a consumer that stops early and calls aclose() gets close awaited "
        "exactly once, before aclose() returns"
    )
    assert len(api.fetched) == api.page_holding(taken - 1) + 1, (
        "iterate_items(): a consumer that stops early causes no fetch beyond the page "
        "holding the last item it took"
    )


async def test_closed_before_starting_does_nothing() -> None:
    """A generator closed before its first item was asked for: no fetch, no close."""
    api = Api([2, 1])
    gen = await open_items(api)
    await gen.aclose()
    assert (api.fetched, api.closed) == ([], 0), (
        "iterate_items(): closed before its first item was asked for, it never started: "
        "nothing is fetched and close is not awaited"
    )


@settings(max_examples=40)
@given(sizes=sizes, data=st.data())
@example(sizes=[2, 0, 1], data=None)
async def test_fetch_error_propagates_after_close(
    sizes: list[int], data: st.DataObject | None
) -> None:
    """An exception from fetch_page reaches the consumer unchanged, after close was awaited."""
    fail_at = 1 if data is None else data.draw(st.integers(0, len(sizes) - 1), label="fail_at")
    api = Api(sizes, fail_at=fail_at)
    got, error = await drain(await open_items(api))
    assert error is api.error, (
        "iterate_items(): an exception from fetch_page propagates to the consumer unchanged"
    )
    assert got == [item for page in api.pages[:fail_at] for item in page], (
        "iterate_items(): the items of the pages before the failing fetch are yielded first"
    )
    assert api.closed == 1, (
        "iterate_items(): when fetch_page raises, close is awaited once before the exception "
        "reaches the consumer"
    )


@pytest.mark.parametrize(
    "next_cursors",
    [{2: "cursor-1"}, {1: "cursor-1"}, {2: "cursor-2"}],
    ids=["back to page 1", "page 1 points to itself", "page 2 points to itself"],
)
async def test_a_cursor_seen_again_raises_runtime_error(next_cursors: dict[int, str]) -> None:
    """A next_cursor already fetched raises RuntimeError after that page's items; close runs."""
    api = Api([1, 1, 1], next_cursors=next_cursors)
    last = max(next_cursors)
    got, error = await drain(await open_items(api))
    assert isinstance(error, RuntimeError), (
        "iterate_items(): a page whose next_cursor was already fetched raises RuntimeError "
        f"instead of fetching it again — got {error!r}"
    )
    assert (got, api.fetched) == (
        [item for page in api.pages[: last + 1] for item in page],
        [cursor_of(i) for i in range(last + 1)],
    ), (
        "iterate_items(): the looping page's items are yielded, then RuntimeError, and the "
        "repeated cursor is not fetched again"
    )
    assert api.closed == 1, "iterate_items(): close is awaited once when RuntimeError is raised"


async def test_close_is_optional() -> None:
    """Without close, iterate_items works the same."""
    api = Api([2, 0, 1])
    got, error = await drain(await open_items(api, with_close=False))
    assert (got, error) == (api.items, None), (
        "iterate_items(fetch_page) without close yields every item of every page"
    )


# --- collect ------------------------------------------------------------------------------


class Source:
    """An async generator of 0..size-1 that counts how often it is asked for an item."""

    def __init__(self, size: int, error_at: int | None = None) -> None:
        self.size, self.error_at = size, error_at
        self.asks = 0
        self.finalized = False
        self.error = ApiError(f"item {error_at} failed")

    async def items(self) -> AsyncGenerator[int, None]:
        self.asks += 1  # the first ask starts the body
        try:
            for n in range(self.size):
                await asyncio.sleep(0)
                if n == self.error_at:
                    raise self.error
                yield n
                self.asks += 1  # resumed: asked for one more
        finally:
            self.finalized = True


@settings(max_examples=60)
@given(size=st.integers(0, 8), limit=st.none() | st.integers(0, 10))
@example(size=5, limit=3)
@example(size=3, limit=3)
@example(size=3, limit=4)
@example(size=0, limit=2)
@example(size=4, limit=None)
async def test_collect_takes_the_first_items_and_closes(size: int, limit: int | None) -> None:
    """collect: the first `limit` items; never asks for one more; the generator is closed."""
    source = Source(size)
    gen = source.items()
    got = await kata.collect(gen, limit)
    want = list(range(size))[:limit]
    assert got == want, "collect(items, limit): the first `limit` items (all for None), in order"
    asks = limit if limit is not None and limit <= size else size + 1
    assert source.asks == asks, (
        "collect(items, limit): asks the generator for exactly as many items as it returns — "
        "never one more — and one more only to learn that a shorter generator ended"
    )
    if limit != 0:
        assert source.finalized, (
            "collect(): the generator is closed (aclose()) before collect returns, so its "
            "finally blocks have run"
        )
    try:
        extra: object = await anext(gen)
    except StopAsyncIteration:
        extra = "closed"
    assert extra == "closed", (
        "collect(): the generator is closed before collect returns — also for limit=0"
    )


async def test_collect_propagates_errors() -> None:
    """An exception from the generator propagates out of collect unchanged."""
    source = Source(5, error_at=2)
    try:
        got: object = await kata.collect(source.items(), 4)
    except ApiError as exc:
        got = exc
    assert got is source.error, "collect(): an exception from the generator propagates unchanged"


@pytest.mark.parametrize("limit", [-1, -10])
async def test_collect_refuses_a_negative_limit(limit: int) -> None:
    """A negative limit raises ValueError without asking for anything."""
    source = Source(5)
    gen = source.items()
    try:
        got: object = await kata.collect(gen, limit)
    except ValueError:
        got = "ValueError"
    finally:
        await gen.aclose()
    assert (got, source.asks) == ("ValueError", 0), (
        f"collect(items, {limit}): a negative limit raises ValueError without asking for anything"
    )


async def test_collect_over_pages_fetches_only_what_it_needs() -> None:
    """collect(iterate_items(...), 3) with 10 items on the first page: one fetch, then close."""
    api = Api([10, 5])
    got = await kata.collect(await open_items(api), 3)
    assert got == api.items[:3], "collect(iterate_items(...), 3): the first 3 items"
    assert (api.fetched, api.closed) == ([None], 1), (
        "collect(iterate_items(...), 3) on a 10-item first page: exactly one fetch, and "
        "close awaited (through aclose()) before collect returns"
    )
