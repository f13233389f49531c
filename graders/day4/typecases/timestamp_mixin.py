"""Type cases for day4.timestamp_mixin: typed clock, read-only datetime properties."""

from datetime import datetime, timezone
from typing import assert_type

from day4.timestamp_mixin import TimestampMixin, utc_now


class Note(TimestampMixin):
    pass


def fixed_clock() -> datetime:
    return datetime(2024, 1, 1, tzinfo=timezone.utc)


def text_clock() -> str:
    return "2024-01-01"


note = Note(clock=fixed_clock)
assert_type(note.created_at, datetime)
assert_type(note.updated_at, datetime)
assert_type(utc_now(), datetime)
note.touch()
note.created_at = fixed_clock()  # type: ignore[misc]
note.updated_at = fixed_clock()  # type: ignore[misc]
Note(clock=text_clock)  # type: ignore[arg-type]
