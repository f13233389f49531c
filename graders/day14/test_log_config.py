"""Grader for day14.log_config: one JSON object per line, UTC timestamps, the request id from a
ContextVar (across awaits, into tasks, never between concurrent requests), one handler however
often it is configured, tracebacks as one field, secrets masked.

Every check captures the REAL output — a StringIO passed as ``stream`` (or stderr through
capsys) — and parses each line with ``json.loads``. Concurrency is ordered with asyncio.Event,
never with sleeping. Each check leaves the root logger as it found it.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import io
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day14 import log_config as kata

LOG = logging.getLogger("shop.orders")
FIXED = {"timestamp", "level", "logger", "message", "request_id"}
SECRETS = ("password", "token", "secret", "authorization", "api_key")  # the spec's SECRET_KEYS
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
RESERVED = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"} | FIXED


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """Each check starts with the root logger as the runner left it, and no request id."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    token = kata.REQUEST_ID.set(None)
    yield
    with contextlib.suppress(ValueError, RuntimeError):
        kata.REQUEST_ID.reset(token)
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        with contextlib.suppress(Exception):
            handler.close()
    root.setLevel(level)


@contextlib.contextmanager
def local_time_zone(tz: str = "NPT-05:45") -> Iterator[None]:
    """The process's local time is UTC+05:45 (a POSIX TZ string: no tz database needed)."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = tz
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()


def configure(level: str = "INFO") -> io.StringIO:
    out = io.StringIO()
    kata.configure_logging(level, stream=out)
    return out


def records(text: str) -> list[dict[str, Any]]:
    """Each line of the output parsed as one JSON object (a failed assertion otherwise)."""
    assert text == "" or text.endswith("\n"), (
        f"configure_logging(): every record ends with a newline — the output ends {text[-60:]!r}"
    )
    parsed = []
    for line in text.split("\n")[:-1]:
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            obj = None
        assert isinstance(obj, dict), (
            "configure_logging(): each line is one JSON object — this line is not: "
            f"{line[:300]!r}"
        )
        parsed.append(obj)
    return parsed


def added_handlers(before: list[logging.Handler]) -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if h not in before]


class Collect(logging.Handler):
    """Someone else's handler on the root logger: it keeps what it receives."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def raised(call: Callable[[], object]) -> str:
    """The name of the exception the call raised, or "returned"; NotImplementedError escapes."""
    try:
        call()
    except NotImplementedError:
        raise
    except Exception as exc:  # noqa: BLE001 - any of them is an answer to report
        return type(exc).__name__
    return "returned"


