"""Expects a wait after the last attempt too, so it fails on a correct notifier."""

from unittest.mock import AsyncMock

import pytest

from day11 import notifier

MSG = notifier.Message("ada", "hello")


@pytest.mark.asyncio
async def test_first_attempt_succeeds() -> None:
    send, sleep = AsyncMock(), AsyncMock()
    await notifier.Notifier(send, sleep=sleep).notify(MSG)
    send.assert_awaited_once_with(MSG)


@pytest.mark.asyncio
async def test_gives_up_after_the_last_retry() -> None:
    send, sleep = AsyncMock(side_effect=notifier.SendError("busy")), AsyncMock()
    with pytest.raises(notifier.DeliveryFailed):
        await notifier.Notifier(send, retries=2, backoff=0.25, sleep=sleep).notify(MSG)
    assert send.await_count == 3
    assert [call.args[0] for call in sleep.await_args_list] == [0.25, 0.5, 1.0]
