"""Workers in virtual time (looptime): claims, outcomes, retries, leases, stopping."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from conftest import PROJECT, Recorder, loop_clock, make_task
from taskq.domain import Task, TaskStatus
from taskq.handlers import BUILTIN
from taskq.repository import TaskRepository, UnitOfWork
from taskq.services import TaskService
from taskq.settings import Settings
from taskq.worker import Lease, Worker

Factory = async_sessionmaker[AsyncSession]


def make_worker(
    factory: Factory, settings: Settings, recorder: Recorder | None = None, name: str = "w1", **kw: Any
) -> Worker:
    handlers = recorder.handlers if recorder else BUILTIN
    return Worker(factory, handlers, settings=settings, worker_id=name, clock=loop_clock(), **kw)


async def submit(factory: Factory, type_: str, payload: dict[str, Any], recorder: Recorder | None = None) -> Task:
    handlers = recorder.handlers if recorder else BUILTIN
    task, _ = await TaskService(factory, handlers, clock=loop_clock()).submit(type_, payload)
    return task


async def load(factory: Factory, task_id: str) -> Task:
    async with UnitOfWork(factory) as uow:
        task = await uow.tasks.get(task_id)
    assert task is not None
    return task


pytestmark = [pytest.mark.asyncio, pytest.mark.looptime]


async def test_run_once_without_tasks_is_false(session_factory: Factory, settings: Settings) -> None:
    assert await make_worker(session_factory, settings).run_once() is False


async def test_a_task_succeeds_with_its_result(session_factory: Factory, settings: Settings) -> None:
    task = await submit(session_factory, "sum", {"numbers": [1, 2, 3]})
    assert await make_worker(session_factory, settings).run_once() is True
    done = await load(session_factory, task.id)
    assert (done.status, done.result, done.error, done.attempts) == (TaskStatus.SUCCEEDED, {"sum": 6}, None, 1)
    assert done.lease_expires_at is None


async def test_a_failure_records_the_error_and_retries_after_backoff(
    session_factory: Factory, settings: Settings
) -> None:
    task = await submit(session_factory, "fail", {"message": "boom"})
    await make_worker(session_factory, settings).run_once()
    failed = await load(session_factory, task.id)
    assert (failed.status, failed.error, failed.attempts) == (TaskStatus.PENDING, "RuntimeError: boom", 1)
    assert failed.run_after - failed.updated_at == timedelta(seconds=1)


async def test_retries_back_off_up_to_the_cap_then_fail(
    session_factory: Factory, settings: Settings
) -> None:
    settings = settings.model_copy(update={"max_attempts": 6, "backoff_base": 1.0, "backoff_cap": 4.0})
    task = await submit(session_factory, "fail", {"message": "boom"})
    worker = make_worker(session_factory, settings)
    delays = []
    for attempt in range(1, 7):
        current = await load(session_factory, task.id)
        await asyncio.sleep(max(0.0, (current.run_after - loop_clock()()).total_seconds()))
        assert await worker.run_once() is True, f"attempt {attempt} was claimable"
        after = await load(session_factory, task.id)
        assert after.attempts == attempt
        if after.status is TaskStatus.PENDING:
            delays.append((after.run_after - after.updated_at).total_seconds())
    assert delays == [1.0, 2.0, 4.0, 4.0, 4.0]
    final = await load(session_factory, task.id)
    assert (final.status, final.error, final.attempts) == (TaskStatus.FAILED, "RuntimeError: boom", 6)


async def test_a_retry_waits_for_run_after(session_factory: Factory, settings: Settings) -> None:
    await submit(session_factory, "fail", {"message": "boom"})
    worker = make_worker(session_factory, settings)
    assert await worker.run_once() is True
    assert await worker.run_once() is False  # run_after is 1 s away
    await asyncio.sleep(1)
    assert await worker.run_once() is True


@pytest.mark.parametrize(("type_", "payload"), [("gone", {}), ("echo", {"m": 1})])
async def test_an_unrunnable_task_fails(
    session_factory: Factory, settings: Settings, type_: str, payload: dict[str, Any]
) -> None:
    now = loop_clock()()
    task = make_task(type=type_, payload=payload, created_at=now, updated_at=now, run_after=now)
    async with UnitOfWork(session_factory) as uow:
        await uow.tasks.add(task)
    settings = settings.model_copy(update={"max_attempts": 1})
    await make_worker(session_factory, settings).run_once()
    failed = await load(session_factory, task.id)
    assert failed.status is TaskStatus.FAILED
    assert failed.error


async def test_the_lease_is_renewed_while_the_task_runs(
    session_factory: Factory, settings: Settings, recorder: Recorder
) -> None:
    task = await submit(session_factory, "block", {"n": 1}, recorder)
    running = asyncio.create_task(make_worker(session_factory, settings, recorder).run_once())
    await recorder.started.wait()
    claimed = await load(session_factory, task.id)
    assert claimed.lease_expires_at is not None
    # Renewals come every lease_seconds / 3 = 10 s. Poll in small steps: virtual time may run
    # ahead while a database call is in flight in aiosqlite's thread.
    held = claimed
    for _ in range(60):
        await asyncio.sleep(1)
        held = await load(session_factory, task.id)
        if held.lease_expires_at is not None and held.lease_expires_at > claimed.lease_expires_at:
            break
    assert held.lease_expires_at is not None and held.lease_expires_at > claimed.lease_expires_at, (
        "the worker renews its lease while the handler runs"
    )
    assert (held.status, held.worker_id) == (TaskStatus.RUNNING, "w1")
    recorder.release.set()
    assert await running is True
    done = await load(session_factory, task.id)
    assert (done.status, done.attempts, done.result) == (TaskStatus.SUCCEEDED, 1, {"n": 1})


async def test_a_task_taken_over_keeps_its_new_owner(
    session_factory: Factory, settings: Settings, recorder: Recorder
) -> None:
    """The lease was lost (as after an expiry) and another worker holds the task now."""
    task = await submit(session_factory, "block", {"n": 1}, recorder)
    first = asyncio.create_task(make_worker(session_factory, settings, recorder).run_once())
    await recorder.started.wait()
    async with UnitOfWork(session_factory) as uow:
        assert await uow.tasks.release(task.id, "w1", loop_clock()())
        assert await uow.tasks.claim("w2", loop_clock()(), 30) is not None
    await asyncio.sleep(15)  # past a renewal: the first worker learns it lost the task
    recorder.release.set()
    assert await first is True
    still = await load(session_factory, task.id)
    assert (still.status, still.worker_id, still.result) == (TaskStatus.RUNNING, "w2", None), (
        "the first worker records no outcome for a task it no longer holds"
    )


async def test_cancelling_a_worker_releases_its_task(
    session_factory: Factory, settings: Settings, recorder: Recorder
) -> None:
    task = await submit(session_factory, "block", {"n": 1}, recorder)
    running = asyncio.create_task(make_worker(session_factory, settings, recorder).run(asyncio.Event()))
    await recorder.started.wait()
    running.cancel()
    with pytest.raises(asyncio.CancelledError):
        await running
    back = await load(session_factory, task.id)
    assert (back.status, back.attempts, back.worker_id, back.lease_expires_at) == (
        TaskStatus.PENDING, 0, None, None
    )


async def test_run_polls_until_stopped(session_factory: Factory, settings: Settings) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    worker = make_worker(session_factory, settings)
    running = asyncio.create_task(worker.run(stop))
    await asyncio.sleep(0.5)
    task = await submit(session_factory, "echo", {"message": "hi"})
    for _ in range(20):  # the idle worker looks again every poll interval (1 s)
        if (await load(session_factory, task.id)).status is TaskStatus.SUCCEEDED:
            break
        await asyncio.sleep(0.5)
    assert (await load(session_factory, task.id)).status is TaskStatus.SUCCEEDED
    start = loop.time()
    stop.set()
    await running
    assert loop.time() - start < 0.5, "stop cuts the idle wait short"


async def test_stop_lets_the_task_in_hand_finish(
    session_factory: Factory, settings: Settings, recorder: Recorder
) -> None:
    task = await submit(session_factory, "block", {"n": 1}, recorder)
    await asyncio.sleep(1)  # virtual time stands still otherwise: same created_at
    second = await submit(session_factory, "echo", {"message": "later"})
    stop = asyncio.Event()
    running = asyncio.create_task(make_worker(session_factory, settings, recorder).run(stop))
    await recorder.started.wait()
    stop.set()
    await asyncio.sleep(5)
    assert not running.done(), "the worker finishes the task in hand before it returns"
    recorder.release.set()
    await running
    assert (await load(session_factory, task.id)).status is TaskStatus.SUCCEEDED
    assert (await load(session_factory, second.id)).status is TaskStatus.PENDING


async def test_many_workers_run_each_task_exactly_once(
    session_factory: Factory, settings: Settings, recorder: Recorder
) -> None:
    settings = settings.model_copy(update={"poll_interval": 0.1})
    tasks = [await submit(session_factory, "count", {"n": n}, recorder) for n in range(40)]
    stop = asyncio.Event()
    workers = [make_worker(session_factory, settings, recorder, name=f"w{i}") for i in range(4)]
    running = [asyncio.create_task(w.run(stop)) for w in workers]
    for _ in range(200):
        _, done = await TaskService(session_factory).list(status=TaskStatus.SUCCEEDED, limit=1)
        if done == len(tasks):
            break
        await asyncio.sleep(0.1)
    stop.set()
    await asyncio.gather(*running)
    assert Counter(recorder.runs) == Counter(range(40)), "every task ran exactly once"


# --- Lease on its own ---------------------------------------------------------------------------


async def claimed(factory: Factory, worker: str = "w1") -> Task:
    await submit(factory, "echo", {"message": "hi"})
    async with UnitOfWork(factory) as uow:
        task = await uow.tasks.claim(worker, loop_clock()(), 30)
    assert task is not None
    return task


def repositories(factory: Factory) -> Any:
    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def open_repository() -> Any:
        async with UnitOfWork(factory) as uow:
            yield uow.tasks

    return open_repository


async def test_lease_changes_nothing_on_a_normal_exit(session_factory: Factory) -> None:
    task = await claimed(session_factory)
    async with Lease(repositories(session_factory), task, "w1", loop_clock(), 30):
        pass
    assert vars(await load(session_factory, task.id)) == vars(task)


@pytest.mark.parametrize("error", [RuntimeError("boom"), asyncio.CancelledError()])
async def test_lease_releases_on_an_exception(session_factory: Factory, error: BaseException) -> None:
    task = await claimed(session_factory)
    with pytest.raises(type(error)) as caught:
        async with Lease(repositories(session_factory), task, "w1", loop_clock(), 30):
            raise error
    assert caught.value is error
    back = await load(session_factory, task.id)
    assert (back.status, back.attempts, back.worker_id) == (TaskStatus.PENDING, 0, None)


async def test_lease_renew_extends_and_reports(session_factory: Factory) -> None:
    task = await claimed(session_factory)
    await asyncio.sleep(20)
    lease = Lease(repositories(session_factory), task, "w1", loop_clock(), 30)
    assert await lease.renew() is True
    renewed = await load(session_factory, task.id)
    assert task.lease_expires_at is not None and renewed.lease_expires_at is not None
    assert renewed.lease_expires_at >= task.lease_expires_at + timedelta(seconds=20)
    intruder = Lease(repositories(session_factory), task, "w2", loop_clock(), 30)
    assert await intruder.renew() is False
    with pytest.raises(RuntimeError):
        async with intruder:
            raise RuntimeError
    assert (await load(session_factory, task.id)).worker_id == "w1", "only the holder releases"
