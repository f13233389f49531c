"""Generator pipeline: log lines → records → filtered records → per-minute counts, lazily.

Each stage takes any iterable — a list, a generator, an open file — and returns an iterator
that pulls from its input only what it needs to produce its next item. Chained, the stages
form a pipeline that processes an endless log stream one line at a time, in constant memory::

    with open("app.log", encoding="utf-8") as log:
        for minute, errors in count_per_minute(log, "ERROR"):
            print(minute, errors)

A log line holds a timestamp, a level, a service name and a free-text message::

    2024-05-01T12:00:07 ERROR payments Card declined for order 17

No stage may pull more than it needs: calling a stage pulls nothing, and each item it
produces pulls input only up to the point where that item is known. No stage may iterate its
input twice (the input may be a one-shot iterator).
"""

from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import groupby
from typing import Final, NamedTuple

LEVELS: Final = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
"""The log levels, from least to most severe."""

_RANK: Final = {level: rank for rank, level in enumerate(LEVELS)}


class LogRecord(NamedTuple):
    """One parsed log line."""

    time: datetime
    level: str
    service: str
    message: str


def parse(lines: Iterable[str]) -> Iterator[LogRecord]:
    """Parse log lines into ``LogRecord``s, lazily, skipping lines that are not well formed.

    A well-formed line has, separated by runs of whitespace (the way ``str.split()`` splits):

    1. a timestamp that ``datetime.fromisoformat`` accepts, e.g. ``2024-05-01T12:00:07``;
    2. a level, one of ``LEVELS`` (exact case: ``error`` is not a level);
    3. a service name;
    4. optionally a message: the rest of the line, with its leading and trailing whitespace
       (the line's ``"\\n"`` included) removed — whitespace inside it is kept as it is.
       No message gives ``""``.

    Blank lines, lines with fewer than three fields, an unknown level or a timestamp
    ``fromisoformat`` rejects are skipped silently. Lines are pulled one at a time, only until
    the next record is found.

    >>> lines = [
    ...     "2024-05-01T12:00:07 ERROR payments Card  declined\\n",
    ...     "not a log line\\n",
    ...     "2024-05-01T12:00:09\\tINFO api\\n",
    ... ]
    >>> for record in parse(lines):
    ...     print(record.time, record.level, record.service, repr(record.message))
    2024-05-01 12:00:07 ERROR payments 'Card  declined'
    2024-05-01 12:00:09 INFO api ''
    """
    for line in lines:
        record = _parse_line(line)
        if record is not None:
            yield record


def _parse_line(line: str) -> LogRecord | None:
    fields = line.split(maxsplit=3)
    if len(fields) < 3:
        return None
    stamp, level, service = fields[:3]
    if level not in _RANK:
        return None
    try:
        time = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    message = fields[3].strip() if len(fields) == 4 else ""
    return LogRecord(time, level, service, message)


def at_least(records: Iterable[LogRecord], level: str) -> Iterator[LogRecord]:
    """Keep the records whose level is ``level`` or more severe (``LEVELS`` order), lazily.

    Records are pulled one at a time, only until the next record to keep is found. Raises
    ``ValueError`` *when called* (not at the first ``next()``) if ``level`` is not one of
    ``LEVELS``.

    >>> t = datetime(2024, 5, 1, 12, 0)
    >>> records = [LogRecord(t, "INFO", "api", ""), LogRecord(t, "CRITICAL", "db", "down"),
    ...            LogRecord(t, "WARNING", "api", "slow")]
    >>> [r.level for r in at_least(records, "WARNING")]
    ['CRITICAL', 'WARNING']
    """
    if level not in _RANK:
        raise ValueError(f"unknown level {level!r}: expected one of {', '.join(LEVELS)}")
    threshold = _RANK[level]
    return (record for record in records if _RANK[record.level] >= threshold)


def _minute(record: LogRecord) -> datetime:
    return record.time.replace(second=0, microsecond=0)


def per_minute(records: Iterable[LogRecord]) -> Iterator[tuple[datetime, int]]:
    """Count the records of each run of consecutive records in the same minute, lazily.

    A record's minute is its ``time`` with seconds and microseconds set to zero. Consecutive
    records with the same minute form a group; for each group, in order, yields
    ``(minute, number of records in the group)``. The input is a stream, not sorted: a minute
    that comes back after a different one starts a new group.

    A group is yielded as soon as it is known to be complete — when the first record of the
    next group has been pulled, or the input has ended — so this stage pulls at most one
    record beyond the group it yields.

    >>> def at(minute: int, second: int) -> LogRecord:
    ...     return LogRecord(datetime(2024, 5, 1, 12, minute, second), "ERROR", "api", "")
    >>> for minute, count in per_minute([at(0, 1), at(0, 59), at(1, 0), at(0, 30)]):
    ...     print(minute.strftime("%H:%M"), count)
    12:00 2
    12:01 1
    12:00 1
    """
    for minute, group in groupby(records, key=_minute):
        yield minute, sum(1 for _ in group)


def count_per_minute(lines: Iterable[str], level: str = "ERROR") -> Iterator[tuple[datetime, int]]:
    """The whole pipeline: ``per_minute(at_least(parse(lines), level))``.

    Lazy end to end: taking the first ``k`` counts pulls lines only up to (and including) the
    line that starts the ``k + 1``-th group, or to the end of the input. Raises ``ValueError``
    when called if ``level`` is not one of ``LEVELS``.

    >>> log = [
    ...     "2024-05-01T12:00:07 ERROR payments Card declined",
    ...     "2024-05-01T12:00:31 INFO api GET /orders 200",
    ...     "2024-05-01T12:00:42 CRITICAL db Connection lost",
    ...     "2024-05-01T12:01:03 ERROR api Timeout",
    ... ]
    >>> [(minute.strftime("%H:%M"), n) for minute, n in count_per_minute(log)]
    [('12:00', 2), ('12:01', 1)]
    """
    return per_minute(at_least(parse(lines), level))
