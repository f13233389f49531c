"""Type cases for day10.many_waits: both runners are generic in the wait's result type."""

import asyncio
from typing import Literal, assert_type

from day10.many_waits import first_limit, gather_waits, run_blocking_waits


async def label(i: int) -> str:
    await asyncio.sleep(0)
    return str(i)


async def check() -> None:
    assert_type(await gather_waits(3, label), list[str])
    await gather_waits(3, str)  # type: ignore[arg-type]


assert_type(run_blocking_waits(3, float, max_threads=2), list[float])
assert_type(first_limit(), dict[str, Literal["threads", "file_descriptors", "nothing"]])
run_blocking_waits(3, float, 2)  # type: ignore[call-arg]
