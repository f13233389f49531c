"""Default arguments evaluation time: a default that is computed on every call.

A default value is evaluated once, when the ``def`` statement runs — not each time the function
is called. So both of these are bugs::

    def new_event(name, at=clock()):   # every event gets the time the def ran
        ...
    def new_event(name, tags=[]):      # every event gets the same list object
        ...

The fix: a sentinel default (``None``) and the real value computed inside the body, per call.

Write ``make_event_factory(clock)``. It returns ``new_event(name, at=None, tags=None)``, which
creates an ``Event`` stamped with the time read from ``clock`` — the clock is injected, so the
grader controls time and nothing here may read the real time.

Example::

    >>> ticks = iter([10.0, 11.5])
    >>> new_event = make_event_factory(lambda: next(ticks))
    >>> new_event("login")
    Event(name='login', at=10.0, tags=[])
    >>> new_event("logout", tags=("web",))
    Event(name='logout', at=11.5, tags=['web'])
    >>> new_event("import", at=0.0)
    Event(name='import', at=0.0, tags=[])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol


@dataclass
class Event:
    """Something that happened: its name, when (clock seconds) and its tags."""

    name: str
    at: float
    tags: list[str]


class EventFactory(Protocol):
    """What ``make_event_factory`` returns: ``new_event(name, at=None, tags=None) -> Event``."""

    def __call__(
        self, name: str, at: float | None = None, tags: Iterable[str] | None = None
    ) -> Event: ...


def make_event_factory(clock: Callable[[], float]) -> EventFactory:
    """Return ``new_event(name, at=None, tags=None)``, which creates events stamped by ``clock``.

    - ``at`` omitted or ``None``: the event's ``at`` is ``clock()``, read during *that* call of
      ``new_event`` — exactly one read per such call. An explicit ``at`` (any float, ``0.0``
      included) is kept as given and the clock is not read.
    - ``tags`` omitted or ``None``: a new empty list for every event. Given tags (any iterable of
      str) are copied into a new list: an event never shares its list with the caller or with
      another event.
    - ``make_event_factory`` itself never reads the clock. Each factory uses its own ``clock``.
    """
    raise NotImplementedError
