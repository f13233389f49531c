"""TaskService: submit with validation and idempotency, get, list, cancel."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from conftest import EPOCH, ManualClock
from taskq.domain import Task, TaskStatus
from taskq.exceptions import IdempotencyConflict, IllegalTransition, InvalidTask, TaskNotFound
from taskq.repository import TaskRepository, UnitOfWork
from taskq.services import TaskService

Factory = async_sessionmaker[AsyncSession]
pytestmark = pytest.mark.asyncio


@pytest.fixture
def service(session_factory: Factory, clock: ManualClock) -> TaskService:
    return TaskService(session_factory, clock=clock)


async def test_submit_stores_a_pending_task(service: TaskService) -> None:
    task, created = await service.submit("echo", {"message": "hi"})
    assert created is True
    assert (task.type, task.payload, task.status) == ("echo", {"message": "hi"}, TaskStatus.PENDING)
    assert task.created_at == task.updated_at == task.run_after == EPOCH
    stored = await service.get(task.id)
    assert vars(stored) == vars(task)


@pytest.mark.parametrize(
    ("type_", "payload"),
    [("nope", {}), ("echo", {}), ("echo", {"message": "hi", "x": 1}), ("sum", {"numbers": "1"})],
)
async def test_invalid_submissions_store_nothing(
    service: TaskService, type_: str, payload: dict[str, Any]
) -> None:
    with pytest.raises(InvalidTask) as caught:
        await service.submit(type_, payload, idempotency_key="k")
    assert caught.value.errors and all(isinstance(e, str) and e for e in caught.value.errors)
    assert str(caught.value)
    assert await service.list() == ([], 0)


async def test_a_replay_returns_the_first_task(service: TaskService, clock: ManualClock) -> None:
    first, created = await service.submit("echo", {"message": "hi"}, idempotency_key="k")
    clock.advance(10)
    again, replayed_created = await service.submit("echo", {"message": "hi"}, idempotency_key="k")
    assert (created, replayed_created) == (True, False)
    assert vars(again) == vars(first)
    assert (await service.list())[1] == 1


async def test_a_replay_returns_the_task_as_it_is_now(service: TaskService) -> None:
    first, _ = await service.submit("echo", {"message": "hi"}, idempotency_key="k")
    await service.cancel(first.id)
    again, created = await service.submit("echo", {"message": "hi"}, idempotency_key="k")
    assert (again.id, again.status, created) == (first.id, TaskStatus.CANCELLED, False)


@pytest.mark.parametrize(
    ("type_", "payload"), [("echo", {"message": "other"}), ("fail", {"message": "hi"})]
)
async def test_a_key_reused_differently_conflicts(
    service: TaskService, type_: str, payload: dict[str, Any]
) -> None:
    await service.submit("echo", {"message": "hi"}, idempotency_key="k")
    with pytest.raises(IdempotencyConflict):
        await service.submit(type_, payload, idempotency_key="k")
    assert (await service.list())[1] == 1


async def test_different_keys_make_different_tasks(service: TaskService) -> None:
    a, _ = await service.submit("echo", {"message": "hi"}, idempotency_key="a")
    b, _ = await service.submit("echo", {"message": "hi"}, idempotency_key="b")
    c, _ = await service.submit("echo", {"message": "hi"})
    assert len({a.id, b.id, c.id}) == 3


async def test_concurrent_submits_with_one_key_store_one_task(service: TaskService) -> None:
    results = await asyncio.gather(
        *(service.submit("echo", {"message": "hi"}, idempotency_key="k") for _ in range(5))
    )
    assert len({task.id for task, _ in results}) == 1
    assert sorted(created for _, created in results) == [False] * 4 + [True]
    assert (await service.list())[1] == 1


async def test_get_unknown_is_not_found(service: TaskService) -> None:
    with pytest.raises(TaskNotFound) as caught:
        await service.get("missing")
    assert caught.value.task_id == "missing"
    assert "missing" in str(caught.value)


async def test_list_pages_in_creation_order(service: TaskService, clock: ManualClock) -> None:
    ids = []
    for n in range(5):
        clock.advance(1)
        task, _ = await service.submit("echo" if n % 2 else "sum", {"message": "m"} if n % 2 else {"numbers": [n]})
        ids.append(task.id)
    page, total = await service.list(limit=2, offset=1)
    assert ([t.id for t in page], total) == (ids[1:3], 5)
    sums, total = await service.list(type="sum")
    assert ([t.id for t in sums], total) == (ids[0::2], 3)
    cancelled, total = await service.list(status=TaskStatus.CANCELLED)
    assert (cancelled, total) == ([], 0)


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (-1, 0), (1, -1)])
async def test_list_rejects_bad_paging(service: TaskService, limit: int, offset: int) -> None:
    with pytest.raises(ValueError):
        await service.list(limit=limit, offset=offset)


async def test_cancel_a_pending_task(service: TaskService, clock: ManualClock) -> None:
    task, _ = await service.submit("echo", {"message": "hi"})
    clock.advance(3)
    cancelled = await service.cancel(task.id)
    assert (cancelled.status, cancelled.updated_at) == (TaskStatus.CANCELLED, EPOCH + timedelta(seconds=3))
    assert (await service.get(task.id)).status is TaskStatus.CANCELLED


async def test_cancel_unknown_is_not_found(service: TaskService) -> None:
    with pytest.raises(TaskNotFound):
        await service.cancel("missing")


async def claim(factory: Factory, worker: str = "w1") -> None:
    async with UnitOfWork(factory) as uow:
        assert await uow.tasks.claim(worker, EPOCH + timedelta(days=1), 30) is not None


async def test_a_running_task_cannot_be_cancelled(
    service: TaskService, session_factory: Factory
) -> None:
    task, _ = await service.submit("echo", {"message": "hi"})
    await claim(session_factory)
    with pytest.raises(IllegalTransition) as caught:
        await service.cancel(task.id)
    assert (caught.value.current, caught.value.action) == (TaskStatus.RUNNING, "cancel")
    assert (await service.get(task.id)).status is TaskStatus.RUNNING


async def test_a_terminal_task_cannot_be_cancelled(service: TaskService) -> None:
    task, _ = await service.submit("echo", {"message": "hi"})
    await service.cancel(task.id)
    with pytest.raises(IllegalTransition) as caught:
        await service.cancel(task.id)
    assert caught.value.current is TaskStatus.CANCELLED


async def test_a_claim_racing_the_cancel_never_leaves_a_running_task_cancelled(
    service: TaskService, session_factory: Factory, mocker: Any
) -> None:
    """A worker claims the task while the service cancels it: one of them wins, never both."""
    task, _ = await service.submit("echo", {"message": "hi"})
    original = TaskRepository.get
    claims: list[Task | None] = []

    async def get_then_claim(self: TaskRepository, task_id: str) -> Task | None:
        found = await original(self, task_id)
        if not claims:  # a worker claims it right after the service read it
            claims.append(None)
            async with UnitOfWork(session_factory) as uow:
                claims[0] = await uow.tasks.claim("w1", EPOCH + timedelta(days=1), 30)
        return found

    mocker.patch.object(TaskRepository, "get", get_then_claim)
    try:
        outcome: Task | IllegalTransition = await service.cancel(task.id)
    except IllegalTransition as error:
        outcome = error
    mocker.stopall()
    now = (await service.get(task.id)).status
    if claims and claims[0] is not None:  # the worker won: the cancel is refused
        assert isinstance(outcome, IllegalTransition)
        assert (outcome.current, now) == (TaskStatus.RUNNING, TaskStatus.RUNNING)
    else:  # the cancel won: nothing to claim
        assert now is TaskStatus.CANCELLED
