"""Grader for day4.timestamp_mixin: timestamps from an injected clock, cooperative __init__."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from day4 import timestamp_mixin as kata

EPOCH = datetime(2024, 1, 1, tzinfo=timezone.utc)


class FakeClock:
    """Each reading is one minute (or the given step) after the previous one; counts readings."""

    def __init__(self, start: datetime = EPOCH, step: timedelta = timedelta(minutes=1)) -> None:
        self.next = start
        self.step = step
        self.readings = 0

    def __call__(self) -> datetime:
        now = self.next
        self.next += self.step
        self.readings += 1
        return now


def raised(call: Callable[[], object]) -> BaseException | None:
    """The exception the call raised (None if it returned); a stub's NotImplementedError escapes."""
    try:
        call()
    except NotImplementedError:
        raise
    except Exception as exc:
        return exc
    return None


def outcome(
    call: Callable[[], object], expected: type[BaseException] | tuple[type[BaseException], ...]
) -> str:
    """The expected exception's name if the call raised it (subclasses count), else what happened.

    With a tuple, any of its exceptions counts and the first one's name is returned.
    """
    error = raised(call)
    if error is None:
        return "nothing raised"
    if isinstance(error, expected):
        return (expected if isinstance(expected, type) else expected[0]).__name__
    return f"{type(error).__name__}: {error}"


class Model:
    """A cooperative base class with a required positional argument."""

    def __init__(self, title: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.title = title


class TaggedMixin:
    """Another cooperative mixin with a keyword-only argument of its own."""

    def __init__(self, *args: Any, tags: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tags = tags


class CountingMixin:
    """Counts how many times its __init__ runs for one object."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.init_runs = getattr(self, "init_runs", 0) + 1


def test_construction_reads_the_clock_once() -> None:
    class Note(kata.TimestampMixin):
        pass

    clock = FakeClock()
    note = Note(clock=clock)
    assert (note.created_at, note.updated_at) == (EPOCH, EPOCH), (
        "TimestampMixin: created_at and updated_at both start as the clock reading taken "
        "during construction"
    )
    assert clock.readings == 1, "TimestampMixin: construction reads the clock exactly once"


def test_touch_moves_only_updated_at() -> None:
    class Note(kata.TimestampMixin):
        pass

    clock = FakeClock()
    note = Note(clock=clock)
    note.touch()
    note.touch()
    assert note.updated_at == EPOCH + timedelta(minutes=2), (
        "touch(): updated_at becomes a fresh reading of the object's clock"
    )
    assert note.created_at == EPOCH, "touch(): created_at never changes"
    assert clock.readings == 3, "touch(): reads the clock exactly once per call"


@settings(max_examples=50)  # a small input space: fewer examples suffice
@given(steps=st.lists(st.integers(min_value=-3600, max_value=3600), max_size=6))
def test_updated_at_is_always_the_latest_reading(steps: list[int]) -> None:
    readings = [EPOCH + timedelta(seconds=sum(steps[:i])) for i in range(len(steps) + 1)]
    feed = iter(readings)

    class Note(kata.TimestampMixin):
        pass

    note = Note(clock=lambda: next(feed))
    history = [note.updated_at]
    for _ in steps:
        note.touch()
        history.append(note.updated_at)
    assert history == readings, (
        "touch(): updated_at is exactly the clock's latest reading, whatever the clock returns"
    )
    assert note.created_at == readings[0], "touch(): created_at stays the first reading"


def test_cooperates_with_a_base_and_another_mixin() -> None:
    class Article(kata.TimestampMixin, TaggedMixin, Model):
        pass

    clock = FakeClock()
    article = Article("Hello", tags=("python",), clock=clock)
    assert (article.title, article.tags) == ("Hello", ("python",)), (
        "TimestampMixin.__init__: passes every argument but clock on to super().__init__, "
        "unchanged (positional and keyword)"
    )
    assert (article.created_at, clock.readings) == (EPOCH, 1), (
        "TimestampMixin: stamps the object when it is mixed with other cooperative classes"
    )


def test_works_in_any_position_among_mixins() -> None:
    class Post(TaggedMixin, CountingMixin, kata.TimestampMixin, Model):
        pass

    clock = FakeClock()
    post = Post(title="Later", clock=clock, tags=("a", "b"))
    assert (post.title, post.tags, post.init_runs) == ("Later", ("a", "b"), 1), (
        "TimestampMixin: when other mixins come first, it still passes the remaining "
        "arguments on and every class's __init__ runs exactly once"
    )
    assert post.created_at == EPOCH, "TimestampMixin: clock= reaches the mixin from any position"


def test_clock_is_not_passed_on() -> None:
    class Plain(kata.TimestampMixin):
        pass

    error = raised(lambda: Plain(clock=FakeClock()))
    assert error is None, (
        "TimestampMixin.__init__: clock is the mixin's own argument and is not passed on "
        "(object.__init__ takes no arguments)"
    )


def test_each_object_keeps_its_own_clock() -> None:
    class Note(kata.TimestampMixin):
        pass

    first_clock = FakeClock(start=EPOCH)
    second_clock = FakeClock(start=EPOCH + timedelta(days=365))
    first = Note(clock=first_clock)
    second = Note(clock=second_clock)
    first.touch()
    assert first.updated_at == EPOCH + timedelta(minutes=1), (
        "touch(): an object reads the clock it was built with, not the last clock given to "
        "any object (store the clock on the instance, not on the class)"
    )
    assert (first_clock.readings, second_clock.readings) == (2, 1), (
        "touch(): two objects built with different clocks never read each other's clock"
    )
    assert second.created_at == EPOCH + timedelta(days=365)


def test_timestamps_are_read_only() -> None:
    class Note(kata.TimestampMixin):
        pass

    note = Note(clock=FakeClock())
    earlier = EPOCH - timedelta(days=1)
    got = {
        "created_at": outcome(lambda: setattr(note, "created_at", earlier), AttributeError),
        "updated_at": outcome(lambda: setattr(note, "updated_at", earlier), AttributeError),
    }
    assert got == {"created_at": "AttributeError", "updated_at": "AttributeError"}, (
        "TimestampMixin: created_at and updated_at are read-only; assigning raises AttributeError"
    )
    assert (note.created_at, note.updated_at) == (EPOCH, EPOCH), (
        "TimestampMixin: a refused assignment leaves the timestamps unchanged"
    )


def test_default_clock_is_aware_utc() -> None:
    class Note(kata.TimestampMixin):
        pass

    stamped = Note().created_at
    now = kata.utc_now()
    assert (stamped.utcoffset(), now.utcoffset()) == (timedelta(0), timedelta(0)), (
        "utc_now(): the default clock returns an aware datetime in UTC, never a naive one"
    )
