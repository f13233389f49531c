"""Grader for day9.loop_order: each snippet is run here, in a fresh event loop, and its output
compared with the prediction.

A snippet is the code the kata shows minus its last line, ``asyncio.run(main())``: the grader
awaits ``main()`` itself, in the test's own event loop (a new one for every snippet), in
virtual time (looptime), so the snippets' timers cost no real time.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Awaitable, Callable
from typing import cast

import pytest

from day9 import loop_order

pytestmark = [pytest.mark.asyncio, pytest.mark.looptime]

# name -> (the question the snippet asks, the snippet). The kata's docstring lists the same code.
SNIPPETS: dict[str, tuple[str, str]] = {
    "task_starts_later": (
        "when does a task made by create_task() take its first step?",
        '''\
import asyncio

async def worker(name):
    print(name, "start")
    await asyncio.sleep(0)
    print(name, "end")

async def main():
    task = asyncio.create_task(worker("A"))
    print("created")
    await asyncio.sleep(0)
    print("main resumed")
    await task
    print("main done")
''',
    ),
    "sleep_zero_interleaves": (
        "what does `await asyncio.sleep(0)` give the other ready tasks?",
        '''\
import asyncio

async def count(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)

async def main():
    await asyncio.gather(count("a", 3), count("b", 1))
    print("done")
''',
    ),
    "await_coroutine_inline": (
        "does awaiting a coroutine that never suspends let other tasks run?",
        '''\
import asyncio

async def quick():
    print("quick")

async def other():
    print("other")

async def main():
    task = asyncio.create_task(other())
    await quick()
    print("after quick")
    await asyncio.sleep(0)
    print("after sleep")
    await task
''',
    ),
    "call_soon_fifo": (
        "when, and in which order, do call_soon() callbacks run?",
        '''\
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(print, "soon 1")
    loop.call_soon(print, "soon 2")
    print("main")
    await asyncio.sleep(0)
    print("main again")
''',
    ),
    "call_later_by_deadline": (
        "what decides the order in which call_later() timers fire?",
        '''\
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(2, print, "later 2")
    loop.call_later(1, print, "later 1")
    loop.call_soon(print, "soon")
    print("main")
    await asyncio.sleep(1.5)
    print("slept 1.5")
    await asyncio.sleep(1)
    print("slept 2.5")
''',
    ),
    "done_future_no_switch": (
        "does awaiting a future that is already done suspend the task?",
        '''\
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result("ready")
    loop.call_soon(print, "callback")
    print(await fut)
    print("after await")
    await asyncio.sleep(0)
    print("after sleep")
''',
    ),
    "wake_after_set_result": (
        "what does set_result() do to the task waiting on that future?",
        '''\
import asyncio

async def waiter(fut):
    print("waiting")
    print("waiter got", await fut)

async def main():
    fut = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(waiter(fut))
    await asyncio.sleep(0)
    fut.set_result(1)
    print("result set")
    await asyncio.sleep(0)
    print("main end")
    await task
''',
    ),
    "task_exception_at_await": (
        "where does an exception raised inside a task show up?",
        '''\
import asyncio

async def fail():
    print("failing")
    raise ValueError("boom")

async def main():
    task = asyncio.create_task(fail())
    print("created")
    await asyncio.sleep(0)
    print("task done:", task.done())
    try:
        await task
    except ValueError as exc:
        print("caught", exc)
''',
    ),
    "cancel_at_await": (
        "where inside the task does cancel() take effect, and what runs then?",
        '''\
import asyncio

async def worker():
    try:
        print("working")
        await asyncio.sleep(10)
        print("never")
    except asyncio.CancelledError:
        print("cancelled")
        raise
    finally:
        print("cleanup")

async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0)
    task.cancel()
    print("cancel requested")
    try:
        await task
    except asyncio.CancelledError:
        print("main saw", task.cancelled())
''',
    ),
    "cancel_before_start": (
        "what runs of a task that is cancelled before its first step?",
        '''\
import asyncio

async def job():
    try:
        print("job started")
        await asyncio.sleep(1)
    finally:
        print("job cleanup")

async def main():
    task = asyncio.create_task(job())
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled:", task.cancelled())
''',
    ),
}


async def printed_lines(name: str, code: str) -> list[str]:
    namespace: dict[str, object] = {"__name__": f"snippet_{name}"}
    exec(compile(code, f"<snippet {name}>", "exec"), namespace)
    main = cast(Callable[[], Awaitable[None]], namespace["main"])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        await main()
    return out.getvalue().splitlines()


@pytest.mark.predict
@pytest.mark.parametrize("name", list(SNIPPETS))
async def test_prediction(name: str) -> None:
    """Each snippet prints exactly the lines predicted, in that order."""
    predictions = loop_order.predictions()
    rule, code = SNIPPETS[name]
    got = predictions.get(name)
    if isinstance(got, tuple):
        got = list(got)
    assert got == await printed_lines(name, code), (
        f"snippet {name!r}: the lines it prints, in order — think: {rule}"
    )
