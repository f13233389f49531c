"""Grader for the final project, kata workers: backoff, exactly-once claims under contention,
retries, leases (expiry and renewal), graceful stop and cancellation, and a real
``python -m taskq.worker`` killed with SIGKILL or stopped with SIGTERM.

Workers run in virtual time (looptime) with the conftest's ``loop_clock``. In virtual time a
pending timer fires as soon as the loop has nothing to do but wait for the database (aiosqlite's
thread, asyncpg's socket), so the checks that drive several coroutines move virtual time in small
steps of their own (``settle``, bounded in real time) and give leases wide margins; the checks
that read timestamps call ``run_once`` alone and compare with the loop times around the call
(exact on SQLite, where nothing else is pending). On PostgreSQL asyncpg's own timers (60 s
connect timeout, 300 s statement-cache expiry) would make the clock jump by minutes, so there a
1/32 s timer of the grader's runs throughout. The subprocess checks are the one place real time
is used: short real waits bounded by a deadline. The SKIP LOCKED check exists only when
``KATAS_DATABASE_URL`` is set (the engine fails a skipped check).

Cost against the reference, SQLite (PostgreSQL similar): backoff 0.2 s; 4 workers x 200 tasks
1.5-3 s (SQLite file, WAL, synchronous=OFF; the writers' lock waits dominate); retries, lease
expiry, renewal, stop and cancel 0.1-0.3 s each (0.5-2 s on PostgreSQL, the ticker); SIGKILL
0.5 s and SIGTERM 1.6 s (the interpreter's start-up, a 0.05 s poll interval, a 1 s task); the
kata 7-9 s under the engine.
"""

from __future__ import annotations

import asyncio
import collections
import math
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict
from sqlalchemy.ext.asyncio import create_async_engine

from graders.support.database import SERVER_URL
from taskq import db
from taskq.domain import TaskStatus
from taskq.handlers import BUILTIN, TaskType
from taskq.repository import UnitOfWork
from taskq.services import TaskService
from taskq.settings import Settings
from taskq.worker import Worker, backoff

EPOCH = datetime(2030, 1, 1, tzinfo=UTC)  # the conftest's loop_clock: EPOCH + loop.time()
TICK = 1 / 64  # virtual seconds: the step of settle()'s own waits
REAL_LIMIT = 8.0  # real seconds any settle() may take before the check fails in words


# ---------------------------------------------------------------- the grader's task types


class Numbered(BaseModel):
    model_config = ConfigDict(extra="forbid")
    n: int


class Hold(BaseModel):
    model_config = ConfigDict(extra="forbid")
    seconds: float


class Counting:
    """Task types of the grader's: ``count`` records each run of task n, ``hold`` runs for
    ``seconds`` of (virtual) time and records when it started and whether it finished."""

    def __init__(self) -> None:
        self.runs: collections.Counter[int] = collections.Counter()
        self.started: list[float] = []
        self.finished: list[float] = []
        self.cancelled = 0
        self.started_event = asyncio.Event()

    async def count(self, payload: Numbered) -> dict[str, Any]:
        self.runs[payload.n] += 1
        await asyncio.sleep(0)  # a real handler awaits: let the other workers claim meanwhile
        await asyncio.sleep(0)
        return {"n": payload.n}

    async def hold(self, payload: Hold) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        self.started.append(loop.time())
        self.started_event.set()
        try:
            await asyncio.sleep(payload.seconds)
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        self.finished.append(loop.time())
        return {"held": payload.seconds}

    def handlers(self) -> dict[str, Any]:
        return {
            **BUILTIN,
            "count": TaskType(payload=Numbered, run=self.count),
            "hold": TaskType(payload=Hold, run=self.hold),
        }


# ---------------------------------------------------------------- helpers


