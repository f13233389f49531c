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

MSG = notifier.Message("ada", "hello")


@pytest.fixture
def sleep() -> AsyncMock:
    """The fake sleep every Notifier that may retry gets: nothing waits for real."""
    return AsyncMock()


def delays(sleep: AsyncMock) -> list[float]:
    """What the fake sleep was awaited with, in order."""
    return [call.args[0] for call in sleep.await_args_list]


@pytest.mark.asyncio
async def test_first_attempt_succeeds(sleep: AsyncMock) -> None:
    """A send that succeeds at once is awaited once, with the message, and nothing sleeps."""
    send = AsyncMock()
    await notifier.Notifier(send, sleep=sleep).notify(MSG)
    send.assert_awaited_once_with(MSG)
    sleep.assert_not_awaited()


@pytest.mark.asyncio
async def test_transient_errors_are_retried_with_backoff(sleep: AsyncMock) -> None:
    """Transient SendErrors are retried; the waits between attempts are backoff, 2 * backoff, …"""
    busy = notifier.SendError("busy")
    send = AsyncMock(side_effect=[busy, busy, busy, None])
    await notifier.Notifier(send, retries=3, backoff=0.5, sleep=sleep).notify(MSG)
    assert send.await_count == 4
    send.assert_awaited_with(MSG)
    assert delays(sleep) == [0.5, 1.0, 2.0]


@pytest.mark.asyncio
async def test_gives_up_after_the_last_retry(sleep: AsyncMock) -> None:
    """When every attempt fails: retries + 1 attempts, then DeliveryFailed from the last error."""
    errors = [notifier.SendError(f"busy {n}") for n in range(3)]
    send = AsyncMock(side_effect=errors)
    with pytest.raises(notifier.DeliveryFailed) as failed:
        await notifier.Notifier(send, retries=2, backoff=0.25, sleep=sleep).notify(MSG)
    assert failed.value.message == MSG
    assert failed.value.attempts == 3
    assert failed.value.__cause__ is errors[-1]
    assert send.await_count == 3
    assert delays(sleep) == [0.25, 0.5]  # no wait after the last attempt


@pytest.mark.asyncio
async def test_no_retries_means_one_attempt(sleep: AsyncMock) -> None:
    send = AsyncMock(side_effect=notifier.SendError("busy"))
    with pytest.raises(notifier.DeliveryFailed) as failed:
        await notifier.Notifier(send, retries=0, sleep=sleep).notify(MSG)
    assert failed.value.attempts == 1
    send.assert_awaited_once_with(MSG)
    sleep.assert_not_awaited()


@pytest.mark.asyncio
async def test_a_permanent_error_is_not_retried(sleep: AsyncMock) -> None:
    unknown = notifier.SendError("no such user", transient=False)
    send = AsyncMock(side_effect=[unknown, None])
    with pytest.raises(notifier.DeliveryFailed) as failed:
        await notifier.Notifier(send, retries=3, sleep=sleep).notify(MSG)
    assert failed.value.attempts == 1
    assert failed.value.__cause__ is unknown
    send.assert_awaited_once_with(MSG)
    sleep.assert_not_awaited()


@pytest.mark.asyncio
async def test_a_permanent_error_after_transient_ones_stops_at_once(sleep: AsyncMock) -> None:
    send = AsyncMock(side_effect=[notifier.SendError("busy"), notifier.SendError("gone", transient=False), None])
    with pytest.raises(notifier.DeliveryFailed) as failed:
        await notifier.Notifier(send, retries=3, backoff=1.0, sleep=sleep).notify(MSG)
    assert failed.value.attempts == 2
    assert delays(sleep) == [1.0]


@pytest.mark.asyncio
async def test_other_errors_propagate_unretried(sleep: AsyncMock) -> None:
    send = AsyncMock(side_effect=KeyError("bug"))
    with pytest.raises(KeyError):
        await notifier.Notifier(send, sleep=sleep).notify(MSG)
    assert send.await_count == 1
    sleep.assert_not_awaited()


async def slow_send(msg: notifier.Message) -> None:
    """Takes 50 ms: longer than the 1 ms timeout the tests give, short enough to wait out."""
    await asyncio.sleep(0.05)


