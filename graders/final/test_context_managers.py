"""Grader for the final project's two async context managers, under injected failures:

- ``taskq.repository.UnitOfWork(session_factory)``: commits when the block exits normally,
  rolls back when it exits by any exception — an ``Exception``, a ``BaseException`` that is not
  one (like ``KeyboardInterrupt``), the cancellation of a task blocked inside the block — and
  re-raises the very same exception, always closes its session, commits early on
  ``await uow.commit()``, and writes nothing before a commit. What is written is read on the
  grader's own connection (plain SQL on the contract's ``tasks`` table), never through the
  learner's session; sessions are *closed* when the factory's session recorded ``close()``.
- ``taskq.worker.Lease(repository_factory, task, worker_id, clock, lease_seconds)``: entering
  and leaving normally change nothing; ``renew()`` extends ``lease_expires_at`` to
  ``clock() + lease_seconds``; leaving by any exception, cancellation included, releases the
  task (``pending``, the attempt not counted, no worker, no lease) only while this worker still
  holds it, and the exception propagates. ``repository_factory()`` is an async context manager
  yielding a ``TaskRepository`` that commits on a normal exit (here: a ``UnitOfWork``'s tasks).
  And ``Worker.run_once`` cancelled while its handler runs: the lease releases the task.

Tasks are made with the learner's ``TaskService.submit`` and claimed with the repository's
``claim``, at times of a clock the check sets.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import pytest_asyncio
from pydantic import BaseModel, ConfigDict
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from taskq.db import make_engine, make_session_factory
from taskq.domain import Task, TaskStatus
from taskq.handlers import BUILTIN, TaskType
from taskq.repository import TaskRepository, UnitOfWork
from taskq.services import TaskService
from taskq.settings import Settings
from taskq.worker import Lease, Worker

pytestmark = pytest.mark.asyncio

START = datetime(2031, 5, 17, 9, 30, tzinfo=UTC)
LEASE = 30.0
LIMIT = 3.0  # real seconds: a block that should have ended by now is reported, not waited for


class Boom(Exception):
    """An ordinary error raised inside a block."""


class Abort(BaseException):
    """Not an Exception (like KeyboardInterrupt): it must roll back / release and propagate too."""


class CommitFailed(Exception):
    """What the grader's failing session raises from commit()."""


class Clock:
    """A clock the check sets: ``clock.now`` is what it reads."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest_asyncio.fixture
async def engine(migrated_url: str) -> AsyncIterator[AsyncEngine]:
    """The learner's engine on this check's migrated database."""
    made = make_engine(Settings(database_url=migrated_url, workers=0))
    try:
        yield made
    finally:
        await made.dispose()


@pytest_asyncio.fixture
async def peek(migrated_url: str) -> AsyncIterator[Callable[[], Awaitable[dict[str, dict[str, Any]]]]]:
    """The committed rows of ``tasks`` as the grader's own connection sees them."""
    own = create_async_engine(migrated_url)

    async def rows() -> dict[str, dict[str, Any]]:
        async with own.connect() as connection:
            result = await connection.execute(
                text("SELECT id, status, attempts, worker_id, lease_expires_at FROM tasks")
            )
            return {str(row.id): {"status": row.status, "attempts": row.attempts, "worker_id": row.worker_id,
                                  "leased": row.lease_expires_at is not None} for row in result}

    try:
        yield rows
    finally:
        await own.dispose()


def recording_factory(engine: AsyncEngine, *, failing_commit: bool = False) -> tuple[Any, list[Any], list[Any]]:
    """A session factory whose sessions record that they were made and closed (and may fail to commit)."""
    made: list[AsyncSession] = []
    closed: list[AsyncSession] = []

    class RecordingSession(AsyncSession):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

        async def close(self) -> None:
            closed.append(self)
            await super().close()

        async def commit(self) -> None:
            if failing_commit:
                raise CommitFailed("the grader's session failed to commit")
            await super().commit()

    factory: Any = async_sessionmaker(engine, class_=RecordingSession, expire_on_commit=False)
    return factory, made, closed


