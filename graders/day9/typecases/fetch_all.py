"""Type cases for day9.fetch_all: keyword-only limit and timeout; a list of Fetched | Failed."""

from typing import assert_type

import httpx

from day9.fetch_all import Failed, Fetched, fetch_all


async def use(client: httpx.AsyncClient) -> None:
    results = await fetch_all(client, ["https://example.org/a"], limit=2, timeout=1.5)
    assert_type(results, list[Fetched | Failed])
    first = results[0]
    if isinstance(first, Fetched):
        assert_type(first.status, int)
        assert_type(first.body, bytes)
    else:
        assert_type(first.error, Exception)
    await fetch_all(client, ("https://example.org/a",), limit=1, timeout=2)
    await fetch_all(client, ["https://example.org/a"], 2, 1.5)  # type: ignore[call-arg]
    first.url = "https://example.org/b"  # type: ignore[misc]
