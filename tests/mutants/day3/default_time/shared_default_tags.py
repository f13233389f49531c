"""Defaults tags to [] in the signature and stores it: one list shared by every event."""

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

    def new_event(
        name: str, at: float | None = None, tags: list[str] = []
    ) -> Event:
        return Event(
            name=name,
            at=clock() if at is None else at,
            tags=tags,
        )

    return new_event