def a_task(message: str = "hi") -> Task:
    """A new pending task, built from the contract's fields."""
    return Task(
        id=str(uuid.uuid4()), type="echo", payload={"message": message}, status=TaskStatus.PENDING,
        result=None, error=None, attempts=0, idempotency_key=None, created_at=START, updated_at=START,
        run_after=START, worker_id=None, lease_expires_at=None,
    )


async def raised(call: Callable[[], Awaitable[object]]) -> BaseException | None:
    """What the awaited call raised (None if it returned); a stub's NotImplementedError escapes."""
    try:
        await call()
    except NotImplementedError:
        raise
    except BaseException as exc:  # noqa: BLE001 — the check reports whatever it was
        return exc
    return None


def name(error: object) -> str:
    return "no exception" if error is None else type(error).__name__


async def cancelled_inside(block: Callable[[asyncio.Event], Awaitable[None]]) -> BaseException | None:
    """Runs ``block(entered)`` as a task, cancels it once it has set ``entered`` (it then waits
    for ever), and returns what awaiting the task raised."""
    entered = asyncio.Event()
    running = asyncio.ensure_future(block(entered))
    waiting = asyncio.ensure_future(entered.wait())
    await asyncio.wait({running, waiting}, timeout=LIMIT, return_when=asyncio.FIRST_COMPLETED)
    waiting.cancel()
    if running.done():
        return running.exception()
    running.cancel()
    done, _ = await asyncio.wait({running}, timeout=LIMIT)
    if not done:
        return AssertionError("the block did not end within a few seconds of its cancellation")
    return await raised(lambda: running)


async def forever() -> None:
    await asyncio.Event().wait()


# --- UnitOfWork ---------------------------------------------------------------------------------


async def test_unit_of_work_commits_on_a_normal_exit(engine: AsyncEngine, peek: Any) -> None:
    """Nothing is written inside the block (before a commit); everything once it exits normally."""
    factory, made, closed = recording_factory(engine)
    task = a_task()
    async with UnitOfWork(factory) as uow:
        assert isinstance(uow.tasks, TaskRepository), "UnitOfWork: uow.tasks is a TaskRepository"
        await uow.tasks.add(task)
        inside = await peek()
        own = await uow.tasks.get(task.id)
    assert inside == {}, (
        "UnitOfWork: nothing is written before a commit — another connection saw the task while "
        "the block was still running"
    )
    assert own == task, "UnitOfWork: inside the block, uow.tasks.get() finds the task the block added"
    assert set(await peek()) == {task.id}, "UnitOfWork: leaving the block normally commits what it did"
    assert (len(made), closed == made) == (1, True), "UnitOfWork: one session per block, closed at the end"


@pytest.mark.parametrize("error", [Boom("boom"), Abort("abort")], ids=["Exception", "BaseException"])
async def test_unit_of_work_rolls_back_on_an_exception(engine: AsyncEngine, peek: Any, error: BaseException) -> None:
    """An exception inside the block: rolled back, the very same exception re-raised, the session closed."""
    factory, made, closed = recording_factory(engine)
    kind = type(error).__name__ + ("" if isinstance(error, Exception) else " (a BaseException, not an Exception)")

    async def block() -> None:
        async with UnitOfWork(factory) as uow:
            await uow.tasks.add(a_task())
            raise error

    got = await raised(block)
    assert got is error, (
        f"UnitOfWork: a {kind} raised inside the block propagates, the very same object — never "
        f"swallowed or wrapped (got {name(got)})"
    )
    assert await peek() == {}, f"UnitOfWork: a {kind} inside the block rolls back: nothing is written"
    assert (len(made), closed == made) == (1, True), f"UnitOfWork: the session is closed after a {kind}"


async def test_unit_of_work_rolls_back_an_update(engine: AsyncEngine, peek: Any) -> None:
    """A claim (an UPDATE) inside a block that then fails leaves the task as it was."""
    service = TaskService(make_session_factory(engine), clock=Clock())
    task, _ = await service.submit("echo", {"message": "hi"})
    factory, made, closed = recording_factory(engine)
    claimed: list[Any] = []

    async def block() -> None:
        async with UnitOfWork(factory) as uow:
            claimed.append(await uow.tasks.claim("w1", START, LEASE))
            raise Abort("stop")

    got = await raised(block)
    assert (name(got), [t.id if t is not None else None for t in claimed]) == ("Abort", [task.id]), (
        "UnitOfWork: the claim inside the block returns the task, and the BaseException propagates"
    )
    assert await peek() == {task.id: {"status": "pending", "attempts": 0, "worker_id": None, "leased": False}}, (
        "UnitOfWork: a claim made inside a block that ends by a BaseException is rolled back: the "
        "task is still pending, no attempt, no worker, no lease"
    )
    assert closed == made, "UnitOfWork: the session is closed"


