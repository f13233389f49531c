"""Learner code with each asyncio mistake the engine names (see engine/asyncguard.py)."""

import asyncio
import time
from collections.abc import Callable
from time import sleep


async def blocks() -> int:
    time.sleep(0.5)
    return 1


async def blocks_and_swallows() -> int:
    try:
        sleep(0.5)  # bound at import: guarded all the same
    except Exception:
        pass
    return 1


async def reads_real_clock() -> float:
    return time.monotonic()


async def save(log: list[int]) -> None:
    log.append(1)


async def forgets_await(log: list[int]) -> None:
    save(log)  # type: ignore[unused-coroutine]


async def fails() -> None:
    raise ValueError("lost")


async def fire_and_forget() -> None:
    asyncio.get_running_loop().create_task(fails())
    await asyncio.sleep(1)


def sleeps_outside_a_loop() -> int:
    time.sleep(0.001)
    return 1


async def sleeps_in_a_thread() -> int:
    return await asyncio.to_thread(sleeps_outside_a_loop)


async def waits_virtually() -> float:
    await asyncio.sleep(30)
    return asyncio.get_running_loop().time()


async def waits_for_ever() -> None:
    await asyncio.get_running_loop().create_future()


async def drops_its_task() -> None:
    asyncio.get_running_loop().create_task(waits_for_ever())  # noqa: RUF006  (the mistake)
    await asyncio.sleep(0)


async def abandons_after_failure() -> None:
    pending = [fails(), waits_virtually()]  # the second is never awaited once the first raises
    for coroutine in pending:
        await coroutine



async def calls_a_library(library: "Callable[[], None]") -> None:
    """The library (the grader's code here) makes a coroutine and drops it, as SQLAlchemy does
    with its driver's when it raises MissingGreenlet: not the learner's mistake."""
    library()


async def forgets_await_on_library(queue: "asyncio.Queue[int]") -> None:
    queue.put(1)  # a library's coroutine, called here and never awaited
