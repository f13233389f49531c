"""Your tests of the workers — replace these stubs; add files as you like.

Use pytest, pytest-asyncio in strict mode (``@pytest.mark.asyncio``), looptime for worker
time (``@pytest.mark.looptime``), ``pytest.mark.parametrize`` for tables of cases, and
pytest-mock's ``mocker`` where a dependency is replaced.
"""

from __future__ import annotations

import pytest


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_retries_back_off_up_to_the_cap(database_url: str) -> None:
    """Delays 1, 2, 4, 4 ... with base 1 and cap 4; then failed with the error message."""
    raise NotImplementedError


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_four_workers_run_each_task_exactly_once(database_url: str) -> None:
    """A handler that counts its runs: every task ran once, none twice."""
    raise NotImplementedError


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_the_lease_is_renewed_while_the_task_runs(database_url: str) -> None:
    """A blocking handler outlives lease_seconds: the lease was extended, no one else took it."""
    raise NotImplementedError