async def test_unit_of_work_rolls_back_when_cancelled(engine: AsyncEngine, peek: Any) -> None:
    """A task blocked inside the block is cancelled: rolled back, CancelledError propagates, closed."""
    factory, made, closed = recording_factory(engine)

    async def block(entered: asyncio.Event) -> None:
        async with UnitOfWork(factory) as uow:
            await uow.tasks.add(a_task())
            entered.set()
            await forever()

    got = await cancelled_inside(block)
    assert name(got) == "CancelledError", (
        "UnitOfWork: cancelling a task blocked inside the block — the CancelledError propagates "
        f"(got {name(got)}: {got})"
    )
    assert await peek() == {}, (
        "UnitOfWork: a block ended by cancellation is rolled back (CancelledError is a "
        "BaseException, not an Exception: catching Exception misses it)"
    )
    assert (len(made), closed == made) == (1, True), "UnitOfWork: the session is closed after a cancellation"


async def test_unit_of_work_commits_early(engine: AsyncEngine, peek: Any) -> None:
    """await uow.commit() inside the block commits what came before; what follows still rolls back."""
    factory, made, closed = recording_factory(engine)
    first, second = a_task("first"), a_task("second")

    async def block() -> None:
        async with UnitOfWork(factory) as uow:
            await uow.tasks.add(first)
            await uow.commit()
            await uow.tasks.add(second)
            raise Boom("after the commit")

    got = await raised(block)
    assert name(got) == "Boom", "UnitOfWork: the exception raised after an early commit propagates"
    assert set(await peek()) == {first.id}, (
        "UnitOfWork: await uow.commit() inside the block commits what the block did so far; what "
        "it did after that is rolled back when it then fails"
    )
    assert closed == made, "UnitOfWork: the session is closed"


async def test_unit_of_work_closes_when_the_commit_fails(engine: AsyncEngine, peek: Any) -> None:
    """A commit that fails on exit: its exception propagates and the session is closed all the same."""
    factory, made, closed = recording_factory(engine, failing_commit=True)

    async def block() -> None:
        async with UnitOfWork(factory) as uow:
            await uow.tasks.add(a_task())

    got = await raised(block)
    assert name(got) == "CommitFailed", (
        f"UnitOfWork: when the commit on exit fails, its exception propagates (got {name(got)})"
    )
    assert (len(made), closed == made) == (1, True), "UnitOfWork: the session is closed even when commit fails"
    assert await peek() == {}, "UnitOfWork: a failed commit writes nothing"


# --- Lease --------------------------------------------------------------------------------------


def repositories(factory: Any) -> Callable[[], contextlib.AbstractAsyncContextManager[TaskRepository]]:
    """The lease's repository_factory: a UnitOfWork's tasks, committed when the block exits normally."""

    @contextlib.asynccontextmanager
    async def tasks() -> AsyncIterator[TaskRepository]:
        async with UnitOfWork(factory) as uow:
            yield uow.tasks

    return tasks


async def claimed_task(engine: AsyncEngine, clock: Clock, worker_id: str = "w1") -> Task:
    """A submitted task, claimed by ``worker_id`` at ``clock.now``."""
    factory = make_session_factory(engine)
    task, _ = await TaskService(factory, clock=clock).submit("echo", {"message": "leased"})
    async with UnitOfWork(factory) as uow:
        got = await uow.tasks.claim(worker_id, clock(), LEASE)
    assert got is not None and got.id == task.id, "TaskRepository.claim(): claims the pending task (grader setup)"
    return got


async def stored(engine: AsyncEngine, task_id: str) -> Task | None:
    async with UnitOfWork(make_session_factory(engine)) as uow:
        return await uow.tasks.get(task_id)