def no_fsync(dbapi_connection: Any, record: Any) -> None:
    """A scratch SQLite file need not wait for the disk; WAL lets readers run beside the one
    writer (writers still take turns, so a claim's conditional UPDATE is tested as it is)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


PG_TICK = 1 / 32  # virtual seconds: the step of the PostgreSQL checks' own timer


async def keep_time_moving() -> None:
    """asyncpg waits under timers of its own (60 s to connect, 300 s statement-cache expiry): in
    virtual time, with no nearer timer, one of those fires while the loop waits for the server's
    answer, and the clock jumps by minutes. A timer every PG_TICK keeps virtual time moving in
    small steps instead; timestamps are then checked between the loop times around a call."""
    while True:
        await asyncio.sleep(PG_TICK)


@asynccontextmanager
async def database(url: str, **options: Any) -> AsyncIterator[tuple[Settings, Any]]:
    """Settings for this check's database and the learner's session factory on it."""
    settings = Settings(database_url=url, **options)
    engine = db.make_engine(settings)
    ticker = None
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine.sync_engine, "connect", no_fsync)
    elif getattr(asyncio.get_running_loop(), "looptime_on", False):  # a property of looptime's loops
        ticker = asyncio.create_task(keep_time_moving())
    try:
        yield settings, db.make_session_factory(engine)
    finally:
        await engine.dispose()
        if ticker is not None:
            ticker.cancel()


def loop_time() -> float:
    return asyncio.get_running_loop().time()


def at(seconds: float) -> datetime:
    """The loop_clock's reading at loop time ``seconds``."""
    return EPOCH + timedelta(seconds=seconds)


async def settle(done: Callable[[], bool | Awaitable[bool]], what: str, *,
                 watch: Sequence[asyncio.Task[Any]] = (), step: float = TICK, real: float = REAL_LIMIT) -> None:
    """Wait in virtual steps of ``step`` until ``done()``; fail in words after ``real`` real
    seconds, or at once when a watched worker task ends by an exception."""
    deadline = time.monotonic() + real
    while True:
        outcome = done()
        if not isinstance(outcome, bool):
            outcome = await outcome
        if outcome:
            return
        for task in watch:
            if task.done() and not task.cancelled() and task.exception() is not None:
                exc = task.exception()
                raise AssertionError(f"{what}: Worker.run() ended by an exception: {type(exc).__name__}: {exc}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} (still not so after {real:g} s)")
        await asyncio.sleep(step)


async def finish(tasks: list[asyncio.Task[Any]], what: str, step: float = TICK) -> None:
    """Wait (in virtual steps, bounded in real time) until every task is done."""
    await settle(lambda: all(t.done() for t in tasks), what, step=step)
    for task in tasks:
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            raise AssertionError(f"{what}: Worker.run() ended by an exception: {type(exc).__name__}: {exc}")


async def read(factory: Any, task_id: str) -> Any:
    async with UnitOfWork(factory) as uow:
        task = await uow.tasks.get(task_id)
    assert task is not None, "TaskRepository.get(): a task the grader submitted is found"
    return task


async def count(factory: Any, status: TaskStatus) -> int:
    async with UnitOfWork(factory) as uow:
        _, total = await uow.tasks.list(status=status, type=None, limit=1, offset=0)
    return int(total)


def worker(factory: Any, handlers: Any, settings: Settings, name: str, clock: Callable[[], datetime]) -> Any:
    return Worker(factory, handlers, settings=settings, worker_id=name, clock=clock)


# ---------------------------------------------------------------- backoff


TABLE = [  # (attempt, base, cap) -> delay
    ((1, 1.0, 60.0), 1.0), ((2, 1.0, 60.0), 2.0), ((3, 1.0, 60.0), 4.0), ((6, 1.0, 60.0), 32.0),
    ((7, 1.0, 60.0), 60.0), ((20, 1.0, 60.0), 60.0), ((1, 0.5, 10.0), 0.5), ((4, 0.5, 10.0), 4.0),
    ((5, 0.5, 10.0), 8.0), ((6, 0.5, 10.0), 10.0), ((1, 3.0, 3.0), 3.0), ((2, 3.0, 3.0), 3.0),
    ((3, 0.25, 0.75), 0.75), ((2, 0.25, 0.75), 0.5),
]


def test_backoff_table() -> None:
    """backoff(attempt, base, cap) = min(cap, base * 2 ** (attempt - 1)): 1, 2, 4 ... capped."""
    got = {args: backoff(*args) for args, _ in TABLE}
    want = {args: delay for args, delay in TABLE}
    assert got == want, (
        "backoff(attempt, base, cap): the delay after failed attempt `attempt` (1-based) is "
        "min(cap, base * 2 ** (attempt - 1)) — base after the first, doubling, never above cap "
        "(keys are (attempt, base, cap))"
    )


