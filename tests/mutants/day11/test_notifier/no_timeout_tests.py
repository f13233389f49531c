"""Never tests the timeout: a hanging send, and a timed-out attempt being retried, go unchecked."""

import asyncio
from unittest.mock import AsyncMock

import pytest

from day11 import notifier

MSG = notifier.Message("ada", "hello")


def delays(sleep: AsyncMock) -> list[float]:
    return [call.args[0] for call in sleep.await_args_list]


@pytest.mark.asyncio
async def test_first_attempt_succeeds() -> None:
    send, sleep = AsyncMock(), AsyncMock()
    await notifier.Notifier(send, sleep=sleep).notify(MSG)
    send.assert_awaited_once_with(MSG)
    sleep.assert_not_awaited()


@pytest.mark.asyncio
async def test_transient_errors_are_retried_with_backoff() -> None:
    busy = notifier.SendError("busy")
    send, sleep = AsyncMock(side_effect=[busy, busy, None]), AsyncMock()
    await notifier.Notifier(send, retries=3, backoff=0.5, sleep=sleep).notify(MSG)
    assert send.await_count == 3
    assert delays(sleep) == [0.5, 1.0]


@pytest.mark.asyncio
async def test_gives_up_after_the_last_retry() -> None:
    send, sleep = AsyncMock(side_effect=notifier.SendError("busy")), AsyncMock()
    with pytest.raises(notifier.DeliveryFailed) as failed:
        await notifier.Notifier(send, retries=2, backoff=0.25, sleep=sleep).notify(MSG)
    assert failed.value.attempts == 3
    assert send.await_count == 3
    assert delays(sleep) == [0.25, 0.5]


@pytest.mark.asyncio
async def test_a_permanent_error_is_not_retried() -> None:
    send = AsyncMock(side_effect=notifier.SendError("no such user", transient=False))
    sleep = AsyncMock()
    with pytest.raises(notifier.DeliveryFailed):
        await notifier.Notifier(send, sleep=sleep).notify(MSG)
    send.assert_awaited_once_with(MSG)
    sleep.assert_not_awaited()


@pytest.mark.asyncio
async def test_notify_all_respects_the_limit() -> None:
    now = peak = 0

    async def send(msg: notifier.Message) -> None:
        nonlocal now, peak
        now += 1
        peak = max(peak, now)
        await asyncio.sleep(0)
        now -= 1

    msgs = [notifier.Message(f"u{i}", "hi") for i in range(5)]
    assert await notifier.Notifier(send, sleep=AsyncMock()).notify_all(msgs, limit=2) == []
    assert peak == 2


@pytest.mark.asyncio
async def test_notify_all_reports_failures() -> None:
    async def send(msg: notifier.Message) -> None:
        if msg.to == "bob":
            raise notifier.SendError("gone", transient=False)

    msgs = [notifier.Message(to, "hi") for to in ("ada", "bob", "cy")]
    assert await notifier.Notifier(send, sleep=AsyncMock()).notify_all(msgs) == [msgs[1]]
