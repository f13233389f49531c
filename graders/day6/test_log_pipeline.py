"""Grader: log_pipeline — each stage and the composed pipeline against eager oracles, and
proof that no stage pulls more input than it needs."""

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from itertools import islice
from typing import TypeVar

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day6 import log_pipeline

T = TypeVar("T")
LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
BASE = datetime(2024, 5, 1, 12, 0)


class Tracked(Iterator[T]):
    """A one-shot iterator that counts how many items were pulled from it."""

    def __init__(self, items: Iterable[T]) -> None:
        self._items = iter(items)
        self.pulled = 0

    def __next__(self) -> T:
        item = next(self._items)
        self.pulled += 1
        return item


# --- eager oracles: the spec, written the plain way ----------------------------------------

Parsed = tuple[datetime, str, str, str]


def parse_line_oracle(line: str) -> Parsed | None:
    fields = line.split(None, 3)
    if len(fields) < 3 or fields[1] not in LEVELS:
        return None
    try:
        time = datetime.fromisoformat(fields[0])
    except ValueError:
        return None
    return time, fields[1], fields[2], fields[3].strip() if len(fields) > 3 else ""


def kept(parsed: Parsed | None, level: str) -> bool:
    return parsed is not None and LEVELS.index(parsed[1]) >= LEVELS.index(level)


def minute_of(time: datetime) -> datetime:
    return datetime(time.year, time.month, time.day, time.hour, time.minute, tzinfo=time.tzinfo)


def group_starts(minutes: list[datetime]) -> list[int]:
    """Indexes where a new run of equal consecutive minutes begins."""
    return [i for i, m in enumerate(minutes) if i == 0 or minutes[i - 1] != m]


def counts_oracle(minutes: list[datetime]) -> list[tuple[datetime, int]]:
    starts = group_starts(minutes) + [len(minutes)]
    return [(minutes[a], b - a) for a, b in zip(starts, starts[1:])]


def needed(positions: list[int], k: int, total: int) -> int:
    """Items a lazy stage must pull to produce its first k outputs, when output i is known once
    input item positions[i] has been pulled; without a k-th output it reads the whole input."""
    if k == 0:
        return 0
    return positions[k - 1] + 1 if k <= len(positions) else total


# --- strategies ----------------------------------------------------------------------------

times = st.builds(
    lambda s, us: BASE + timedelta(seconds=s, microseconds=us),
    st.integers(0, 240),
    st.sampled_from([0, 0, 0, 1, 500_000, 999_999]),
)
separators = st.sampled_from([" ", "  ", "\t", " \t "])
messages = st.one_of(st.just(""), st.text("ab xy", max_size=8))


@st.composite
def valid_lines(draw: st.DrawFn) -> str:
    sep = draw(separators)
    stamp = draw(times).isoformat()
    line = sep.join([stamp, draw(st.sampled_from(LEVELS)), draw(st.sampled_from(["api", "db"]))])
    message = draw(messages)
    if message:
        line += draw(separators) + message
    return line + draw(st.sampled_from(["", "\n", "  \n"]))


invalid_lines = st.sampled_from(
    [
        "",
        "\n",
        "   \n",
        "garbage\n",
        "2024-05-01T12:00:07 ERROR\n",  # two fields
        "2024-05-01T12:00:07 error api lowercase level\n",
        "2024-05-01T12:00:07 FATAL api unknown level\n",
        "2024-13-01T12:00:07 ERROR api bad month\n",
        "yesterday ERROR api not a timestamp\n",
        "ERROR 2024-05-01T12:00:07 api fields swapped\n",
    ]
)
log_lines = st.lists(st.one_of(valid_lines(), valid_lines(), invalid_lines), max_size=16)


def record_of(parsed: Parsed) -> "log_pipeline.LogRecord":
    return log_pipeline.LogRecord(*parsed)


records = st.lists(
    st.builds(
        lambda t, lv, svc: (t, lv, svc, "m"),
        times,
        st.sampled_from(LEVELS),
        st.sampled_from(["api", "db"]),
    ),
    max_size=16,
)

# --- parse ---------------------------------------------------------------------------------


@settings(max_examples=50)
@given(log_lines, st.integers(0, 6))
@example(["2024-05-01T12:00:07 ERROR payments Card  declined\n", "not a log line\n"], 6)
@example(["2024-05-01T12:00:09\tINFO api\n", "2024-05-01T12:00:09 INFO api   padded   \n"], 6)
def test_parse_matches_oracle_lazily(lines: list[str], k: int) -> None:
    source = Tracked(lines)
    parsed = log_pipeline.parse(source)
    assert source.pulled == 0, "parse pulls nothing when it is called"
    try:
        got = [tuple(r) for r in islice(parsed, k)]
    except ValueError as error:
        pytest.fail(f"parse skips lines it cannot parse instead of raising — it raised {error!r}")
    valid_at = [i for i, line in enumerate(lines) if parse_line_oracle(line) is not None]
    want = [parse_line_oracle(lines[i]) for i in valid_at[:k]]
    assert got == want, (
        "parse yields (time, level, service, message) for each well-formed line, in order, and "
        "skips the rest; the message is the rest of the line, stripped, inner spaces kept"
    )
    assert source.pulled == needed(valid_at, k, len(lines)), (
        f"parse is lazy: taking {k} record(s) pulls lines only up to the {k}-th well-formed "
        f"line — it pulled {source.pulled} of {len(lines)}"
    )


