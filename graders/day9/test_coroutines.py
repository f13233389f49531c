"""Grader for day9.coroutines: coroutine objects vs results, sequential vs concurrent awaiting.

Virtual time (looptime): a job that sleeps 3 s takes no real time, and ``loop.time()`` is exact,
so "one after the other" (sum of the delays) and "together" (the longest delay) show exactly.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import io
from collections.abc import Awaitable, Callable, Generator
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day9 import coroutines as kata

Log = list[tuple[str, int, float]]


def job(log: Log, index: int, delay: int) -> Callable[[], Awaitable[str]]:
    """A job that logs when it is called, when its body starts and when it ends."""

    async def body() -> str:
        loop = asyncio.get_running_loop()
        log.append(("start", index, loop.time()))
        await asyncio.sleep(delay)
        log.append(("end", index, loop.time()))
        return f"result {index}"

    def call() -> Awaitable[str]:
        log.append(("called", index, asyncio.get_running_loop().time()))
        return body()

    return call


def events(log: Log, kind: str) -> dict[int, float]:
    return {index: at for what, index, at in log if what == kind}


delays = st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=6)


@pytest.mark.asyncio
@pytest.mark.looptime
@settings(max_examples=40)
@given(delays=delays)
@example(delays=[1, 2, 3])
@example(delays=[5, 0, 0, 2])
async def test_sequential_runs_one_after_the_other(delays: list[int]) -> None:
    """run_sequentially: job k + 1 is called only after job k finished; the time is the sum."""
    loop = asyncio.get_running_loop()
    log: Log = []
    start = loop.time()
    got = await kata.run_sequentially([job(log, i, d) for i, d in enumerate(delays)])
    elapsed = loop.time() - start
    assert got == [f"result {i}" for i in range(len(delays))], (
        "run_sequentially(): the results of the jobs, in the order of the jobs"
    )
    want_log = []
    for index, delay in enumerate(delays):
        at = start + sum(delays[:index])
        want_log += [("called", index, at), ("start", index, at), ("end", index, at + delay)]
    assert log == want_log, (
        "run_sequentially(): job k + 1 is called only after job k has finished (not all "
        "called up front and awaited later)"
    )
    assert elapsed == sum(delays), (
        "run_sequentially(): one after the other takes the sum of the jobs' times"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_sequential_stops_at_the_first_error() -> None:
    """run_sequentially: a job's exception propagates unchanged; later jobs are never called."""
    log: Log = []
    error = LookupError("job 1 failed")

    async def failing() -> str:
        await asyncio.sleep(1)
        raise error

    def call_failing() -> Awaitable[str]:
        log.append(("called", 1, 0.0))
        return failing()

    jobs = [job(log, 0, 1), call_failing, job(log, 2, 1)]
    try:
        got: object = await kata.run_sequentially(jobs)
    except LookupError as exc:
        got = exc
    assert got is error, "run_sequentially(): a job's exception propagates unchanged"
    called = [index for what, index, _ in log if what == "called"]
    assert called == [0, 1], (
        "run_sequentially(): after a job raises, the later jobs are never called"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
@settings(max_examples=40)
@given(delays=delays)
@example(delays=[3, 1, 2])
@example(delays=[0, 4])
async def test_concurrent_runs_together(delays: list[int]) -> None:
    """run_concurrently: every job starts at once; the time is the longest job's."""
    loop = asyncio.get_running_loop()
    log: Log = []
    start = loop.time()
    got = await kata.run_concurrently([job(log, i, d) for i, d in enumerate(delays)])
    elapsed = loop.time() - start
    assert got == [f"result {i}" for i in range(len(delays))], (
        "run_concurrently(): the results in the order of the jobs, not the order they finished"
    )
    starts = events(log, "start")
    assert starts == dict.fromkeys(range(len(delays)), start), (
        "run_concurrently(): every job starts at the same moment of the loop's clock, before "
        "waiting for any of them"
    )
    assert events(log, "end") == {i: start + d for i, d in enumerate(delays)}, (
        "run_concurrently(): every job runs to its end, each taking its own time"
    )
    assert elapsed == max(delays), (
        "run_concurrently(): jobs run together, so the total time is the longest job's"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_no_jobs() -> None:
    """No jobs: both runners return an empty list at once."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    got = {
        "run_sequentially": await kata.run_sequentially([]),
        "run_concurrently": await kata.run_concurrently(iter([])),
    }
    assert got == {"run_sequentially": [], "run_concurrently": []}, "no jobs: the result is []"
    assert loop.time() == start, "no jobs: nothing to wait for"


@pytest.mark.asyncio
async def test_the_functions_are_coroutine_functions() -> None:
    """Each of the three functions is an `async def` (inspect.iscoroutinefunction)."""

    async def one() -> int:
        return 1

    await kata.run_sequentially([one])
    await kata.run_concurrently([one])
    await kata.call_handler(one)
    got = {
        name: inspect.iscoroutinefunction(getattr(kata, name))
        for name in ("run_sequentially", "run_concurrently", "call_handler")
    }
    assert got == dict.fromkeys(got, True), (
        "run_sequentially, run_concurrently and call_handler must each be an `async def` "
        "function (inspect.iscoroutinefunction), not a plain def returning an awaitable"
    )


class AsyncCallable:
    """An object whose __call__ is async def: not a coroutine function, returns a coroutine."""

    async def __call__(self) -> str:
        await asyncio.sleep(0)
        return "from async __call__"


class Ticket:
    """An awaitable that is neither a coroutine nor a Future: it has __await__."""

    def __await__(self) -> Generator[Any, None, str]:
        yield from asyncio.sleep(0).__await__()
        return "from __await__"


async def answer(value: str) -> str:
    await asyncio.sleep(0)
    return value


def handlers() -> dict[str, tuple[Callable[[], object], object]]:
    """name -> (handler, the value call_handler must return)."""

    def future() -> asyncio.Future[str]:
        done: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        done.set_result("from a Future")
        return done

    async def coroutine_function() -> str:
        return await answer("from async def")

    return {
        "an async def function": (coroutine_function, "from async def"),
        "a lambda returning a coroutine": (lambda: answer("from lambda"), "from lambda"),
        "a functools.partial of an async def": (functools.partial(answer, "partial"), "partial"),
        "an object with an async __call__": (AsyncCallable(), "from async __call__"),
        "a plain function returning a Future": (future, "from a Future"),
        "a plain function returning an object with __await__": (Ticket, "from __await__"),
        "a plain function returning a str": (lambda: "plain", "plain"),
        "a plain function returning None": (lambda: None, None),
        "a plain function returning 0": (lambda: 0, 0),
        "a plain function returning a list": (lambda: [1, 2], [1, 2]),
    }


@pytest.mark.asyncio
@pytest.mark.parametrize("case", list(handlers()))
async def test_call_handler(case: str) -> None:
    """call_handler: calls once, awaits whatever is awaitable, returns anything else as is."""
    handler, want = handlers()[case]
    calls: list[None] = []

    def counted() -> object:
        calls.append(None)
        return handler()

    got = await kata.call_handler(counted)
    assert got == want, (
        f"call_handler() with {case}: decide by what the call returned — await it when it is "
        "awaitable (coroutine, Future, __await__), otherwise return it as it is"
    )
    assert len(calls) == 1, f"call_handler() with {case}: the handler is called exactly once"


SNIPPETS: dict[str, tuple[str, str]] = {
    "calling_does_not_run": (
        "what does calling an async def function run, and what does it return?",
        '''\
async def greet():
    print("hello")
    return 42

coro = greet()
print(type(coro).__name__)
coro.close()
print("done")
''',
    ),
    "await_runs_it": (
        "when does a coroutine's body run, and what does `await` evaluate to?",
        '''\
import asyncio

async def greet():
    print("hello")
    return 42

async def main():
    coro = greet()
    print("before")
    print(await coro)

asyncio.run(main())
''',
    ),
    "await_twice": (
        "can one coroutine object be awaited twice?",
        '''\
import asyncio

async def answer():
    return 42

async def main():
    coro = answer()
    print(await coro)
    try:
        print(await coro)
    except RuntimeError:
        print("RuntimeError")

asyncio.run(main())
''',
    ),
    "coroutine_function_or_not": (
        "what do iscoroutinefunction() and iscoroutine() each look at?",
        '''\
import inspect

async def fetch():
    return 1

def fetch_later():
    return fetch()

print(inspect.iscoroutinefunction(fetch), inspect.iscoroutinefunction(fetch_later))
coro = fetch_later()
print(inspect.iscoroutine(coro))
coro.close()
''',
    ),
}


def printed_lines(name: str, code: str) -> list[str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"<snippet {name}>", "exec"), {"__name__": f"snippet_{name}"})
    return out.getvalue().splitlines()


@pytest.mark.predict
@pytest.mark.parametrize("name", list(SNIPPETS))
def test_prediction(name: str) -> None:
    predictions = kata.predictions()
    rule, code = SNIPPETS[name]
    got = predictions.get(name)
    if isinstance(got, tuple):
        got = list(got)
    assert got == printed_lines(name, code), (
        f"snippet {name!r}: the lines it prints — think: {rule}"
    )
