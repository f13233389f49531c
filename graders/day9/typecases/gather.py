"""Type cases for day9.gather: results keep the jobs' type; run_collecting adds BaseException."""

from typing import assert_type

from day9.gather import run_all_or_nothing, run_collecting, run_fail_fast


async def number() -> int:
    return 1


async def cases() -> None:
    assert_type(await run_all_or_nothing([number(), number()]), list[int])
    assert_type(await run_fail_fast(number() for _ in range(3)), list[int])
    assert_type(await run_collecting([number()]), list[int | BaseException])
    await run_all_or_nothing([number])  # type: ignore[arg-type]  # coroutines, not functions