def state(task: Task | None) -> Any:
    if task is None:
        return None
    return {"status": str(task.status), "attempts": task.attempts, "worker_id": task.worker_id,
            "lease_expires_at": task.lease_expires_at}


def released(task: Task | None, now: datetime) -> Any:
    """What a released task looks like (its run_after, now, beside the rest)."""
    if task is None:
        return None
    return {**state(task), "run_after": task.run_after == now}


RELEASED = {"status": "pending", "attempts": 0, "worker_id": None, "lease_expires_at": None, "run_after": True}


async def test_a_normal_exit_changes_nothing(engine: AsyncEngine, peek: Any) -> None:
    """Entering the lease and leaving it normally leave the running task exactly as it was."""
    clock = Clock()
    task = await claimed_task(engine, clock)
    before = state(await stored(engine, task.id))
    lease = Lease(repositories(make_session_factory(engine)), task, "w1", clock, LEASE)
    async with lease:
        inside = state(await stored(engine, task.id))
        clock.advance(5)
    after = state(await stored(engine, task.id))
    assert before == {"status": "running", "attempts": 1, "worker_id": "w1",
                      "lease_expires_at": START + timedelta(seconds=LEASE)}, (
        "TaskRepository.claim(): the task becomes running, attempts 1, worker_id set, "
        "lease_expires_at = now + lease_seconds (grader setup)"
    )
    assert inside == before, "Lease: entering it changes nothing"
    assert after == before, (
        "Lease: leaving the block normally changes nothing (the worker completed or failed the "
        "task inside it) — the task is still running, held by this worker, its lease untouched"
    )


async def test_renew_extends_the_lease(engine: AsyncEngine) -> None:
    """lease.renew() sets lease_expires_at = clock() + lease_seconds, each time it is called."""
    clock = Clock()
    task = await claimed_task(engine, clock)
    async with Lease(repositories(make_session_factory(engine)), task, "w1", clock, LEASE) as lease:
        got = []
        for step in (10, 10, 25):
            clock.advance(step)
            await lease.renew()
            got.append(state(await stored(engine, task.id)))
    want = [{"status": "running", "attempts": 1, "worker_id": "w1",
             "lease_expires_at": START + timedelta(seconds=t + LEASE)} for t in (10, 20, 45)]
    assert got == want, (
        "Lease.renew(): the lease then expires at clock() + lease_seconds (renewed at +10 s, +20 s, "
        "+45 s with a 30 s lease: +40 s, +50 s, +75 s); the task stays running, this worker's"
    )


@pytest.mark.parametrize("error", [Boom("boom"), Abort("abort")], ids=["Exception", "BaseException"])
async def test_an_exception_releases_the_task(engine: AsyncEngine, error: BaseException) -> None:
    """An exception inside the lease: the task is released, and the very same exception propagates."""
    clock = Clock()
    task = await claimed_task(engine, clock)
    kind = type(error).__name__ + ("" if isinstance(error, Exception) else " (a BaseException, not an Exception)")

    async def block() -> None:
        async with Lease(repositories(make_session_factory(engine)), task, "w1", clock, LEASE):
            clock.advance(7)
            raise error

    got = await raised(block)
    assert got is error, (
        f"Lease: a {kind} raised inside the block propagates, the very same object (got {name(got)})"
    )
    assert released(await stored(engine, task.id), clock.now) == RELEASED, (
        f"Lease: leaving by a {kind} releases the task — pending again, the attempt not counted "
        "(attempts 0), no worker, no lease, run_after = now"
    )


async def test_cancellation_releases_the_task(engine: AsyncEngine) -> None:
    """A task blocked inside the lease is cancelled: released, CancelledError propagates."""
    clock = Clock()
    task = await claimed_task(engine, clock)

    async def block(entered: asyncio.Event) -> None:
        async with Lease(repositories(make_session_factory(engine)), task, "w1", clock, LEASE):
            clock.advance(3)
            entered.set()
            await forever()

    got = await cancelled_inside(block)
    assert name(got) == "CancelledError", (
        f"Lease: cancelling a task blocked inside the block — the CancelledError propagates (got {name(got)})"
    )
    assert released(await stored(engine, task.id), clock.now) == RELEASED, (
        "Lease: leaving by cancellation releases the task — pending, attempts not counted, no "
        "worker, no lease (CancelledError is a BaseException, not an Exception)"
    )