def masked(value: Any) -> Any:
    """The spec's masking rule: secret keys (any case, whole key) at any depth become "***"."""
    if isinstance(value, dict):
        return {k: "***" if k.lower() in SECRETS else masked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [masked(v) for v in value]
    return value


def test_one_json_line_with_the_fixed_keys() -> None:
    """A record is one line: a JSON object with timestamp, level, logger, message, request_id."""
    out = configure("INFO")
    LOG.info("order %s paid by %r", 42, "ann")
    logging.getLogger("shop.payments").warning("card declined")
    got = records(out.getvalue())
    assert len(got) == 2, "configure_logging(): each log call writes exactly one line"
    assert [set(r) for r in got] == [FIXED, FIXED], (
        "configure_logging(): a record without extra fields or exception has exactly the keys "
        "timestamp, level, logger, message, request_id"
    )
    fields = [(r["level"], r["logger"], r["message"], r["request_id"]) for r in got]
    assert fields == [
        ("INFO", "shop.orders", "order 42 paid by 'ann'", None),
        ("WARNING", "shop.payments", "card declined", None),
    ], (
        "configure_logging(): level is the level's name, logger the logger's name, message has "
        "its %-arguments applied, request_id is null outside any request"
    )


@settings(max_examples=60)
@given(ms=st.integers(min_value=0, max_value=4_102_444_800_000))
@example(ms=1_714_564_800_250)  # 2024-05-01T12:00:00.250Z
@example(ms=1_714_564_800_000)  # a whole second: still three digits of milliseconds
@example(ms=1_714_607_999_999)  # 23:59:59.999 UTC: already the next day at UTC+05:45
@example(ms=0)
def test_timestamp_is_utc_with_milliseconds(ms: int) -> None:
    """timestamp is record.created in UTC as YYYY-MM-DDTHH:MM:SS.mmmZ, whatever the local zone."""
    out = configure("INFO")
    record = logging.LogRecord("shop.clock", logging.INFO, __file__, 1, "tick", None, None)
    record.created = ms / 1000 + 0.0002  # well inside its millisecond: no rounding question
    record.msecs = ms % 1000 + 0.0
    with local_time_zone():
        logging.getLogger("shop.clock").handle(record)
    got = [r["timestamp"] for r in records(out.getvalue())]
    second = datetime.fromtimestamp(ms // 1000, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    assert got == [f"{second}.{ms % 1000:03d}Z"], (
        "configure_logging(): timestamp is the record's creation time in UTC, as "
        "YYYY-MM-DDTHH:MM:SS.mmmZ (three digits of milliseconds, then Z), also when the "
        "machine's local time zone is not UTC (here UTC+05:45)"
    )


@pytest.mark.parametrize(
    ("level", "threshold"),
    [("debug", "DEBUG"), ("INFO", "INFO"), ("Warning", "WARNING"), ("error", "ERROR"),
     ("CRITICAL", "CRITICAL")],
)
def test_level_sets_the_threshold_in_any_case(level: str, threshold: str) -> None:
    """level (any case) sets the root logger's level: records below it are dropped."""
    out = configure(level)
    for name in LEVELS:
        LOG.log(getattr(logging, name), "at %s", name)
    got = [r["level"] for r in records(out.getvalue())]
    want = list(LEVELS[LEVELS.index(threshold):])
    assert got == want, (
        f"configure_logging({level!r}): records from {threshold} up are written, those below "
        "are dropped (set the root logger's level)"
    )
    assert logging.getLogger().level == getattr(logging, threshold), (
        f"configure_logging({level!r}): the root logger's level is {threshold}"
    )


@pytest.mark.parametrize(
    "bad", ["", "verbose", " info", "info ", "10", "NOTSET", "notset", "WARN", "fatal"]
)
def test_bad_level_raises_and_changes_nothing(bad: str) -> None:
    """A level that is not one of the five names raises ValueError; the old setup stays."""
    out = configure("INFO")
    got = raised(lambda: kata.configure_logging(bad, stream=io.StringIO()))
    assert got == "ValueError", (
        f"configure_logging({bad!r}): a level that is not DEBUG, INFO, WARNING, ERROR or "
        "CRITICAL (in some case) raises ValueError"
    )
    LOG.info("still configured")
    LOG.debug("still below INFO")
    messages = [r["message"] for r in records(out.getvalue())]
    assert messages == ["still configured"], (
        f"configure_logging({bad!r}): after the ValueError the previous configuration is "
        "unchanged: same stream, same level, one line per record"
    )


def test_configuring_again_replaces_its_one_handler_and_keeps_others() -> None:
    """Each call replaces the handler the previous call installed; others' handlers stay."""
    root = logging.getLogger()
    theirs = Collect()
    root.addHandler(theirs)
    before = list(root.handlers)
    streams = [io.StringIO() for _ in range(3)]
    kata.configure_logging("INFO", stream=streams[0])
    first = added_handlers(before)
    assert len(first) == 1, "configure_logging(): installs ONE handler on the root logger"
    closed: list[bool] = []
    original_close = first[0].close

    def recording_close() -> None:
        closed.append(True)
        original_close()

    first[0].close = recording_close  # type: ignore[method-assign]
    kata.configure_logging("INFO", stream=streams[1])
    kata.configure_logging("DEBUG", stream=streams[2])
    LOG.info("once")
    counts = [len(records(s.getvalue())) for s in streams]
    assert counts == [0, 0, 1], (
        "configure_logging(): after three calls one log call writes exactly one line, to the "
        "latest stream only (lines per stream, oldest first)"
    )
    assert len(added_handlers(before)) == 1, (
        "configure_logging(): however often it is called, ONE handler of its own is installed"
    )
    assert (first[0] in root.handlers, closed[:1]) == (False, [True]), (
        "configure_logging(): the handler the previous call installed is removed from the root "
        "logger and closed"
    )
    assert (theirs in root.handlers, theirs.messages) == (True, ["once"]), (
        "configure_logging(): handlers others put on the root logger stay there and keep "
        "receiving records (do not empty root.handlers)"
    )


def test_default_stream_is_stderr_when_called(capsys: pytest.CaptureFixture[str]) -> None:
    """With stream=None the lines go to sys.stderr as it is when configure_logging is called."""
    kata.configure_logging("INFO")
    LOG.info("to stderr")
    captured = capsys.readouterr()
    got = [r["message"] for r in records(captured.err)]
    assert got == ["to stderr"], (
        "configure_logging(stream=None): records go to sys.stderr (looked up when "
        "configure_logging is called), one JSON line each"
    )


@settings(max_examples=80)
@given(message=st.text(max_size=80))
@example(message="line one\nline two")
@example(message='she said "hi" \\ and left')
@example(message="Grüße, 東京 ✓ 🚀")
@example(message="carriage\r\nreturn\ttab \x00 nul \u2028 separator")
@example(message="100% sure, %s %d %(name)s")
def test_any_message_is_exactly_one_line(message: str) -> None:
    """Newlines, quotes, non-ASCII in a message or extra value: still one JSON line each."""
    out = configure("INFO")
    LOG.info(message, extra={"note": message})
    LOG.warning("quoted: %s", message)
    got = [(r["message"], r.get("note")) for r in records(out.getvalue())]
    assert got == [(message, message), (f"quoted: {message}", None)], (
        "configure_logging(): whatever the message holds (newlines, quotes, non-ASCII), each "
        "record is exactly one line and json.loads gives the message and extra values back"
    )


PLAIN_KEYS = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_", max_size=10),
).filter(lambda k: k not in RESERVED and k not in SECRETS)
SECRET_SPELLINGS = st.sampled_from(SECRETS).flatmap(
    lambda key: st.tuples(*[st.sampled_from([c.lower(), c.upper()]) for c in key]).map("".join)
)
NESTED_KEYS = st.sampled_from([  # secrets in several spellings, and near misses that are not
    "id", "name", "", "ключ", "Token", "PASSWORD", "secret", "Authorization", "api_key",
    "Api_Key", "apiKey", "tokens", "password_hint", "my_secret",
])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.text(max_size=8)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(NESTED_KEYS, inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=50)
@given(extra=st.dictionaries(st.one_of(PLAIN_KEYS, SECRET_SPELLINGS), JSON_VALUES, max_size=5))
@example(extra={"user_id": 7, "amount": 12.5, "tags": ["a", "b"], "ok": True, "none": None})
@example(extra={"Password": "hunter2", "headers": {"Authorization": "Bearer abc", "x": 1}})
def test_extra_fields_are_merged_with_secrets_masked(extra: dict[str, Any]) -> None:
    """extra= fields become top-level keys; secret keys at any depth are written as "***"."""
    out = configure("INFO")
    LOG.info("with extra", extra=copy.deepcopy(extra))
    got = records(out.getvalue())
    assert len(got) == 1, "configure_logging(): each log call writes exactly one line"
    assert set(got[0]) == FIXED | set(extra), (
        "configure_logging(): every extra= field is a top-level key next to the fixed ones"
    )
    assert {k: got[0][k] for k in extra} == masked(extra), (
        "configure_logging(): extra values are written as given, except that the value of a key "
        "in SECRET_KEYS (compared case-insensitively, at any depth, in dicts inside lists too) "
        'is "***"'
    )