@settings(max_examples=60)
@given(attempt=st.integers(1, 60), base=st.floats(0.001, 1000.0), extra=st.floats(0.0, 10_000.0))
@example(attempt=1, base=1.0, extra=0.0)
@example(attempt=60, base=0.001, extra=10_000.0)
def test_backoff_doubles_up_to_the_cap(attempt: int, base: float, extra: float) -> None:
    """Any attempt, base and cap >= base: the formula; doubling from one attempt to the next
    until the cap; never above it."""
    cap = base + extra
    delay, following = backoff(attempt, base, cap), backoff(attempt + 1, base, cap)
    want = min(cap, base * 2 ** (attempt - 1))
    assert math.isclose(delay, want, rel_tol=1e-12), (
        f"backoff({attempt}, {base!r}, {cap!r}) is min(cap, base * 2 ** (attempt - 1))"
    )
    assert delay <= cap and math.isclose(following, min(cap, 2 * delay), rel_tol=1e-12), (
        f"backoff(attempt + 1) is twice backoff(attempt), until the cap (attempt={attempt}, "
        f"base={base!r}, cap={cap!r}: {delay!r} then {following!r})"
    )


# ---------------------------------------------------------------- exactly once


@pytest.mark.asyncio
@pytest.mark.looptime
@pytest.mark.timeout(30)
async def test_four_workers_run_200_tasks_exactly_once(migrated_url: str, loop_clock: Any) -> None:
    """4 Worker.run tasks on one database, 200 tasks: each handler runs exactly once, every task
    succeeds with attempts 1. On SQLite the conditional UPDATE (still claimable?) is what keeps
    two workers from claiming the same task; on PostgreSQL, FOR UPDATE SKIP LOCKED."""
    kinds = Counting()
    handlers = kinds.handlers()
    async with database(migrated_url, lease_seconds=3600.0, poll_interval=0.25, max_attempts=1) as (cfg, factory):
        service = TaskService(factory, handlers, clock=loop_clock)
        ids = [(await service.submit("count", {"n": n}))[0].id for n in range(200)]
        stop = asyncio.Event()
        workers = [worker(factory, handlers, cfg, f"grader-worker-{i}", loop_clock) for i in range(4)]
        runs = [asyncio.create_task(w.run(stop)) for w in workers]
        try:
            await settle(lambda: len(kinds.runs) == 200, "4 workers: every one of the 200 tasks is run",
                         watch=runs, real=20)

            async def all_terminal() -> bool:
                return await count(factory, TaskStatus.RUNNING) + await count(factory, TaskStatus.PENDING) == 0

            await settle(all_terminal, "4 workers: every task ends succeeded (none left pending or running)",
                         watch=runs, step=0.25)
        finally:
            stop.set()
            await finish(runs, "4 workers: Worker.run(stop) returns once stop is set")
        twice = sorted(n for n, times in kinds.runs.items() if times != 1)
        assert twice == [], (
            "4 workers x 200 tasks: each task's handler runs exactly once — these tasks (their n) ran "
            "more than once, so two workers claimed the same task: the claim must be one conditional "
            "UPDATE ... WHERE id = :id AND <still claimable> (SQLite), or SELECT ... FOR UPDATE SKIP "
            "LOCKED (PostgreSQL)"
        )
        stored = [await read(factory, task_id) for task_id in ids]
        outcome = collections.Counter((str(t.status), t.attempts, t.result == {"n": n}) for n, t in enumerate(stored))
        assert outcome == {("succeeded", 1, True): 200}, (
            "4 workers x 200 tasks: every task is succeeded, after 1 attempt, with its handler's result "
            "(counts of (status, attempts, result right))"
        )


