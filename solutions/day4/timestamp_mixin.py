"""TimestampMixin: creation and update times for any class, through an injectable clock.

A mixin is a small class that adds one capability to whatever class it is mixed into
(``class Article(TimestampMixin, Model)``). It knows nothing about the classes around it, so it
must cooperate: its ``__init__`` takes the arguments that are its own business and passes
*everything else* on with ``super().__init__(*args, **kwargs)``, to whichever class comes next
in the MRO (another mixin, the model base class, finally ``object``). Mixins are listed before
the base class they are mixed into.

Write ``TimestampMixin``:

* ``__init__(self, *args, clock=None, **kwargs)``: ``clock`` (keyword-only) is a function
  returning the current time as a ``datetime``; ``None`` means ``utc_now``. The mixin passes
  every other positional and keyword argument on, unchanged, to ``super().__init__`` (and
  never passes ``clock`` on). During construction it reads the clock exactly once:
  ``created_at`` and ``updated_at`` both start as that one reading.
* ``touch(self)``: reads the clock once and sets ``updated_at`` to the reading;
  ``created_at`` never changes.
* ``created_at`` and ``updated_at`` are read-only properties: assigning either raises
  ``AttributeError``, and type checkers reject the assignment too. Only ``touch`` moves
  ``updated_at``.
* Each object keeps the clock it was given: two objects built with different clocks never
  read each other's clock.

``utc_now()`` returns the current time as a timezone-aware ``datetime`` in UTC (never a naive
one). Graders always pass their own fake clock, so read time only through the clock.

Example::

    >>> from datetime import datetime, timedelta, timezone
    >>> ticks = iter(datetime(2024, 1, 1, tzinfo=timezone.utc) + timedelta(hours=h)
    ...              for h in range(10))
    >>> class Model:
    ...     def __init__(self, title: str, **kwargs: object) -> None:
    ...         super().__init__(**kwargs)
    ...         self.title = title
    >>> class Article(TimestampMixin, Model):
    ...     pass
    >>> article = Article("Hello", clock=lambda: next(ticks))
    >>> article.title, article.created_at.hour, article.updated_at.hour
    ('Hello', 0, 0)
    >>> article.touch()
    >>> article.created_at.hour, article.updated_at.hour
    (0, 1)
"""

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
