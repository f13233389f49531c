"""A grader for probe.misuse: each check calls one function; the engine decides the verdicts."""

import asyncio
import time

import pytest

from probe import misuse

pytestmark = [pytest.mark.asyncio, pytest.mark.looptime]


async def test_blocks() -> None:
    assert await misuse.blocks() == 1


async def test_blocks_and_swallows() -> None:
    assert await misuse.blocks_and_swallows() == 1


async def test_reads_real_clock() -> None:
    await misuse.reads_real_clock()


async def test_forgets_await() -> None:
    await misuse.forgets_await([])


async def test_fire_and_forget() -> None:
    await misuse.fire_and_forget()


async def test_sleeps_in_a_thread() -> None:
    assert await misuse.sleeps_in_a_thread() == 1


async def test_waits_virtually() -> None:
    started = time.monotonic()  # the grader's own clock reads are not the learner's
    assert await misuse.waits_virtually() == 30
    assert time.monotonic() - started < 5


@pytest.mark.asyncio
async def test_library_code_may_sleep_and_read_clocks() -> None:
    time.sleep(0)
    time.perf_counter()
    assert await misuse.waits_virtually() == 30


def test_sync_code_is_untouched() -> None:
    assert misuse.sleeps_outside_a_loop() == 1


async def test_drops_its_task() -> None:
    await misuse.drops_its_task()


async def test_abandons_after_failure() -> None:
    await misuse.abandons_after_failure()


async def test_after_a_failure_is_not_blamed_for_its_garbage() -> None:
    assert await misuse.waits_virtually() == 30


async def test_library_drops_its_own_coroutine() -> None:
    await misuse.calls_a_library(lambda: asyncio.sleep(0) and None)


async def test_forgets_await_on_library() -> None:
    await misuse.forgets_await_on_library(asyncio.Queue())