@pytest.mark.asyncio
async def test_an_attempt_that_times_out_is_retried(sleep: AsyncMock) -> None:
    calls = 0

    async def slow_then_fine(msg: notifier.Message) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            await slow_send(msg)

    send = AsyncMock(side_effect=slow_then_fine)
    await notifier.Notifier(send, retries=1, backoff=0.5, timeout=0.001, sleep=sleep).notify(MSG)
    assert send.await_count == 2
    assert delays(sleep) == [0.5]


@pytest.mark.asyncio
async def test_timing_out_every_attempt_fails_delivery(sleep: AsyncMock) -> None:
    send = AsyncMock(side_effect=slow_send)
    with pytest.raises(notifier.DeliveryFailed) as failed:
        await notifier.Notifier(send, retries=1, backoff=0.5, timeout=0.001, sleep=sleep).notify(MSG)
    assert failed.value.attempts == 2
    assert isinstance(failed.value.__cause__, TimeoutError)
    assert delays(sleep) == [0.5]


@pytest.mark.parametrize("settings", [{"retries": -1}, {"backoff": -0.5}, {"timeout": 0}])
def test_bad_settings_are_refused(settings: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        notifier.Notifier(AsyncMock(), **settings)  # type: ignore[arg-type]


class InFlight:
    """A fake send that counts the sends in progress and remembers the peak."""

    def __init__(self) -> None:
        self.now = self.peak = 0

    async def send(self, msg: notifier.Message) -> None:
        self.now += 1
        self.peak = max(self.peak, self.now)
        await asyncio.sleep(0)  # let the other deliveries start
        await asyncio.sleep(0)
        self.now -= 1


def batch(n: int) -> list[notifier.Message]:
    return [notifier.Message(f"user{i}", "hi") for i in range(n)]


@pytest.mark.asyncio
async def test_notify_all_respects_the_limit(sleep: AsyncMock) -> None:
    """notify_all() sends every message with up to ``limit`` sends in flight at once, never more."""
    counter = InFlight()
    send = AsyncMock(side_effect=counter.send)
    msgs = batch(5)
    failed = await notifier.Notifier(send, sleep=sleep).notify_all(msgs, limit=2)
    assert failed == []
    assert sorted(call.args[0].to for call in send.await_args_list) == [m.to for m in msgs]
    assert counter.peak == 2  # never 3 (limit ignored), and not 1 (one at a time)


@pytest.mark.asyncio
async def test_notify_all_reports_the_failures_in_order(sleep: AsyncMock) -> None:
    msgs = batch(5)
    doomed = {"user1", "user3"}

    async def send(msg: notifier.Message) -> None:
        await asyncio.sleep(0)
        if msg.to in doomed:
            raise notifier.SendError("gone", transient=False)

    mock = AsyncMock(side_effect=send)
    failed = await notifier.Notifier(mock, sleep=sleep).notify_all(reversed(msgs), limit=3)
    assert failed == [msgs[3], msgs[1]]  # the order of the messages given
    assert mock.await_count == 5  # one failure does not stop the others


@pytest.mark.asyncio
async def test_notify_all_retries_each_message(sleep: AsyncMock) -> None:
    send = AsyncMock(side_effect=[notifier.SendError("busy"), None, None])
    assert await notifier.Notifier(send, retries=1, backoff=0.5, sleep=sleep).notify_all(batch(2), limit=1) == []
    assert send.await_count == 3
    assert delays(sleep) == [0.5]


@pytest.mark.asyncio
async def test_notify_all_of_nothing(sleep: AsyncMock) -> None:
    send = AsyncMock()
    assert await notifier.Notifier(send, sleep=sleep).notify_all([], limit=2) == []
    send.assert_not_awaited()


@pytest.mark.asyncio
async def test_notify_all_refuses_a_limit_below_one(sleep: AsyncMock) -> None:
    send = AsyncMock()
    with pytest.raises(ValueError):
        await notifier.Notifier(send, sleep=sleep).notify_all(batch(2), limit=0)
    send.assert_not_awaited()