def test_secrets_are_masked_in_a_copy() -> None:
    """Secret keys are masked whatever their value; the whole key must match; no mutation."""
    out = configure("INFO")
    user = {"name": "ann", "Secret": {"otp": 123456}, "sessions": [{"token": "t-1", "id": 1}]}
    extra: dict[str, Any] = {
        "password": "hunter2", "Authorization": "Bearer abc", "API_KEY": 99, "token_count": 3,
        "user": user,
    }
    pristine = copy.deepcopy(extra)
    LOG.info("token rotated for %s", "ann", extra=extra)
    text = out.getvalue()
    got = records(text)
    assert len(got) == 1, "configure_logging(): each log call writes exactly one line"
    fields = {k: got[0].get(k, "<missing>") for k in extra}
    assert fields == {
        "password": "***", "Authorization": "***", "API_KEY": "***", "token_count": 3,
        "user": {"name": "ann", "Secret": "***", "sessions": [{"token": "***", "id": 1}]},
    }, (
        'configure_logging(): the value of an extra key in SECRET_KEYS is "***" whatever it was '
        "(any case, nested dicts and dicts in lists too); the whole key must match, so "
        "token_count stays"
    )
    leaked = [s for s in ("hunter2", "Bearer abc", "123456", "t-1") if s in text]
    assert leaked == [], "configure_logging(): no secret value appears anywhere in the output"
    assert extra == pristine, (
        "configure_logging(): masking does not modify the caller's objects (mask a copy)"
    )
    assert got[0]["message"] == "token rotated for ann", (
        "configure_logging(): the message text is written as it is"
    )


