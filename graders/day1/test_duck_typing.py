"""Grader for day1.duck_typing: as_list() decides by behaviour, not by type."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from day1 import duck_typing


class Countdown:
    """An old-style sequence: only __getitem__, no __iter__."""

    def __getitem__(self, index: int) -> int:
        if index >= 3:
            raise IndexError(index)
        return 3 - index


class Bag:
    """A user-defined iterable that counts how often it is asked for an iterator."""

    def __init__(self, *items: object) -> None:
        self.items = items
        self.iter_calls = 0

    def __iter__(self) -> Iterator[object]:
        self.iter_calls += 1
        return iter(self.items)


class OptedOut:
    """Defines __getitem__ but opts out of iteration with __iter__ = None."""

    __iter__ = None

    def __getitem__(self, index: int) -> int:
        return index


class Text(str):
    pass


class Brittle:
    """Iterable, but iterating it fails with a TypeError after one item."""

    def __iter__(self) -> Iterator[int]:
        yield 1
        raise TypeError("broken item")


def _broken_generator() -> Iterator[int]:
    yield 1
    raise TypeError("broken item")


ITERABLES: list[tuple[str, object, list[object]]] = [
    ("a list", [1, 2], [1, 2]),
    ("a tuple", (1, 2), [1, 2]),
    ("a one-item set", {7}, [7]),
    ("a dict (its keys)", {"a": 1, "b": 2}, ["a", "b"]),
    ("a dict's values view", {"a": 1, "b": 2}.values(), [1, 2]),
    ("a range", range(3), [0, 1, 2]),
    ("a generator", (n * n for n in range(3)), [0, 1, 4]),
    ("an empty list", [], []),
    ("an empty generator", (n for n in range(0)), []),
    ("a class with only __getitem__", Countdown(), [3, 2, 1]),
    ("a class with __iter__", Bag("x", "y"), ["x", "y"]),
]


@pytest.mark.parametrize(("label", "value", "want"), ITERABLES, ids=[c[0] for c in ITERABLES])
def test_iterables_become_their_items(label: str, value: object, want: list[object]) -> None:
    got = duck_typing.as_list(value)
    assert got == want, f"as_list({label}): anything iter() accepts becomes the list of its items"
    assert type(got) is list, f"as_list({label}) must return a list"


def test_partly_consumed_iterator_gives_the_rest() -> None:
    items = iter([1, 2, 3])
    next(items)
    got = duck_typing.as_list(items)
    assert got == [2, 3], "as_list(iterator): the items the iterator still yields"


SCALARS: list[tuple[str, object]] = [
    ("a str", "abc"),
    ("an empty str", ""),
    ("a str subclass", Text("abc")),
    ("bytes", b"ab"),
    ("a bytearray", bytearray(b"ab")),
    ("an int", 42),
    ("a float", 1.5),
    ("None", None),
    ("a plain object", object()),
    ("a class that sets __iter__ = None", OptedOut()),
]


@pytest.mark.parametrize(("label", "value"), SCALARS, ids=[c[0] for c in SCALARS])
def test_single_values_are_wrapped(label: str, value: object) -> None:
    got = duck_typing.as_list(value)
    assert got == [value], f"as_list({label}) must be [value]: it is a single value"
    assert got[0] is value, f"as_list({label}): the one item must be the value itself"


@settings(max_examples=40)
@given(st.lists(st.integers(), max_size=10))
def test_a_list_gives_a_new_equal_list(items: list[int]) -> None:
    got = duck_typing.as_list(items)
    assert got == items, "as_list(list): the same items in the same order"
    assert got is not items, "as_list(list): a new list, never the argument itself"


@settings(max_examples=40)
@given(st.lists(st.integers() | st.text(max_size=3) | st.none(), max_size=10))
def test_any_iterator_gives_its_items(items: list[object]) -> None:
    got = duck_typing.as_list(iter(items))
    assert got == items, "as_list(iterator): the items it yields, in order"


@settings(max_examples=50)
@given(st.one_of(st.integers(), st.floats(allow_nan=False), st.text(), st.binary(), st.booleans(),
                 st.none(), st.complex_numbers(allow_nan=False)))
def test_scalars_are_wrapped(value: object) -> None:
    got = duck_typing.as_list(value)
    assert got == [value], "as_list(scalar): numbers, None, str and bytes become [value]"


def test_iter_is_called_once() -> None:
    bag = Bag(1, 2)
    got = duck_typing.as_list(bag)
    assert got == [1, 2], "as_list(a class with __iter__): the items it yields"
    assert bag.iter_calls == 1, "as_list(): iter(value) is called exactly once"


@pytest.mark.parametrize(
    ("label", "make"),
    [("an iterable whose iteration fails", Brittle), ("a generator that fails", _broken_generator)],
)
def test_errors_while_iterating_propagate(label: str, make: type[object]) -> None:
    try:
        got = duck_typing.as_list(make())
    except TypeError as err:
        assert str(err) == "broken item", (
            f"as_list({label}): the TypeError raised while iterating must propagate unchanged"
        )
    else:
        pytest.fail(
            f"as_list({label}) returned {got!r}: a TypeError raised while iterating must "
            "propagate -- only iter() refusing the value means 'not iterable'"
        )