# PostgreSQL only. A skipped check fails its kata in this engine, so without a server the check
# is not defined at all (rather than skipped): set KATAS_DATABASE_URL to run it.
if os.environ.get(SERVER_URL):

    @pytest.mark.asyncio
    async def test_skip_locked_returns_the_next_task(migrated_url: str, loop_clock: Any) -> None:
        """PostgreSQL: while the grader holds a row lock on the oldest pending task, claim() returns
        the next one at once (FOR UPDATE SKIP LOCKED) instead of waiting for the lock or failing."""
        grader = create_async_engine(migrated_url)
        try:
            async with grader.connect() as conn:  # every new connection to this database gives up on a lock after 0.5 s
                name = (await conn.execute(sa.text("SELECT current_database()"))).scalar_one()
                await conn.execute(sa.text(f"ALTER DATABASE \"{name}\" SET lock_timeout = '500ms'"))
                await conn.commit()
            async with database(migrated_url) as (cfg, factory):
                clock_at = [at(0)]
                service = TaskService(factory, clock=lambda: clock_at[0])
                ids = []
                for n in range(3):
                    clock_at[0] = at(n)
                    ids.append((await service.submit("echo", {"message": f"m{n}"}))[0].id)
                async with grader.connect() as holder:
                    key = await holder.run_sync(lambda c: sa.inspect(c).get_pk_constraint("tasks")["constrained_columns"][0])
                    await holder.execute(sa.text(f'SELECT 1 FROM tasks WHERE "{key}" = :id FOR UPDATE'), {"id": ids[0]})
                    try:
                        async with asyncio.timeout(5):
                            async with UnitOfWork(factory) as uow:
                                claimed = await uow.tasks.claim("grader-skipper", at(10), 30.0)
                    except sa.exc.DBAPIError as exc:
                        pytest.fail(
                            "claim(): while another transaction holds a row lock on the oldest pending task, "
                            "the claim must skip it (SELECT ... FOR UPDATE SKIP LOCKED) — it waited for the lock "
                            f"instead, until lock_timeout: {str(exc.orig).splitlines()[0]}"
                        )
                    except TimeoutError:
                        pytest.fail("claim(): blocked on the row the grader holds locked (use FOR UPDATE SKIP LOCKED)")
                    assert getattr(claimed, "id", None) == ids[1], (
                        "claim(): with the oldest pending task locked by another transaction, the claim "
                        "returns the next task by (created_at, id) (SKIP LOCKED)"
                    )
                    await holder.rollback()
                async with UnitOfWork(factory) as uow:
                    again = await uow.tasks.claim("grader-skipper", at(10), 30.0)
                assert getattr(again, "id", None) == ids[0], (
                    "claim(): once the lock is released, the oldest pending task is claimable again"
                )
        finally:
            await grader.dispose()