async def test_release_only_while_this_worker_holds_the_task(engine: AsyncEngine) -> None:
    """The lease expired and another worker claimed the task: failing now leaves that worker's claim alone."""
    clock = Clock()
    task = await claimed_task(engine, clock)
    factory = make_session_factory(engine)

    async def block() -> None:
        async with Lease(repositories(factory), task, "w1", clock, LEASE):
            clock.advance(LEASE + 1)  # w1's lease has expired ...
            async with UnitOfWork(factory) as uow:  # ... and w2 claims the task
                taken = await uow.tasks.claim("w2", clock(), LEASE)
            assert taken is not None and taken.id == task.id, (
                "TaskRepository.claim(): a running task whose lease has expired is claimable (grader setup)"
            )
            raise Boom("w1 fails late")

    got = await raised(block)
    assert name(got) == "Boom", f"Lease: the exception propagates (got {name(got)}: {got})"
    assert state(await stored(engine, task.id)) == {
        "status": "running", "attempts": 2, "worker_id": "w2", "lease_expires_at": clock.now + timedelta(seconds=LEASE)
    }, (
        "Lease: it releases the task only if this worker still holds it — here w2 had claimed it "
        "after w1's lease expired, and w1's failure must leave w2's claim (running, attempts 2, "
        "worker w2, its lease) alone"
    )


async def test_a_completed_task_is_not_released(engine: AsyncEngine) -> None:
    """The worker completed the task inside the lease, then something failed: the task stays succeeded."""
    clock = Clock()
    task = await claimed_task(engine, clock)
    factory = make_session_factory(engine)

    async def block() -> None:
        async with Lease(repositories(factory), task, "w1", clock, LEASE):
            async with UnitOfWork(factory) as uow:
                done = await uow.tasks.complete(task.id, "w1", {"message": "leased"}, clock())
            assert done, "TaskRepository.complete() by the worker holding the task succeeds (grader setup)"
            raise Abort("after the outcome")

    got = await raised(block)
    assert name(got) == "Abort", f"Lease: the exception propagates (got {name(got)})"
    after = await stored(engine, task.id)
    assert ((str(after.status), after.attempts) if after else None) == ("succeeded", 1), (
        "Lease: a task no longer running for this worker (completed inside the block) is not "
        "released when the block then fails"
    )


# --- the worker's lease -------------------------------------------------------------------------


class Wait(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str


async def test_cancelling_run_once_releases_the_task(engine: AsyncEngine) -> None:
    """Worker.run_once cancelled while its handler runs: the task goes back to pending, attempt not counted."""
    started = asyncio.Event()

    async def wait(payload: Any) -> dict[str, Any]:
        started.set()
        await forever()
        return {}

    clock = Clock()
    factory = make_session_factory(engine)
    handlers = {**BUILTIN, "wait": TaskType(Wait, wait)}
    task, _ = await TaskService(factory, handlers, clock=clock).submit("wait", {"name": "w"})
    worker = Worker(factory, handlers, settings=Settings(database_url="sqlite://", workers=0, lease_seconds=LEASE),
                    worker_id="w1", clock=clock)

    async def block(entered: asyncio.Event) -> None:
        running = asyncio.ensure_future(worker.run_once())
        ready = asyncio.ensure_future(started.wait())
        await asyncio.wait({running, ready}, return_when=asyncio.FIRST_COMPLETED)
        ready.cancel()
        if running.done():
            running.result()
            raise AssertionError("Worker.run_once() returned before its handler ran")
        entered.set()
        try:
            await running
        finally:
            running.cancel()

    clock.advance(1)
    got = await cancelled_inside(block)
    assert name(got) == "CancelledError", (
        f"Worker.run_once(): cancelled while its handler runs, the CancelledError propagates (got {name(got)}: {got})"
    )
    assert released(await stored(engine, task.id), clock.now) == RELEASED, (
        "Worker.run_once(): cancellation is no task failure — the lease releases the task (pending, "
        "attempts not counted, no worker, no lease); no error is recorded"
    )
    after = await stored(engine, task.id)
    assert after is not None and after.error is None, "Worker.run_once(): a cancelled run records no error"
