"""Write the tests for ``day11/notifier.py``: async delivery with retries, backoff, a timeout
per attempt, and a batch sender with a concurrency limit.

Read ``notifier.py`` first: its docstrings are the spec. Then replace every
``raise NotImplementedError`` below with a real test. The skeletons are a start, not the whole
job: the spec has more rules than they name (which errors are retried and which are not, what
a timeout does, what ``notify_all`` returns…), so add as many tests as you need. The grader
runs your file against the reference ``notifier.py``, against another correct version built
differently, and against several subtly broken ones, each with one bug a careful reader of the
spec would test for. Your suite passes when every test passes on every correct version and at
least one test fails on every broken one. The grader names the behaviour a broken version got
past you with, never its code.

What the grader requires of your suite, besides catching the bugs:

- **Async tests.** ``notify`` and ``notify_all`` are coroutines: test them in
  ``async def test_...`` functions marked ``@pytest.mark.asyncio`` (pytest-asyncio runs in
  strict mode: an async test without the mark fails). Never ``time.sleep()`` in a coroutine.
- **No real waiting.** Give every ``Notifier`` that may retry a fake ``sleep`` — an
  ``AsyncMock()`` — and check the delays it was awaited with (``sleep.await_args_list``,
  ``assert_awaited_with``, ``assert_not_awaited``). The grader fails a suite whose Notifier
  waits between attempts with the real ``asyncio.sleep``. (A timeout cannot be faked this way:
  a short real ``timeout=``, say 0.01 s, and a ``send`` that takes a little longer is fine.)
- **Mock the dependency, not the subject.** Replace ``send`` with an ``AsyncMock`` (its
  ``side_effect`` may be an exception, a list of exceptions and results, or an async function)
  and assert what was *awaited* (``assert_awaited_once_with``, ``await_count``): calling an
  async function without awaiting it does nothing, and ``assert_called`` cannot tell.
  A mock of ``Notifier`` itself tests nothing.
- **Concurrency you can see.** To check ``notify_all``'s ``limit``, let ``send`` be an async
  function that counts the sends in flight, records the peak, and yields to the event loop
  (``await asyncio.sleep(0)``) before it finishes.
"""

import asyncio
from unittest.mock import AsyncMock

import pytest

from day11 import notifier


@pytest.mark.asyncio
async def test_first_attempt_succeeds() -> None:
    """A send that succeeds at once is awaited once, with the message, and nothing sleeps."""
    raise NotImplementedError


@pytest.mark.asyncio
async def test_transient_errors_are_retried_with_backoff() -> None:
    """Transient SendErrors are retried; the waits between attempts are backoff, 2 * backoff, …"""
    raise NotImplementedError


@pytest.mark.asyncio
async def test_gives_up_after_the_last_retry() -> None:
    """When every attempt fails: retries + 1 attempts, then DeliveryFailed from the last error."""
    raise NotImplementedError


@pytest.mark.asyncio
async def test_notify_all_respects_the_limit() -> None:
    """notify_all() sends every message with up to ``limit`` sends in flight at once, never more."""
    raise NotImplementedError
