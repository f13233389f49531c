"""Keeps the request id in a dict keyed by the current asyncio task: tasks created inside the block lose it."""

from __future__ import annotations

import logging
import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Final, TextIO

from pythonjsonlogger.json import JsonFormatter

REQUEST_ID: Final[ContextVar[str | None]] = ContextVar("request_id", default=None)
"""The id of the request being handled in this context; None outside any request."""

SECRET_KEYS: Final = frozenset({"password", "token", "secret", "authorization", "api_key"})
"""Extra keys (compared case-insensitively) whose values are written as "***"."""

MASK: Final = "***"
_by_task: dict[object, str | None] = {}


def _task_key() -> object:
    try:
        return asyncio.current_task()
    except RuntimeError:  # no event loop running: plain synchronous code
        return None


_HANDLER_NAME: Final = "day14.log_config"  # how the next call finds the handler to replace
_LEVELS: Final = {
    name: getattr(logging, name) for name in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
}


def _masked(value: Any) -> Any:
    """A copy of ``value`` with every secret key's value, at any depth, replaced by MASK."""
    if isinstance(value, dict):
        return {
            key: MASK if isinstance(key, str) and key.lower() in SECRET_KEYS else _masked(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_masked(item) for item in value]
    return value


class _JsonLineFormatter(JsonFormatter):
    """timestamp, level, logger, message, request_id, [exc_info], extra fields: one JSON line."""

    def __init__(self) -> None:
        super().__init__(
            "{levelname}{name}{message}",
            style="{",
            rename_fields={"levelname": "level", "name": "logger"},
        )

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        created = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
        log_data["timestamp"] = f"{created}.{int(record.msecs):03d}Z"
        super().add_fields(log_data, record, message_dict)  # the fields, exc_info, the extras
        log_data["request_id"] = _by_task.get(_task_key(), REQUEST_ID.get())

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        masked: dict[str, Any] = _masked(log_data)
        return masked


def configure_logging(level: str = "INFO", *, stream: TextIO | None = None) -> None:
    """Send every record to ``stream`` (``sys.stderr`` if None) as one JSON line, from ``level`` up.

    Replaces the handler a previous call installed (removed from the root logger and closed)
    and leaves every other handler of the root logger alone. Raises ``ValueError`` for a level
    that is not DEBUG, INFO, WARNING, ERROR or CRITICAL in some case; then nothing changes.

    >>> import io, json, logging
    >>> first, second = io.StringIO(), io.StringIO()
    >>> configure_logging("WARNING", stream=first)
    >>> configure_logging("warning", stream=second)
    >>> logging.getLogger("app").warning("disk %d%% full", 91)
    >>> first.getvalue(), json.loads(second.getvalue())["message"]
    ('', 'disk 91% full')
    >>> configure_logging("loud")
    Traceback (most recent call last):
    ...
    ValueError: unknown log level 'loud': use DEBUG, INFO, WARNING, ERROR or CRITICAL
    """
    threshold = _LEVELS.get(level.upper())
    if threshold is None:  # validate before touching anything: a bad call changes nothing
        raise ValueError(
            f"unknown log level {level!r}: use DEBUG, INFO, WARNING, ERROR or CRITICAL"
        )
    root = logging.getLogger()
    for previous in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(previous)
        previous.close()
    handler = logging.StreamHandler(stream)  # None: sys.stderr as it is now
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(_JsonLineFormatter())
    root.addHandler(handler)
    root.setLevel(threshold)


@contextmanager
def request_context(request_id: str) -> Iterator[str]:
    """Set ``REQUEST_ID`` to ``request_id`` for the block, then reset it to its previous value.

    >>> with request_context("outer"):
    ...     with request_context("inner") as current:
    ...         print(current, REQUEST_ID.get())
    ...     print(REQUEST_ID.get())
    inner inner
    outer
    >>> print(REQUEST_ID.get())
    None
    """
    key = _task_key()
    had, previous = key in _by_task, _by_task.get(key)
    _by_task[key] = request_id
    try:
        yield request_id
    finally:
        if had:
            _by_task[key] = previous
        else:
            del _by_task[key]
