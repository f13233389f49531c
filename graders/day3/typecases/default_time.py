"""Type cases for day3.default_time: new_event's parameters and result are typed (EventFactory)."""

from typing import assert_type

from day3.default_time import Event, EventFactory, make_event_factory


def clock() -> float:
    return 0.0


def text_clock() -> str:
    return "now"


new_event = make_event_factory(clock)
assert_type(new_event, EventFactory)
assert_type(new_event("login"), Event)
assert_type(new_event("login", 1.5, ["web"]), Event)
assert_type(new_event("login", at=None, tags=("a", "b")), Event)
new_event("login", at="now")  # type: ignore[arg-type]
new_event("login", tags=[1, 2])  # type: ignore[list-item]
new_event(name=42)  # type: ignore[arg-type]
new_event("login", when=1.0)  # type: ignore[call-arg]
make_event_factory(text_clock)  # type: ignore[arg-type]
