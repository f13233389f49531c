"""Grader for day9.rate_limiter: sliding window, first come first served, cancellation, in virtual time.

Every async check runs under looptime: ``asyncio.sleep(10)`` takes no real time and the loop's
clock reads exact virtual seconds, so admission times are compared exactly.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Sequence

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from day9 import rate_limiter as kata


def expected(
    rate: int, per: float, arrivals: Sequence[float], cancels: dict[int, float] | None = None
) -> list[float | None]:
    """The spec's admission rule, caller by caller (None: cancelled before its admission)."""
    cancels = cancels or {}
    admitted: list[float] = []
    result: list[float | None] = []
    for i, arrival in enumerate(arrivals):
        at = max([arrival, *admitted[-1:]])  # not before it called, not before earlier callers
        if len(admitted) >= rate:
            at = max(at, admitted[-rate] + per)  # the rate-th latest admission leaves the window
        if i in cancels and cancels[i] < at:
            result.append(None)
            continue
        admitted.append(at)
        result.append(at)
    return result


async def admissions(
    limiter: kata.RateLimiter,
    arrivals: Sequence[float],
    cancels: dict[int, float] | None = None,
    *,
    budget: float,
) -> list[float | None]:
    """Caller i calls acquire() at virtual time arrivals[i] (relative to now), in that order;
    caller i is cancelled at cancels[i] if given. Each caller's admission time, None if it
    ended cancelled; a call still waiting after `budget` virtual seconds fails the check."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    got: dict[int, float] = {}

    async def caller(i: int) -> None:
        await limiter.acquire()
        got[i] = loop.time() - start

    tasks: list[asyncio.Task[None]] = []
    deadline = asyncio.timeout(budget)
    try:
        async with deadline:
            for i, arrival in enumerate(arrivals):
                if (delay := start + arrival - loop.time()) > 0:
                    await asyncio.sleep(delay)
                task = asyncio.create_task(caller(i))
                tasks.append(task)
                if cancels and i in cancels:
                    loop.call_at(start + cancels[i], task.cancel)
            await asyncio.gather(*tasks, return_exceptions=True)
    except TimeoutError:
        if not deadline.expired():
            raise  # the learner's own TimeoutError
        waiting = [i for i, task in enumerate(tasks) if not task.done()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise AssertionError(
            f"RateLimiter: acquire() calls {waiting} (0-based) were still waiting "
            f"{budget} virtual seconds after the first call, long after the sliding window allowed "
            "them in (measure time with asyncio.get_running_loop().time(), wait with asyncio.sleep)"
        )
    for task in tasks:
        if not task.cancelled() and (error := task.exception()) is not None:
            raise error
    return [round(got[i], 6) if i in got else None for i in range(len(arrivals))]


def make(rate: int, per: float) -> kata.RateLimiter:
    return kata.RateLimiter(rate, per)


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_a_burst_is_admitted_window_by_window() -> None:
    """Nine calls at t=0 with rate=3, per=10 are admitted at 0, 0, 0, 10, 10, 10, 20, 20, 20."""
    got = await admissions(make(3, 10), [0] * 9, budget=100)
    assert got == [0, 0, 0, 10, 10, 10, 20, 20, 20], (
        "RateLimiter(3, per=10): nine acquire() calls at t=0 are admitted at "
        "0, 0, 0, 10, 10, 10, 20, 20, 20 — at most rate admissions in any per seconds, each as "
        "early as the window allows"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_the_window_slides() -> None:
    """The window is [t, t + per) after each admission, not a fixed window reset every per s."""
    got = await admissions(make(3, 10), [5, 5, 5, 10, 10, 10], budget=100)
    assert got == [5, 5, 5, 15, 15, 15], (
        "RateLimiter(3, per=10): three calls at t=5 and three at t=10 are admitted at "
        "5, 5, 5, 15, 15, 15 — a sliding window; a fixed window resetting at t=10 would let six "
        "in within [5, 15)"
    )
    got = await admissions(make(3, 10), [0, 4, 6, 8], budget=100)
    assert got == [0, 4, 6, 10], (
        "RateLimiter(3, per=10): calls at t=0, 4, 6, 8 are admitted at 0, 4, 6, 10 — the 4th "
        "waits until the admission at 0 leaves the window"
    )
    got = await admissions(make(3, 10), [0, 9, 9, 9, 10, 10], budget=100)
    assert got == [0, 9, 9, 10, 19, 19], (
        "RateLimiter(3, per=10): calls at t=0, 9, 9, 9, 10, 10 are admitted at "
        "0, 9, 9, 10, 19, 19 — at t=10 the admissions at 9, 9, 10 fill the window until 19; a "
        "window does not start afresh with the 4th admission"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_an_admission_stops_counting_after_exactly_per_seconds() -> None:
    """An admission at t counts during [t, t + per): a call at exactly t + per goes at once."""
    got = await admissions(make(1, 10), [0, 10, 20, 25], budget=100)
    assert got == [0, 10, 20, 30], (
        "RateLimiter(1, per=10): calls at t=0, 10, 20, 25 are admitted at 0, 10, 20, 30 — an "
        "admission at t no longer counts from t + per on, and counts until then"
    )
    got = await admissions(make(2, 0.5), [0, 0, 0, 0, 0.75], budget=100)
    assert got == [0, 0, 0.5, 0.5, 1.0], (
        "RateLimiter(2, per=0.5): five calls at t=0, 0, 0, 0, 0.75 are admitted at "
        "0, 0, 0.5, 0.5, 1.0 — per may be a fraction of a second"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_waiters_are_admitted_first_come_first_served() -> None:
    """Callers are admitted in the order they called acquire()."""
    loop = asyncio.get_running_loop()
    limiter = make(1, 10)
    order: list[tuple[str, float]] = []

    async def caller(name: str) -> None:
        await limiter.acquire()
        order.append((name, loop.time()))

    async with asyncio.timeout(200):
        await asyncio.gather(*(caller(name) for name in "ABCDE"))
    assert order == [("A", 0), ("B", 10), ("C", 20), ("D", 30), ("E", 40)], (
        "RateLimiter(1, per=10): five callers at t=0 are admitted one per 10 s in the order they "
        "called acquire() (first come, first served)"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_a_newcomer_does_not_overtake_a_waiter() -> None:
    """A call arriving just as a slot frees up queues behind the caller already waiting."""
    loop = asyncio.get_running_loop()
    limiter = make(1, 10)
    admitted: dict[str, float] = {}

    async def caller(name: str) -> None:
        await limiter.acquire()
        admitted[name] = loop.time()

    async with asyncio.timeout(200):
        await caller("A")  # t=0
        await asyncio.sleep(1)
        waiter = asyncio.create_task(caller("B"))  # t=1: waits for the slot that frees at t=10
        await asyncio.sleep(9)
        await caller("C")  # t=10: the very moment the slot frees
        await waiter
    assert admitted == {"A": 0, "B": 10, "C": 20}, (
        "RateLimiter(1, per=10): B called at t=1 and waits; C, calling at t=10 just as the slot "
        "frees, must not overtake B — B is admitted at 10, C at 20"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
@pytest.mark.parametrize("victim", [1, 2], ids=["first-waiter", "second-waiter"])
async def test_a_cancelled_waiter_takes_no_slot(victim: int) -> None:
    """Cancelling a waiting acquire() raises CancelledError in it; the calls behind it move up."""
    got = await admissions(make(1, 10), [0, 0, 0, 0], {victim: 5}, budget=100)
    want: list[float | None] = [0, 10, 20]
    want.insert(victim, None)
    assert got == want, (
        f"RateLimiter(1, per=10): four calls at t=0, caller {victim + 1} cancelled at t=5 while "
        "waiting — it takes no slot and does not hold up the calls behind it"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_a_timeout_around_acquire_takes_no_slot() -> None:
    """asyncio.timeout() around acquire() cancels the wait; the next caller is not delayed."""
    loop = asyncio.get_running_loop()
    limiter = make(1, 10)
    await limiter.acquire()
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(3):
            await limiter.acquire()
    async with asyncio.timeout(100):
        await limiter.acquire()
    assert loop.time() == 10, (
        "RateLimiter(1, per=10): an acquire() given up by asyncio.timeout(3) at t=3 takes no "
        "slot — the next call is admitted at 10"
    )
    async with asyncio.timeout(100):
        await limiter.acquire()
    assert loop.time() == 20, "RateLimiter(1, per=10): admissions then continue at 20"


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_async_with_admits_like_acquire_and_gives_nothing_back() -> None:
    """async with acquires on entry; leaving gives nothing back; body exceptions propagate."""
    loop = asyncio.get_running_loop()
    limiter = make(2, 10)
    entered: list[float] = []
    async with asyncio.timeout(100):
        async with limiter as value:
            entered.append(loop.time())
        assert value is None, "RateLimiter: `async with limiter as x` gives x = None"
        boom = ValueError("body failed")
        with pytest.raises(ValueError) as caught:
            async with limiter:
                entered.append(loop.time())
                raise boom
        assert caught.value is boom, (
            "RateLimiter: an exception raised inside `async with limiter:` propagates unchanged"
        )
        async with limiter:
            entered.append(loop.time())
        await limiter.acquire()
        entered.append(loop.time())
    assert entered == [0, 0, 10, 10], (
        "RateLimiter(2, per=10): `async with` is admitted like acquire(), and leaving the block "
        "gives no slot back — entries at 0, 0, then 10, 10"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_limiters_do_not_share_admissions() -> None:
    """Two limiters each have their own admissions."""
    loop = asyncio.get_running_loop()
    first, second = make(1, 10), make(1, 10)
    async with asyncio.timeout(100):
        await first.acquire()
        await second.acquire()
        at_second = loop.time()
        await first.acquire()
    assert (at_second, loop.time()) == (0, 10), (
        "RateLimiter: two limiters never share admissions — each admits its own first call at "
        "t=0; the first limiter's second call waits until 10"
    )


def outcome(rate: object, per: object) -> str:
    try:
        kata.RateLimiter(rate, per)  # type: ignore[arg-type]
    except NotImplementedError:
        raise
    except Exception as error:  # noqa: BLE001 — which exception is the point
        return type(error).__name__
    return "accepted"


def test_bad_arguments_are_refused_at_construction() -> None:
    """TypeError for a non-int rate or non-number per (bool is neither); ValueError for
    rate < 1 or a per that is not positive and finite; valid ones need no running loop."""
    valid = {
        "rate=1, per=1": outcome(1, 1),
        "rate=5, per=0.25": outcome(5, 0.25),
        "rate=100, per=60": outcome(100, 60),
    }
    assert valid == dict.fromkeys(valid, "accepted"), (
        "RateLimiter(rate, per): an int rate >= 1 and a positive finite int or float per are "
        "accepted — also with no event loop running"
    )
    types = {
        "rate=2.0": outcome(2.0, 1),
        "rate=True": outcome(True, 1),
        "rate='3'": outcome("3", 1),
        "per='1'": outcome(1, "1"),
        "per=True": outcome(1, True),
        "per=None": outcome(1, None),
    }
    assert types == dict.fromkeys(types, "TypeError"), (
        "RateLimiter(rate, per): rate must be an int and per an int or float (bool is neither): "
        "otherwise TypeError"
    )
    values = {
        "rate=0": outcome(0, 1),
        "rate=-1": outcome(-1, 1),
        "per=0": outcome(1, 0),
        "per=-1.5": outcome(1, -1.5),
        "per=nan": outcome(1, math.nan),
        "per=inf": outcome(1, math.inf),
    }
    assert values == dict.fromkeys(values, "ValueError"), (
        "RateLimiter(rate, per): rate < 1, or per that is 0, negative, NaN or infinite, raises "
        "ValueError"
    )


QUARTERS = st.integers(min_value=0, max_value=120).map(lambda n: n / 4)


@st.composite
def schedules(draw: st.DrawFn) -> tuple[int, float, list[float], dict[int, float]]:
    """rate, per, sorted arrival times and some cancellations, all exact binary fractions.

    Arrivals and per are multiples of 0.25 s, so every admission is too; cancellations fall on
    odd multiples of 0.125 s, so a cancellation never ties with an admission."""
    rate = draw(st.integers(min_value=1, max_value=4))
    per = draw(st.integers(min_value=1, max_value=40)) / 4
    arrivals = sorted(draw(st.lists(QUARTERS, min_size=1, max_size=12)))
    cancels = {
        i: arrivals[i] + draw(st.integers(min_value=0, max_value=60)) / 4 + 0.125
        for i in draw(st.sets(st.integers(min_value=0, max_value=len(arrivals) - 1), max_size=4))
    }
    return rate, per, arrivals, cancels


@pytest.mark.asyncio
@pytest.mark.looptime
@given(schedules())
@example((3, 10.0, [0.0] * 9, {}))
@example((3, 10.0, [5.0, 5.0, 5.0, 10.0, 10.0, 10.0], {}))
@example((1, 10.0, [0.0, 0.0, 0.0, 0.0], {1: 5.125}))
@example((2, 0.25, [0.0, 0.0, 0.0, 0.25, 0.25, 0.5], {}))
async def test_any_schedule_is_admitted_by_the_rule(
    schedule: tuple[int, float, list[float], dict[int, float]],
) -> None:
    """Every call is admitted at the earliest time the sliding window and FIFO order allow."""
    rate, per, arrivals, cancels = schedule
    want = expected(rate, per, arrivals, cancels)
    budget = max([*arrivals, *(t for t in want if t is not None)]) + per + 1
    got = await admissions(make(rate, per), arrivals, cancels, budget=budget)
    assert got == want, (
        f"RateLimiter({rate}, per={per:g}): calls at t={arrivals} (cancelled: {cancels}) — each "
        "is admitted at the earliest moment not before its call, not before earlier callers, "
        "with fewer than rate admissions in the last per seconds; cancelled calls take no slot"
    )