# --- at_least ------------------------------------------------------------------------------


@settings(max_examples=50)
@given(records, st.sampled_from(LEVELS), st.integers(0, 6))
def test_at_least_filters_lazily(rows: list[Parsed], level: str, k: int) -> None:
    source = Tracked(map(record_of, rows))
    filtered = log_pipeline.at_least(source, level)
    assert source.pulled == 0, "at_least pulls nothing when it is called"
    got = list(islice(filtered, k))
    keep_at = [i for i, row in enumerate(rows) if kept(row, level)]
    want = [record_of(rows[i]) for i in keep_at[:k]]
    assert got == want, (
        f"at_least(records, {level!r}) keeps exactly the records at {level} or more severe "
        f"(DEBUG < INFO < WARNING < ERROR < CRITICAL), in order"
    )
    assert source.pulled == needed(keep_at, k, len(rows)), (
        f"at_least is lazy: taking {k} record(s) pulls only up to the {k}-th kept record"
    )


@pytest.mark.parametrize("level", ["FATAL", "error", ""])
def test_unknown_level_fails_at_call_time(level: str) -> None:
    for stage in ("at_least", "count_per_minute"):
        try:
            if stage == "at_least":
                result: object = log_pipeline.at_least([], level)
            else:
                result = log_pipeline.count_per_minute([], level)
        except ValueError:
            continue
        pytest.fail(
            f"{stage}(..., {level!r}) raises ValueError when it is called, before any next() — "
            f"it returned {result!r} instead"
        )


# --- per_minute ----------------------------------------------------------------------------


@settings(max_examples=50)
@given(records, st.integers(0, 6))
@example([(BASE, "ERROR", "api", "m"), (BASE + timedelta(seconds=59.9999), "ERROR", "db", "m")], 2)
@example(  # a minute coming back after another one starts a new run
    [
        (BASE, "ERROR", "api", "m"),
        (BASE + timedelta(minutes=1), "ERROR", "api", "m"),
        (BASE + timedelta(seconds=30), "ERROR", "api", "m"),
    ],
    3,
)
def test_per_minute_counts_runs_lazily(rows: list[Parsed], k: int) -> None:
    source = Tracked(map(record_of, rows))
    counts = log_pipeline.per_minute(source)
    assert source.pulled == 0, "per_minute pulls nothing when it is called"
    got = list(islice(counts, k))
    minutes = [minute_of(row[0]) for row in rows]
    want = counts_oracle(minutes)[:k]
    assert got == want, (
        "per_minute yields (minute, count) for each run of consecutive records in the same "
        "minute (time with seconds and microseconds zeroed); a minute that comes back starts "
        "a new run"
    )
    assert source.pulled == needed(group_starts(minutes)[1:], k, len(rows)), (
        f"per_minute is lazy: taking {k} count(s) pulls records only up to the first record "
        f"of the next run (or the end) — it pulled {source.pulled} of {len(rows)}"
    )


# --- the whole pipeline --------------------------------------------------------------------


@settings(max_examples=60)
@given(log_lines, st.sampled_from(["DEBUG", "INFO", "WARNING", "ERROR"]), st.integers(0, 5))
@example(
    [
        "2024-05-01T12:00:07 ERROR api a",
        "2024-05-01T12:01:07 ERROR api b",
        "2024-05-01T12:00:08 ERROR api c",
        "2024-05-01T12:02:00 ERROR api d",
    ],
    "ERROR",
    1,
)
def test_pipeline_matches_eager_oracle_and_stays_lazy(
    lines: list[str], level: str, k: int
) -> None:
    source = Tracked(lines)
    counts = log_pipeline.count_per_minute(source, level)
    assert source.pulled == 0, "count_per_minute pulls nothing when it is called"
    try:
        got = list(islice(counts, k))
    except ValueError as error:
        pytest.fail(
            f"count_per_minute skips lines it cannot parse instead of raising — it raised "
            f"{error!r}"
        )
    parsed = [parse_line_oracle(line) for line in lines]
    kept_at = [i for i, p in enumerate(parsed) if kept(p, level)]
    minutes = [minute_of(parsed[i][0]) for i in kept_at]  # type: ignore[index]
    want = counts_oracle(minutes)[:k]
    assert got == want, (
        f"count_per_minute(lines, {level!r}) equals per_minute(at_least(parse(lines), level))"
    )
    next_run_line = [kept_at[i] for i in group_starts(minutes)[1:]]
    assert source.pulled == needed(next_run_line, k, len(lines)), (
        f"the pipeline is lazy end to end: taking {k} count(s) pulls lines only up to the line "
        f"that starts the next run — it pulled {source.pulled} of {len(lines)}"
    )


def test_pipeline_default_level_is_error() -> None:
    lines = [
        "2024-05-01T12:00:07 WARNING api slow",
        "2024-05-01T12:00:08 ERROR api boom",
        "2024-05-01T12:00:09 CRITICAL db down",
    ]
    got = list(log_pipeline.count_per_minute(lines))
    assert got == [(BASE, 2)], "count_per_minute counts ERROR and CRITICAL records by default"
