"""Runs the notifier in every test but asserts nothing about what it did."""

from unittest.mock import AsyncMock

import pytest

from day11 import notifier

MSG = notifier.Message("ada", "hello")


@pytest.mark.asyncio
async def test_first_attempt_succeeds() -> None:
    await notifier.Notifier(AsyncMock(), sleep=AsyncMock()).notify(MSG)


@pytest.mark.asyncio
async def test_gives_up_after_the_last_retry() -> None:
    send = AsyncMock(side_effect=notifier.SendError("busy"))
    try:
        await notifier.Notifier(send, sleep=AsyncMock()).notify(MSG)
    except Exception:
        pass


@pytest.mark.asyncio
async def test_notify_all_respects_the_limit() -> None:
    await notifier.Notifier(AsyncMock(), sleep=AsyncMock()).notify_all([MSG, MSG], limit=1)