def charge_card() -> None:
    raise ValueError("card declined\nsecond line of the error")


def test_exception_traceback_is_one_field() -> None:
    """logger.exception: the traceback is ONE string under exc_info; the line stays one object."""
    out = configure("INFO")
    try:
        charge_card()
    except ValueError:
        exc_info = sys.exc_info()
        LOG.exception("charge failed for order %d", 7)
        LOG.error("again, with exc_info=True", exc_info=True)
    LOG.error("no exception here")
    got = records(out.getvalue())
    assert len(got) == 3, (
        "configure_logging(): a record with a traceback is still exactly one line (the "
        "traceback goes inside the JSON, not after it)"
    )
    want = logging.Formatter().formatException(exc_info)
    tracebacks = [r.get("exc_info", "<no exc_info key>") for r in got[:2]]
    assert [t.rstrip("\n") if isinstance(t, str) else t for t in tracebacks] == [want, want], (
        "configure_logging(): a record that carries an exception has exc_info: the formatted "
        "traceback as one string, as logging.Formatter.formatException gives it"
    )
    assert (got[0]["message"], got[0]["level"]) == ("charge failed for order 7", "ERROR"), (
        "configure_logging(): with an exception, message is still just the message"
    )
    assert "exc_info" not in got[2], (
        "configure_logging(): a record without an exception has no exc_info key"
    )


def test_request_context_sets_and_restores_the_id() -> None:
    """Inside the block request_id is the block's id; after it, the previous value again."""
    out = configure("INFO")
    LOG.info("before")
    with kata.request_context("req-1") as given_id:
        inside = kata.REQUEST_ID.get()
        LOG.info("outer")
        with kata.request_context("req-2"):
            LOG.info("inner")
        LOG.info("outer again")
    LOG.info("after")
    got = [(r["message"], r["request_id"]) for r in records(out.getvalue())]
    assert got == [
        ("before", None), ("outer", "req-1"), ("inner", "req-2"), ("outer again", "req-1"),
        ("after", None),
    ], (
        "request_context(): inside the block request_id is its id; on leaving, REQUEST_ID is "
        "back to its previous value (reset with the token: a nested block gives the outer id "
        "back, and after the outermost block request_id is null)"
    )
    assert (given_id, inside) == ("req-1", "req-1"), (
        "request_context(): `as` gives the request id, and REQUEST_ID.get() is it in the block"
    )


