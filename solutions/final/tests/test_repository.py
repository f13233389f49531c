"""TaskRepository and UnitOfWork on a migrated SQLite file."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from conftest import EPOCH, make_task
from taskq.domain import Task, TaskStatus
from taskq.repository import UnitOfWork

Factory = async_sessionmaker[AsyncSession]
pytestmark = pytest.mark.asyncio


def at(seconds: float) -> Any:
    return EPOCH + timedelta(seconds=seconds)


async def store(factory: Factory, *tasks: Task) -> None:
    async with UnitOfWork(factory) as uow:
        for task in tasks:
            await uow.tasks.add(task)


async def load(factory: Factory, task_id: str) -> Task:
    async with UnitOfWork(factory) as uow:
        task = await uow.tasks.get(task_id)
    assert task is not None
    return task


async def test_add_then_get_round_trips_every_field(session_factory: Factory) -> None:
    task = make_task(idempotency_key="k1", payload={"message": "hi", "nested": {"a": [1, 2]}})
    await store(session_factory, task)
    loaded = await load(session_factory, task.id)
    assert vars(loaded) == vars(task)
    assert loaded.created_at.utcoffset() == timedelta(0), "times come back aware, in UTC"
    async with UnitOfWork(session_factory) as uow:
        assert await uow.tasks.by_idempotency_key("k1") == task
        assert await uow.tasks.by_idempotency_key("k2") is None
        assert await uow.tasks.get("missing") is None


async def test_list_filters_orders_and_pages(session_factory: Factory) -> None:
    tasks = [make_task(3), make_task(1, type="sum"), make_task(2), make_task(4, type="sum")]
    await store(session_factory, *tasks)
    ordered = sorted(tasks, key=lambda t: (t.created_at, t.id))
    async with UnitOfWork(session_factory) as uow:
        assert await uow.tasks.list() == (ordered, 4)
        assert await uow.tasks.list(limit=2, offset=1) == (ordered[1:3], 4)
        assert await uow.tasks.list(type="sum") == ([tasks[1], tasks[3]], 2)
        assert await uow.tasks.list(status=TaskStatus.RUNNING) == ([], 0)
        assert await uow.tasks.list(status=TaskStatus.PENDING, type="echo", limit=1) == ([tasks[2]], 2)


async def test_ties_in_created_at_are_ordered_by_id(session_factory: Factory) -> None:
    tasks = [make_task(1) for _ in range(5)]
    await store(session_factory, *tasks)
    async with UnitOfWork(session_factory) as uow:
        listed, _ = await uow.tasks.list()
        assert [t.id for t in listed] == sorted(t.id for t in tasks)
        first = await uow.tasks.claim("w1", at(2), 30)
    assert first is not None and first.id == min(t.id for t in tasks)


async def test_claim_takes_the_oldest_claimable_task(session_factory: Factory) -> None:
    later, oldest, future = make_task(5), make_task(1), make_task(2, run_after=at(100))
    await store(session_factory, later, oldest, future)
    async with UnitOfWork(session_factory) as uow:
        claimed = await uow.tasks.claim("w1", at(10), 1000)
    assert claimed == oldest
    assert claimed is not None
    assert claimed.status is TaskStatus.RUNNING
    assert (claimed.worker_id, claimed.attempts, claimed.lease_expires_at) == ("w1", 1, at(1010))
    async with UnitOfWork(session_factory) as uow:
        assert await uow.tasks.claim("w1", at(10), 1000) == later
        assert await uow.tasks.claim("w1", at(10), 1000) is None, "run_after is in the future"
        assert await uow.tasks.claim("w1", at(100), 1000) == future


@pytest.mark.parametrize("status", [TaskStatus.SUCCEEDED, TaskStatus.FAILED, TaskStatus.CANCELLED])
async def test_finished_tasks_are_never_claimed(session_factory: Factory, status: TaskStatus) -> None:
    await store(session_factory, make_task(status=status))
    async with UnitOfWork(session_factory) as uow:
        assert await uow.tasks.claim("w1", at(1000), 30) is None


async def test_an_expired_lease_is_claimed_again(session_factory: Factory) -> None:
    task = make_task()
    await store(session_factory, task)
    async with UnitOfWork(session_factory) as uow:
        assert await uow.tasks.claim("w1", at(0), 30) == task
        assert await uow.tasks.claim("w2", at(29), 30) is None, "the lease still holds"
        again = await uow.tasks.claim("w2", at(30), 30)
    assert again is not None
    assert (again.worker_id, again.attempts, again.lease_expires_at) == ("w2", 2, at(60))


async def test_a_candidate_taken_meanwhile_is_skipped(session_factory: Factory, mocker: Any) -> None:
    """Another claimer wins the oldest task between our look-up and our update."""
    first, second = make_task(1), make_task(2)
    await store(session_factory, first, second)
    original = AsyncSession.scalars
    raced: list[Task | None] = []

    async def look_up_then_race(self: AsyncSession, *args: Any, **kwargs: Any) -> Any:
        result = await original(self, *args, **kwargs)
        if not raced:
            raced.append(None)
            async with UnitOfWork(session_factory) as other:
                raced[0] = await other.tasks.claim("w2", at(5), 30)
        return result

    mocker.patch.object(AsyncSession, "scalars", look_up_then_race)
    async with UnitOfWork(session_factory) as uow:
        claimed = await uow.tasks.claim("w1", at(5), 30)
    mocker.stopall()
    assert claimed is not None and raced[0] is not None
    assert claimed != raced[0], "never the same task to two claimers"
    assert {claimed.id, raced[0].id} == {first.id, second.id}


async def test_concurrent_claimers_never_share_a_task(session_factory: Factory) -> None:
    tasks = [make_task(i) for i in range(12)]
    await store(session_factory, *tasks)

    async def claimer(name: str) -> list[str]:
        got: list[str] = []
        while True:
            async with UnitOfWork(session_factory) as uow:
                task = await uow.tasks.claim(name, at(60), 30)
            if task is None:
                return got
            got.append(task.id)

    claims = await asyncio.gather(*(claimer(f"w{i}") for i in range(4)))
    every = [task_id for got in claims for task_id in got]
    assert sorted(every) == sorted(t.id for t in tasks)


async def test_the_postgresql_branch_claims_alike(session_factory: Factory, mocker: Any) -> None:
    """With the bind's dialect reading "postgresql" (SQLite ignores FOR UPDATE): same claims."""
    older, newer = make_task(1), make_task(2)
    await store(session_factory, newer, older)
    postgres = SimpleNamespace(dialect=SimpleNamespace(name="postgresql"))
    mocker.patch.object(AsyncSession, "get_bind", return_value=postgres)
    async with UnitOfWork(session_factory) as uow:
        assert await uow.tasks.claim("w1", at(5), 30) == older
        assert await uow.tasks.claim("w1", at(5), 30) == newer
        assert await uow.tasks.claim("w1", at(5), 30) is None


