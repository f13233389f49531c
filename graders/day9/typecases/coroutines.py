"""Type cases for day9.coroutines: the jobs' result type comes back out, awaited."""

from typing import assert_type

from day9.coroutines import call_handler, run_concurrently, run_sequentially


async def number() -> int:
    return 1


async def cases() -> None:
    assert_type(await run_sequentially([number, number]), list[int])
    assert_type(await run_concurrently([number]), list[int])
    assert_type(await call_handler(number), int)
    assert_type(await call_handler(lambda: "plain"), str)
    # jobs are functions that make coroutines, not coroutines:
    await run_sequentially([number()])  # type: ignore[arg-type]