class Boom(Exception):
    pass


def test_request_context_restores_the_id_when_the_block_raises() -> None:
    """Leaving the block with an exception also restores the previous id."""
    out = configure("INFO")
    token = kata.REQUEST_ID.set("set-directly")
    LOG.info("set directly")
    with pytest.raises(Boom):
        with kata.request_context("req-failing"):
            LOG.info("failing")
            raise Boom
    LOG.info("after the error")
    kata.REQUEST_ID.reset(token)
    got = [(r["message"], r["request_id"]) for r in records(out.getvalue())]
    assert got == [
        ("set directly", "set-directly"), ("failing", "req-failing"),
        ("after the error", "set-directly"),
    ], (
        "request_context(): request_id is REQUEST_ID's value at the log call, and leaving the "
        "block by an exception restores the value REQUEST_ID had before"
    )


@pytest.mark.asyncio
async def test_concurrent_requests_never_see_each_others_id() -> None:
    """Two requests in two tasks, their awaits interleaved: each logs only its own id."""
    out = configure("INFO")
    a_started, b_started, a_finished = asyncio.Event(), asyncio.Event(), asyncio.Event()

    async def request_a() -> None:
        with kata.request_context("req-a"):
            LOG.info("a: start")
            a_started.set()
            await b_started.wait()  # B has entered its own block meanwhile
            LOG.info("a: while b runs")
        a_finished.set()
        LOG.info("a: done")

    async def request_b() -> None:
        await a_started.wait()
        with kata.request_context("req-b"):
            LOG.info("b: start")
            b_started.set()
            await a_finished.wait()  # A has left its block meanwhile
            LOG.info("b: after a left")
        LOG.info("b: done")

    await asyncio.wait_for(asyncio.gather(request_a(), request_b()), timeout=5)
    got = {r["message"]: r["request_id"] for r in records(out.getvalue())}
    assert got == {
        "a: start": "req-a", "a: while b runs": "req-a", "a: done": None,
        "b: start": "req-b", "b: after a left": "req-b", "b: done": None,
    }, (
        "request_context(): concurrent requests, each in its own task, never see each other's "
        "id, and after its block a request logs request_id null"
    )


@pytest.mark.asyncio
async def test_the_id_follows_awaits_and_tasks_created_in_the_block() -> None:
    """The id stays across await and is copied into tasks created inside the block."""
    out = configure("INFO")
    block_ended = asyncio.Event()

    async def job(name: str) -> None:
        LOG.info("%s: started", name)
        await block_ended.wait()
        LOG.info("%s: after the block ended", name)

    with kata.request_context("req-parent"):
        await asyncio.sleep(0)
        LOG.info("parent: after an await")
        task = asyncio.create_task(job("task"))
        gathered = asyncio.gather(job("gathered"))
        await asyncio.sleep(0)  # let both jobs start inside the block
    LOG.info("parent: after the block")
    block_ended.set()
    await asyncio.wait_for(asyncio.gather(task, gathered), timeout=5)
    got = {r["message"]: r["request_id"] for r in records(out.getvalue())}
    assert got == {
        "parent: after an await": "req-parent",
        "task: started": "req-parent", "gathered: started": "req-parent",
        "task: after the block ended": "req-parent",
        "gathered: after the block ended": "req-parent",
        "parent: after the block": None,
    }, (
        "request_context(): the id stays across await and is copied into tasks created inside "
        "the block (create_task, gather), which keep it even after the block has ended"
    )