# ---------------------------------------------------------------- retries and leases


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_a_failing_task_is_retried_with_backoff_then_failed(migrated_url: str, loop_clock: Any) -> None:
    """The `fail` type: each failed attempt goes back to pending with run_after = now +
    backoff(attempt, base, cap), not claimable before; after max_attempts it is failed with the
    error "RuntimeError: <message>"."""
    async with database(migrated_url, max_attempts=3, backoff_base=2.0, backoff_cap=3.0,
                        lease_seconds=30.0) as (cfg, factory):
        service = TaskService(factory, clock=loop_clock)
        task, _ = await service.submit("fail", {"message": "disk on fire"})
        retrier = worker(factory, BUILTIN, cfg, "grader-retrier", loop_clock)
        for attempt, delay in [(1, 2.0), (2, 3.0)]:
            before = loop_time()
            ran = await retrier.run_once()
            after = loop_time()
            assert ran is True, f"run_once(): claims the pending task (attempt {attempt}) and says True"
            got = await read(factory, task.id)
            assert (str(got.status), got.attempts) == ("pending", attempt), (
                f"after failed attempt {attempt} of max_attempts=3 the task is pending again, "
                f"attempts={attempt}"
            )
            assert at(before + delay) <= got.run_after <= at(after + delay), (
                f"after failed attempt {attempt} (backoff_base=2, backoff_cap=3): run_after = the "
                f"clock's now + backoff({attempt}, 2, 3) = now + {delay:g} s (the clock read "
                f"{at(before)}; run_after is {got.run_after})"
            )
            ready = (got.run_after - EPOCH).total_seconds()
            await asyncio.sleep(ready - loop_time() - delay / 2)
            assert await retrier.run_once() is False, (
                f"run_once(): a task whose run_after is still {delay / 2:g} s ahead is not claimable (False)"
            )
            await asyncio.sleep(ready - loop_time() + TICK)
        assert await retrier.run_once() is True, "run_once(): the task is claimable once run_after has passed"
        got = await read(factory, task.id)
        assert (str(got.status), got.attempts, got.error, got.result) == (
            "failed", 3, "RuntimeError: disk on fire", None
        ), (
            "after max_attempts=3 failed attempts the task is failed for good: attempts 3, error "
            '"RuntimeError: disk on fire" (f"{type(exc).__name__}: {exc}"), no result'
        )
        await asyncio.sleep(60)
        assert await retrier.run_once() is False, "run_once(): a failed task is never claimed again"


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_an_expired_lease_is_claimed_by_another_worker(migrated_url: str, loop_clock: Any) -> None:
    """A task claimed by worker A (lease 8 s) that A never finishes: not claimable before the lease
    expires, claimed and finished by worker B once it has; A's late complete() changes nothing."""
    async with database(migrated_url, lease_seconds=30.0) as (cfg, factory):
        service = TaskService(factory, clock=loop_clock)
        task, _ = await service.submit("echo", {"message": "orphaned"})
        async with UnitOfWork(factory) as uow:
            claimed = await uow.tasks.claim("grader-worker-a", loop_clock(), 8.0)
        assert getattr(claimed, "id", None) == task.id, "claim(): worker A claims the pending task"
        b = worker(factory, BUILTIN, cfg, "grader-worker-b", loop_clock)
        await asyncio.sleep(6)
        assert await b.run_once() is False, (
            "run_once(): a running task whose lease (8 s) has 2 s left is not claimable by another worker"
        )
        await asyncio.sleep(2 + TICK)
        assert await b.run_once() is True, (
            "claim(): a running task whose lease has expired (lease_expires_at <= now: its worker died) "
            "is claimable — worker B claims it"
        )
        got = await read(factory, task.id)
        assert (str(got.status), got.attempts, got.result) == ("succeeded", 2, {"message": "orphaned"}), (
            "worker B runs the task whose lease expired: succeeded, attempts 2 (A's claim and B's)"
        )
        async with UnitOfWork(factory) as uow:
            late = await uow.tasks.complete(task.id, "grader-worker-a", {"message": "too late"}, loop_clock())
        got = await read(factory, task.id)
        assert (late, got.result) == (False, {"message": "orphaned"}), (
            "complete() by worker A, which no longer holds the task, changes nothing and says False "
            "(a conditional update: status = running AND worker_id = :me)"
        )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_a_renewed_lease_is_not_claimed_by_a_second_worker(migrated_url: str, loop_clock: Any) -> None:
    """A handler that runs 4 x lease_seconds: its worker renews the lease (every lease_seconds / 3),
    so a second worker polling all the while never claims it; the task succeeds once."""
    kinds = Counting()
    handlers = kinds.handlers()
    async with database(migrated_url, lease_seconds=30.0, poll_interval=1.0) as (cfg, factory):
        service = TaskService(factory, handlers, clock=loop_clock)
        task, _ = await service.submit("hold", {"seconds": 120.0})
        holder = asyncio.create_task(worker(factory, handlers, cfg, "grader-holder", loop_clock).run_once())
        await settle(lambda: kinds.started_event.is_set() or holder.done(), "run_once(): the handler starts")
        stop = asyncio.Event()
        second = asyncio.create_task(worker(factory, handlers, cfg, "grader-second", loop_clock).run(stop))
        try:
            await settle(lambda: holder.done() or len(kinds.started) > 1,
                         "the first worker's run_once() returns once its 120 s handler is done",
                         watch=[second], step=0.5)
        finally:
            stop.set()
            await finish([second], "Worker.run(stop) returns once stop is set", step=0.5)
            if not holder.done():
                holder.cancel()
                await finish([holder], "run_once() ends when cancelled")
        assert len(kinds.started) == 1, (
            "a handler running longer than lease_seconds: its worker renews the lease every "
            "lease_seconds / 3 while it runs, so a second worker never claims the task "
            f"(the handler was started {len(kinds.started)} times, at loop times {kinds.started})"
        )
        got = await read(factory, task.id)
        assert (str(got.status), got.attempts, got.result) == ("succeeded", 1, {"held": 120.0}), (
            "a task whose lease was renewed while it ran ends succeeded after 1 attempt"
        )


