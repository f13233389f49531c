"""Right behaviour, but the timestamps are plain attributes guarded by __setattr__: mypy allows assigning them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """Return the current time as an aware ``datetime`` in UTC.

    >>> utc_now().utcoffset()
    datetime.timedelta(0)
    """
    return datetime.now(timezone.utc)


class TimestampMixin:
    """Adds ``created_at``/``updated_at`` (read-only) and ``touch()`` to any class."""

    def __init__(self, *args: Any, clock: Clock | None = None, **kwargs: Any) -> None:
        """Pass ``args``/``kwargs`` on to ``super().__init__``; stamp both times once.

        >>> from datetime import datetime, timezone
        >>> when = datetime(2024, 5, 1, tzinfo=timezone.utc)
        >>> class Note(TimestampMixin):
        ...     pass
        >>> note = Note(clock=lambda: when)
        >>> note.created_at == note.updated_at == when
        True
        """
        super().__init__(*args, **kwargs)
        self._timestamp_clock: Clock = utc_now if clock is None else clock
        now = self._timestamp_clock()
        object.__setattr__(self, "created_at", now)
        object.__setattr__(self, "updated_at", now)

    created_at: datetime
    updated_at: datetime

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("created_at", "updated_at"):
            raise AttributeError(f"{name} is read-only")
        super().__setattr__(name, value)

    def touch(self) -> None:
        """Set ``updated_at`` to a fresh reading of this object's clock.

        >>> from datetime import datetime, timezone
        >>> readings = iter([datetime(2024, 1, d, tzinfo=timezone.utc) for d in (1, 2)])
        >>> class Note(TimestampMixin):
        ...     pass
        >>> note = Note(clock=lambda: next(readings))
        >>> note.touch()
        >>> note.updated_at.day, note.created_at.day
        (2, 1)
        """
        object.__setattr__(self, "updated_at", self._timestamp_clock())