async def claimed(factory: Factory, worker: str = "w1") -> Task:
    task = make_task()
    await store(factory, task)
    async with UnitOfWork(factory) as uow:
        got = await uow.tasks.claim(worker, at(0), 30)
    assert got is not None
    return got


async def test_held_operations_need_the_holder(session_factory: Factory) -> None:
    task = await claimed(session_factory)
    async with UnitOfWork(session_factory) as uow:
        assert await uow.tasks.renew(task.id, "intruder", at(1), 30) is False
        assert await uow.tasks.complete(task.id, "intruder", {}, at(1)) is False
        assert await uow.tasks.fail(task.id, "intruder", "x", at(1), None) is False
        assert await uow.tasks.release(task.id, "intruder", at(1)) is False
        assert await uow.tasks.renew("missing", "w1", at(1), 30) is False
    assert vars(await load(session_factory, task.id)) == vars(task)


async def test_held_operations_need_a_running_task(session_factory: Factory) -> None:
    task = make_task(worker_id="w1")  # pending, although it names the worker
    await store(session_factory, task)
    async with UnitOfWork(session_factory) as uow:
        assert await uow.tasks.complete(task.id, "w1", {}, at(1)) is False
        assert await uow.tasks.release(task.id, "w1", at(1)) is False


async def test_renew_extends_the_lease(session_factory: Factory) -> None:
    task = await claimed(session_factory)
    async with UnitOfWork(session_factory) as uow:
        assert await uow.tasks.renew(task.id, "w1", at(20), 30) is True
    assert (await load(session_factory, task.id)).lease_expires_at == at(50)