# ---------------------------------------------------------------- stop and cancel


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_stop_lets_the_task_in_hand_finish(migrated_url: str, loop_clock: Any) -> None:
    """Setting stop while a task runs: the task finishes (succeeded), run() returns, and the next
    pending task is left alone; set while idle, it cuts the poll wait short."""
    kinds = Counting()
    handlers = kinds.handlers()
    async with database(migrated_url, lease_seconds=30.0, poll_interval=3600.0) as (cfg, factory):
        service = TaskService(factory, handlers, clock=loop_clock)
        first, _ = await service.submit("hold", {"seconds": 50.0})
        stop = asyncio.Event()
        running = asyncio.create_task(worker(factory, handlers, cfg, "grader-stopper", loop_clock).run(stop))
        await settle(lambda: kinds.started_event.is_set(), "Worker.run(): claims the pending task and runs it",
                     watch=[running])
        second, _ = await service.submit("hold", {"seconds": 1.0})
        stop.set()
        await settle(lambda: running.done(), "Worker.run(stop): returns once the task in hand has finished",
                     step=0.5)
        ended = "cancelled" if running.cancelled() else repr(running.exception() or "returned")
        assert ended == repr("returned"), "Worker.run(stop): returns normally when stop is set"
        got = [await read(factory, t.id) for t in (first, second)]
        assert (kinds.cancelled, len(kinds.finished), str(got[0].status)) == (0, 1, "succeeded"), (
            "Worker.run(stop): stop set while a task runs lets that task finish — its handler is not "
            "cancelled and the task is succeeded"
        )
        assert (str(got[1].status), got[1].attempts) == ("pending", 0), (
            "Worker.run(stop): after the task in hand it claims nothing more — the next task stays pending"
        )

        idle_stop = asyncio.Event()
        async with UnitOfWork(factory) as uow:  # nothing claimable for the idle worker
            await uow.tasks.claim("grader-elsewhere", loop_clock(), 3600.0)
        idle = asyncio.create_task(worker(factory, handlers, cfg, "grader-idle", loop_clock).run(idle_stop))
        await asyncio.sleep(5)
        assert not idle.done(), "Worker.run(stop): an idle worker keeps polling until stop is set"
        stopped_at = loop_time()
        idle_stop.set()
        await settle(lambda: idle.done() or loop_time() - stopped_at > 60,
                     "Worker.run(stop): returns once stop is set", step=1.0)
        assert idle.done(), (
            "Worker.run(stop): stop set while it waits poll_interval (3600 s) cuts the wait short — "
            "it has not returned 60 s later (wait for the stop event and the sleep together)"
        )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_cancelling_run_releases_the_task(migrated_url: str, loop_clock: Any) -> None:
    """Cancelling Worker.run while its handler runs: the task is pending again, the attempt not
    counted, no worker and no lease — cancellation is no task failure."""
    kinds = Counting()
    handlers = kinds.handlers()
    async with database(migrated_url, lease_seconds=30.0, poll_interval=1.0) as (cfg, factory):
        service = TaskService(factory, handlers, clock=loop_clock)
        task, _ = await service.submit("hold", {"seconds": 50.0})
        stop = asyncio.Event()
        running = asyncio.create_task(worker(factory, handlers, cfg, "grader-cancelled", loop_clock).run(stop))
        await settle(lambda: kinds.started_event.is_set(), "Worker.run(): claims the pending task and runs it",
                     watch=[running])
        running.cancel()
        await settle(lambda: running.done(), "Worker.run(): ends when cancelled", step=TICK)
        got = await read(factory, task.id)
        assert (str(got.status), got.attempts, got.worker_id, got.lease_expires_at, got.error) == (
            "pending", 0, None, None, None
        ), (
            "cancelling Worker.run releases the in-flight task through its lease: pending again, the "
            "attempt not counted (attempts 0), no worker_id, no lease, no error — a cancellation is not "
            "a task failure"
        )
        assert kinds.cancelled == 1, "cancelling Worker.run cancels the handler that was running"


# ---------------------------------------------------------------- a real worker process


def spawn_worker(project: Path, url: str, tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path]:
    log = tmp_path / "worker.log"
    env = {**os.environ, "TASKQ_DATABASE_URL": url, "TASKQ_LEASE_SECONDS": "1",
           "TASKQ_POLL_INTERVAL": "0.05", "PYTHONPATH": str(project)}
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "taskq.worker"], env=env, cwd=tmp_path,
                                   stdout=out, stderr=subprocess.STDOUT)
    return process, log


