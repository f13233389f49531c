"""JSON logs with a request id: configure the standard library's ``logging`` for a service.

A service's logs are read by machines (Loki, ELK, CloudWatch), so every record is ONE line
holding ONE JSON object with the same keys, every line logged while a request is handled
carries that request's id, and secrets never reach the log. Write ``configure_logging`` and
``request_context``; ``REQUEST_ID`` and ``SECRET_KEYS`` are given. python-json-logger's
``pythonjsonlogger.json.JsonFormatter`` is installed and may be used; a ``logging.Formatter``
of your own that calls ``json.dumps`` is just as good.

``configure_logging(level="INFO", *, stream=None)``

- Installs ONE handler of its own on the root logger, writing to ``stream`` — or, when
  ``stream`` is None, to ``sys.stderr`` as it is when ``configure_logging`` is called — and
  sets the root logger's level to ``level``, so records of every logger below it are dropped.
- ``level`` is one of ``"DEBUG"``, ``"INFO"``, ``"WARNING"``, ``"ERROR"``, ``"CRITICAL"`` in
  any case (``"debug"``, ``"Warning"``). Anything else — ``""``, ``"verbose"``, ``" info"``,
  ``"10"``, ``"NOTSET"``, the aliases ``"WARN"`` and ``"FATAL"`` — raises ``ValueError``, and
  then nothing changes: the configuration installed before stays as it was.
- Calling it again replaces its handler: the handler the previous call installed is removed
  from the root logger and closed. After any number of calls, each log call writes exactly
  one line, to the latest stream only.
- Handlers that others put on the root logger (the test runner's, a library's) stay where they
  are and keep receiving records: do not empty ``root.handlers``, and do not use
  ``logging.basicConfig(force=True)`` or ``dictConfig`` (both drop the root's handlers).

Each record is written as a JSON object followed by ``"\\n"``, with these keys:

- ``timestamp``: the record's creation time (``record.created``) in UTC, as
  ``YYYY-MM-DDTHH:MM:SS.mmmZ`` — always three digits of milliseconds (truncated, as
  ``record.msecs`` is), then ``Z``: ``"2024-05-01T12:00:00.250Z"``. UTC whatever the
  machine's time zone is (``logging.Formatter`` formats local time unless told otherwise).
- ``level``: the level's name, ``"INFO"``; ``logger``: the logger's name, ``"shop.orders"``.
- ``message``: the message with its %-arguments applied (``record.getMessage()``).
- ``request_id``: the value of ``REQUEST_ID`` where the log call is made — a string, or
  ``null`` when it is not set. The key is always there.
- ``exc_info``: only when the record carries an exception (``logger.exception(...)``,
  ``exc_info=True``): the formatted traceback as ONE string, as
  ``logging.Formatter.formatException`` gives it — ``"Traceback (most recent call last):\\n
  ...\\nValueError: boom"``. There is no ``exc_info`` key on other records.
- every field passed with ``extra=`` (keys that start with a letter and are not the keys above
  or ``LogRecord`` attributes), as a top-level key with its value as given; values are JSON
  values (str, int, float, bool, None, and lists and dicts of these).

Newlines, quotes and non-ASCII characters in the message, in the traceback or in extra values
are escaped by the JSON encoding: whatever is logged, a record is exactly one line.

Secrets: an ``extra`` field whose key, compared case-insensitively, is one of ``SECRET_KEYS``
(``"password"``, ``"Authorization"``, ``"API_KEY"``) is written with the value ``"***"``,
whatever the value was (a string, a number, a dict); the key stays. The same holds for keys of
dicts nested in extra values at any depth, dicts inside lists included. The whole key must
match: ``"token_count"`` is not a secret. The caller's objects are not modified (mask a copy),
and the message text is written as it is: keep secrets out of messages.

``request_context(request_id)`` is a context manager: inside the ``with`` block ``REQUEST_ID``
is ``request_id`` (and ``as`` gives ``request_id``); on leaving the block — also when it raises
— ``REQUEST_ID`` is back to the value it had before: reset it with the token ``set()``
returned, so a nested block gives the outer id back (setting ``None`` would lose it). Because
the id lives in a ``contextvars.ContextVar``, it stays across ``await``, it is copied into every
task created inside the block (such a task logs that id even after the block has ended), and
concurrent requests, each handled in its own task, never see each other's id.

Example::

    >>> import io, json, logging
    >>> out = io.StringIO()
    >>> configure_logging("info", stream=out)
    >>> log = logging.getLogger("shop.orders")
    >>> with request_context("req-42"):
    ...     log.info("order %s paid", 7, extra={"amount": 12.5, "password": "hunter2"})
    >>> log.debug("below the level: not written")
    >>> record = json.loads(out.getvalue())
    >>> {key: record[key] for key in ("level", "logger", "message", "request_id")}
    {'level': 'INFO', 'logger': 'shop.orders', 'message': 'order 7 paid', 'request_id': 'req-42'}
    >>> record["amount"], record["password"], record["timestamp"].endswith("Z")
    (12.5, '***', True)
"""

from __future__ import annotations

import logging
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
        log_data["request_id"] = REQUEST_ID.get()  # formatted in the logging call's context

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
    token = REQUEST_ID.set(request_id)
    try:
        yield request_id
    finally:
        REQUEST_ID.reset(token)  # the previous value, not None: nested blocks restore the outer id
