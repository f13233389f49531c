"""Passes clock on to super().__init__ too, where object.__init__ rejects it."""

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
        super().__init__(*args, clock=clock, **kwargs)
        self._timestamp_clock: Clock = utc_now if clock is None else clock
        now = self._timestamp_clock()
        self._created_at = now
        self._updated_at = now

    @property
    def created_at(self) -> datetime:
        """When the object was created (the clock reading taken by ``__init__``)."""
        return self._created_at

    @property
    def updated_at(self) -> datetime:
        """When the object was last touched (``created_at`` until the first ``touch``)."""
        return self._updated_at

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
        self._updated_at = self._timestamp_clock()
