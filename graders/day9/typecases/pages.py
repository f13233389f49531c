"""Type cases for day9.pages: collect keeps the generator's item type; Page is generic."""

from collections.abc import AsyncGenerator
from typing import assert_type

from day9.pages import Page, collect


async def numbers() -> AsyncGenerator[int, None]:
    yield 1


async def cases() -> None:
    assert_type(await collect(numbers(), 3), list[int])
    assert_type(await collect(numbers()), list[int])
    assert_type(Page(["a"], next_cursor="next").items[0], str)
    Page([1], next_cursor=2)  # type: ignore[arg-type]
    await collect(numbers(), "3")  # type: ignore[arg-type]
