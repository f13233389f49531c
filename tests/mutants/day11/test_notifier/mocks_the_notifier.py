"""Mocks Notifier.notify itself instead of send, so it only tests its own mock."""

from unittest.mock import AsyncMock, patch

import pytest

from day11 import notifier

MSG = notifier.Message("ada", "hello")


@pytest.mark.asyncio
async def test_first_attempt_succeeds() -> None:
    with patch.object(notifier.Notifier, "notify", AsyncMock()) as notify:
        await notifier.Notifier(AsyncMock()).notify(MSG)
    notify.assert_awaited_once_with(MSG)


@pytest.mark.asyncio
async def test_gives_up_after_the_last_retry() -> None:
    failure = notifier.DeliveryFailed(MSG, 4)
    with patch.object(notifier.Notifier, "notify", AsyncMock(side_effect=failure)):
        with pytest.raises(notifier.DeliveryFailed):
            await notifier.Notifier(AsyncMock()).notify(MSG)


@pytest.mark.asyncio
async def test_notify_all_respects_the_limit() -> None:
    with patch.object(notifier.Notifier, "notify_all", AsyncMock(return_value=[])) as notify_all:
        assert await notifier.Notifier(AsyncMock()).notify_all([MSG], limit=2) == []
    notify_all.assert_awaited_once()