async def test_complete_records_the_result(session_factory: Factory) -> None:
    task = await claimed(session_factory)
    async with UnitOfWork(session_factory) as uow:
        assert await uow.tasks.complete(task.id, "w1", {"ok": True}, at(3)) is True
        assert await uow.tasks.complete(task.id, "w1", {"ok": False}, at(4)) is False
    done = await load(session_factory, task.id)
    assert (done.status, done.result) == (TaskStatus.SUCCEEDED, {"ok": True})


@pytest.mark.parametrize(("retry_in", "status"), [(5.0, TaskStatus.PENDING), (None, TaskStatus.FAILED)])
async def test_fail_retries_or_fails_for_good(
    session_factory: Factory, retry_in: float | None, status: TaskStatus
) -> None:
    task = await claimed(session_factory)
    retry_at = None if retry_in is None else at(3 + retry_in)
    async with UnitOfWork(session_factory) as uow:
        assert await uow.tasks.fail(task.id, "w1", "RuntimeError: boom", at(3), retry_at) is True
    failed = await load(session_factory, task.id)
    assert (failed.status, failed.error, failed.attempts) == (status, "RuntimeError: boom", 1)
    if retry_at is not None:
        assert failed.run_after == retry_at
        async with UnitOfWork(session_factory) as uow:
            assert await uow.tasks.claim("w2", at(7), 30) is None, "not before run_after"
            assert await uow.tasks.claim("w2", at(8), 30) == task


async def test_release_returns_the_task_uncounted(session_factory: Factory) -> None:
    task = await claimed(session_factory)
    async with UnitOfWork(session_factory) as uow:
        assert await uow.tasks.release(task.id, "w1", at(7)) is True
    back = await load(session_factory, task.id)
    assert back.status is TaskStatus.PENDING
    assert (back.attempts, back.worker_id, back.lease_expires_at, back.run_after) == (0, None, None, at(7))


# --- UnitOfWork --------------------------------------------------------------------------------


async def test_a_normal_exit_commits(session_factory: Factory) -> None:
    task = make_task()
    await store(session_factory, task)
    assert await load(session_factory, task.id) == task


@pytest.mark.parametrize("error", [RuntimeError("boom"), asyncio.CancelledError(), KeyboardInterrupt()])
async def test_any_exception_rolls_back_and_propagates(session_factory: Factory, error: BaseException) -> None:
    task = make_task()
    with pytest.raises(type(error)) as caught:
        async with UnitOfWork(session_factory) as uow:
            await uow.tasks.add(task)
            raise error
    assert caught.value is error, "the very same exception propagates"
    async with UnitOfWork(session_factory) as uow:
        assert await uow.tasks.get(task.id) is None


async def test_early_commit_survives_a_later_error(session_factory: Factory) -> None:
    kept, lost = make_task(1), make_task(2)
    with pytest.raises(RuntimeError):
        async with UnitOfWork(session_factory) as uow:
            await uow.tasks.add(kept)
            await uow.commit()
            await uow.tasks.add(lost)
            raise RuntimeError
    async with UnitOfWork(session_factory) as uow:
        assert await uow.tasks.get(kept.id) == kept
        assert await uow.tasks.get(lost.id) is None


async def test_nothing_is_written_before_a_commit(session_factory: Factory) -> None:
    task = make_task()
    with pytest.raises(LookupError):
        async with UnitOfWork(session_factory) as writer:
            await writer.tasks.add(task)
            async with UnitOfWork(session_factory) as reader:
                assert await reader.tasks.get(task.id) is None
            raise LookupError


@pytest.mark.parametrize("fails", [False, True])
async def test_the_session_is_always_closed(session_factory: Factory, mocker: Any, fails: bool) -> None:
    close = mocker.spy(AsyncSession, "close")
    try:
        async with UnitOfWork(session_factory) as uow:
            await uow.tasks.get("x")
            if fails:
                raise RuntimeError
    except RuntimeError:
        pass
    assert close.await_count == 1
