"""Your tests of the service layer — replace these stubs; add files as you like.

Use pytest, pytest-asyncio in strict mode (``@pytest.mark.asyncio``), looptime for worker
time (``@pytest.mark.looptime``), ``pytest.mark.parametrize`` for tables of cases, and
pytest-mock's ``mocker`` where a dependency is replaced.
"""

from __future__ import annotations

import pytest


@pytest.mark.asyncio
async def test_submit_replay_returns_the_same_task(database_url: str) -> None:
    """The same Idempotency-Key, type and payload: (that task, False), no second task."""
    raise NotImplementedError


@pytest.mark.asyncio
async def test_a_running_task_cannot_be_cancelled(database_url: str) -> None:
    """IllegalTransition, and the task stays running."""
    raise NotImplementedError