def tail(log: Path) -> str:
    lines = log.read_text(errors="replace").strip().splitlines()
    return "\n".join(lines[-6:]) or "(nothing)"


async def wait_running(process: subprocess.Popen[bytes], log: Path, service: Any, task_id: str) -> None:
    """Real time: poll the database until the worker process has claimed the task."""
    deadline = time.monotonic() + 15
    while (await service.get(task_id)).status != TaskStatus.RUNNING:
        if process.poll() is not None:
            pytest.fail(f"python -m taskq.worker exited ({process.returncode}) before claiming the task; "
                        f"its output ends:\n{tail(log)}")
        if time.monotonic() > deadline:
            pytest.fail("python -m taskq.worker did not claim the pending task within 15 s "
                        f"(TASKQ_POLL_INTERVAL=0.05); its output ends:\n{tail(log)}")
        await asyncio.sleep(0.05)


def stop_process(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
    process.wait(timeout=5)


@pytest.mark.asyncio
@pytest.mark.timeout(30)
async def test_a_sigkilled_worker_loses_no_task(migrated_url: str, project: Path, tmp_path: Path) -> None:
    """`python -m taskq.worker` (TASKQ_LEASE_SECONDS=1) claims a 3600 s sleep task and is killed
    with SIGKILL; once the lease has expired another worker claims the task and finishes it."""
    async with database(migrated_url) as (cfg, factory):
        service = TaskService(factory)
        task, _ = await service.submit("sleep", {"seconds": 3600})
        process, log = spawn_worker(project, migrated_url, tmp_path)
        try:
            await wait_running(process, log, service, task.id)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=5)
        finally:
            stop_process(process)
        killed = await service.get(task.id)
        assert (str(killed.status), killed.attempts) == ("running", 1), (
            "a worker killed mid-task leaves its task running (attempts 1) until the lease expires"
        )

        async def quick(payload: Hold) -> dict[str, Any]:
            return {"finished by": "the second worker"}

        handlers = {**BUILTIN, "sleep": TaskType(payload=Hold, run=quick)}
        later = lambda: datetime.now(UTC) + timedelta(seconds=10)  # noqa: E731 - past the 1 s lease
        rescuer = Worker(factory, handlers, settings=Settings(database_url=migrated_url, lease_seconds=30.0),
                         worker_id="grader-rescuer", clock=later)
        assert await rescuer.run_once() is True, (
            "a SIGKILLed worker loses nothing: once its lease has expired (lease_expires_at <= now) "
            "another worker claims the task"
        )
        got = await service.get(task.id)
        assert (str(got.status), got.attempts, got.result) == (
            "succeeded", 2, {"finished by": "the second worker"}
        ), "the task of the killed worker is finished by the second worker: succeeded, attempts 2"


@pytest.mark.asyncio
@pytest.mark.timeout(30)
async def test_sigterm_stops_the_worker_gracefully(migrated_url: str, project: Path, tmp_path: Path) -> None:
    """SIGTERM to `python -m taskq.worker` while it runs a 1 s sleep task: the task finishes,
    the process exits 0, no task is left running."""
    async with database(migrated_url) as (cfg, factory):
        service = TaskService(factory)
        task, _ = await service.submit("sleep", {"seconds": 1.0})
        process, log = spawn_worker(project, migrated_url, tmp_path)
        try:
            await wait_running(process, log, service, task.id)
            process.send_signal(signal.SIGTERM)
            try:
                code = await asyncio.to_thread(process.wait, 10)
            except subprocess.TimeoutExpired:
                pytest.fail("python -m taskq.worker did not exit within 10 s of SIGTERM (its task "
                            f"sleeps 1 s); its output ends:\n{tail(log)}")
        finally:
            stop_process(process)
        assert code == 0, (
            "python -m taskq.worker: SIGTERM stops it gracefully and it exits 0 "
            f"(exit status {code}; a negative one is the signal that killed it); output ends:\n{tail(log)}"
        )
        got = await service.get(task.id)
        running = await count(factory, TaskStatus.RUNNING)
        assert (str(got.status), running) == ("succeeded", 0), (
            "python -m taskq.worker on SIGTERM finishes the task in hand (as stop does) and leaves no "
            "task running — (the task's status, tasks still running)"
        )
