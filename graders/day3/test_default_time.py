"""Grader for day3.default_time: defaults computed per call (injected clock), fresh tag lists."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from day3 import default_time as kata
from day3.default_time import Event

finite = st.floats(allow_nan=False, allow_infinity=False, width=32)


class FakeClock:
    """Returns 1000.0, 1001.0, 1002.0, … — one new time per read — and counts the reads."""

    def __init__(self, start: float = 1000.0) -> None:
        self.start = start
        self.reads = 0

    def __call__(self) -> float:
        self.reads += 1
        return self.start + self.reads - 1


def test_creating_the_factory_reads_no_clock() -> None:
    clock = FakeClock()
    kata.make_event_factory(clock)
    assert clock.reads == 0, (
        "make_event_factory(): must not read the clock — the time is read per call of new_event, "
        "not once when new_event is defined"
    )


def test_each_event_gets_the_time_of_its_own_call() -> None:
    clock = FakeClock()
    new_event = kata.make_event_factory(clock)
    got = [new_event(name).at for name in ("a", "b", "c")]
    assert got == [1000.0, 1001.0, 1002.0], (
        "new_event(): with at omitted, each event's at is clock() read during that call"
    )


@settings(max_examples=50)  # a small input space: 50 cases find every bug here
@given(ats=st.lists(st.one_of(st.none(), finite), max_size=8))
@example(ats=[None, None])
@example(ats=[0.0, None])
@example(ats=[-0.0, 1.0])
def test_explicit_at_is_kept_and_omitted_at_reads_the_clock(ats: list[float | None]) -> None:
    clock = FakeClock()
    new_event = kata.make_event_factory(clock)
    got = [new_event("e", at=at).at for at in ats]
    want: list[float] = []
    reads = 0
    for at in ats:
        if at is None:
            want.append(1000.0 + reads)
            reads += 1
        else:
            want.append(at)
    assert got == want, (
        "new_event(): an explicit at (0.0 included) is kept as given; at=None reads clock() "
        "during that call"
    )
    assert clock.reads == ats.count(None), (
        "new_event(): the clock is read exactly once per call without at, and never when at is given"
    )


def test_names_are_kept() -> None:
    new_event = kata.make_event_factory(FakeClock())
    got = new_event("login", 5.0)
    assert got == Event(name="login", at=5.0, tags=[]), (
        "new_event(name, at): the event has that name and at, and tags []"
    )


def test_default_tags_are_a_new_list_per_event() -> None:
    new_event = kata.make_event_factory(FakeClock())
    first = new_event("first")
    first.tags.append("changed-after")
    second = new_event("second")
    assert second.tags == [], (
        "new_event(): with tags omitted, every event gets its own new empty list "
        "(not one list shared by all calls)"
    )


@settings(max_examples=50)  # a small input space: 50 cases find every bug here
@given(tags=st.lists(st.text(alphabet="abc-", max_size=3), max_size=4))
def test_given_tags_are_copied(tags: list[str]) -> None:
    new_event = kata.make_event_factory(FakeClock())
    mine = list(tags)
    event = new_event("e", tags=mine)
    mine.append("added-by-caller")
    assert event.tags == tags, (
        "new_event(): given tags are copied into a new list — changing the caller's list later "
        "does not change the event"
    )
    again = new_event("again", tags=event.tags)
    again.tags.append("added-to-again")
    assert event.tags == tags, "new_event(): no two events share a tags list"


def test_tags_may_be_any_iterable() -> None:
    new_event = kata.make_event_factory(FakeClock())
    got = [
        new_event("t", tags=("a", "b")).tags,
        new_event("g", tags=(t for t in "xy")).tags,
        new_event("n", tags=None).tags,
    ]
    assert got == [["a", "b"], ["x", "y"], []], (
        "new_event(): tags may be any iterable of str (tuple, generator); the event stores a list"
    )


def test_each_factory_uses_its_own_clock() -> None:
    early, late = FakeClock(start=10.0), FakeClock(start=500.0)
    from_early = kata.make_event_factory(early)
    from_late = kata.make_event_factory(late)
    got = [from_early("a").at, from_late("b").at, from_early("c").at]
    assert got == [10.0, 500.0, 11.0], "make_event_factory(): each factory reads its own clock"
