"""Grader: delegation — flatten (recursive yield from) and parse_ints / parse_batches (return
values of generators)."""

from collections.abc import Callable, Generator, Iterable, Iterator
from itertools import islice
from typing import TypeVar

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day6 import delegation

T = TypeVar("T")


class Tracked(Iterator[T]):
    """A one-shot iterator that counts how many items were pulled from it."""

    def __init__(self, items: Iterable[T]) -> None:
        self._items = iter(items)
        self.pulled = 0

    def __next__(self) -> T:
        item = next(self._items)
        self.pulled += 1
        return item


def drain(gen: Iterator[T], limit: int) -> tuple[list[T], object]:
    """Everything ``gen`` yields (at most ``limit`` items) and its return value."""
    values: list[T] = []
    while len(values) <= limit:
        try:
            values.append(next(gen))
        except StopIteration as stop:
            return values, stop.value
    return values, "<did not stop>"


# --- flatten -------------------------------------------------------------------------------

leaves = st.one_of(
    st.integers(-5, 5), st.text("ab", max_size=2), st.binary(max_size=2), st.none()
)
nested = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner),
    max_leaves=15,
)


def flatten_oracle(data: Iterable[object]) -> list[object]:
    out: list[object] = []
    for item in data:
        if isinstance(item, (list, tuple)):
            out.extend(flatten_oracle(item))
        else:
            out.append(item)
    return out


def as_generators(data: object) -> object:
    """The same structure with every tuple turned into a one-shot generator."""
    if isinstance(data, list):
        return [as_generators(x) for x in data]
    if isinstance(data, tuple):
        return (as_generators(x) for x in data)
    return data


@settings(max_examples=60)
@given(st.lists(nested, max_size=4))
@example([1, [2, (3, [4])], 5])
@example(["ab", ["c", [b"xy"]], "", b""])  # str and bytes are leaves, also 1-character ones
@example([[], [[]], ([], ())])  # empty iterables contribute nothing
def test_flatten_matches_oracle(data: list[object]) -> None:
    got = list(islice(delegation.flatten(data), 200))
    assert got == flatten_oracle(data), (
        "flatten yields the leaves depth-first, left to right; str and bytes are leaves"
    )
    lazy_got = list(islice(delegation.flatten(as_generators(data)), 200))  # type: ignore[arg-type]
    assert lazy_got == flatten_oracle(data), "flatten descends into any iterable, generators too"


def test_flatten_other_iterables() -> None:
    got = list(delegation.flatten([{"k": 1}, {7}, range(2), bytearray(b"ab"), frozenset()]))
    assert got == ["k", 7, 0, 1, bytearray(b"ab")], (
        "flatten descends into any iterable (dict keys, sets, ranges); bytearray is a leaf"
    )


def test_flatten_deep_nesting() -> None:
    data: list[object] = [1]
    for _ in range(100):
        data = [data, 2]
    got = list(delegation.flatten(data))
    assert got == [1] + [2] * 100, "flatten works for nesting 100 levels deep"


def test_flatten_is_lazy() -> None:
    inner = Tracked([2, 3])
    outer = Tracked([1, inner, 4])
    gen = delegation.flatten(outer)
    assert outer.pulled == 0, "flatten pulls nothing before the first next()"
    first = next(gen)
    assert (first, outer.pulled) == (1, 1), "the first leaf needs exactly one item from data"
    second = next(gen)
    assert (second, outer.pulled, inner.pulled) == (2, 2, 1), (
        "the second leaf needs one more item from data and one from the nested iterable — "
        "not the whole nested iterable"
    )


def test_flatten_infinite_generator() -> None:
    def naturals_until_overpulled() -> Iterator[int]:
        yield from range(1, 4)
        raise AssertionError("flatten pulled more items than the caller asked for")

    got = list(islice(delegation.flatten([0, naturals_until_overpulled()]), 4))
    assert got == [0, 1, 2, 3], "flatten is lazy: it works on endless generators"


# --- parse_ints / parse_batches ------------------------------------------------------------

rows = st.lists(
    st.one_of(
        st.integers(-1000, 1000).map(str),
        st.sampled_from([" 7 ", "+3", "1_000", "", "1.5", "x", "0x10", "1e3", "--1"]),
        st.text("0123 x-", max_size=3),
    ),
    max_size=8,
)


def parse_oracle(batch: list[str]) -> tuple[list[int], int]:
    values, skipped = [], 0
    for row in batch:
        try:
            values.append(int(row))
        except ValueError:
            skipped += 1
    return values, skipped


@settings(max_examples=60)
@given(rows)
@example([])
@example(["1", "x", " 3 ", "1.5"])
@example(["x", "y"])
def test_parse_ints_yields_ints_and_returns_skip_count(batch: list[str]) -> None:
    got_values, got_return = drain(delegation.parse_ints(batch), len(batch))
    want_values, want_skipped = parse_oracle(batch)
    assert got_values == want_values, (
        "parse_ints yields int(row) for every row int() accepts, in order — and nothing else"
    )
    assert got_return == want_skipped, (
        "parse_ints returns (StopIteration.value) the number of skipped rows; it does not yield it"
    )


def test_parse_ints_is_lazy() -> None:
    source = Tracked(["x", "1", "y", "2"])
    gen = delegation.parse_ints(source)
    assert next(gen) == 1, "parse_ints yields the first valid row"
    assert source.pulled == 2, "parse_ints pulls rows only until it has the next int to yield"


@settings(max_examples=60)
@given(st.lists(rows, max_size=4))
@example([])
@example([["1", "x"], [], ["y", "2", "z"]])
def test_parse_batches_delegates_and_sums(batches: list[list[str]]) -> None:
    total_rows = sum(map(len, batches))
    got_values, got_return = drain(delegation.parse_batches(batches), total_rows)
    want_values = [v for batch in batches for v in parse_oracle(batch)[0]]
    want_skipped = sum(parse_oracle(batch)[1] for batch in batches)
    assert got_values == want_values, "parse_batches yields the ints of every batch, in order"
    assert got_return == want_skipped, (
        "parse_batches returns the total skip count: the sum of what each delegated "
        "parse_ints returned (0 for no batches)"
    )


def test_parse_batches_value_of_yield_from() -> None:
    def caller() -> Generator[int, None, object]:
        result = yield from delegation.parse_batches([["1", "x"], ["y"]])
        return result

    got = drain(caller(), 5)
    assert got == ([1], 2), "`yield from parse_batches(...)` evaluates to its total skip count"


def test_parse_batches_is_lazy() -> None:
    first, second = Tracked(["x", "5", "6"]), Tracked(["7"])
    batches = Tracked([first, second])
    gen = delegation.parse_batches(batches)
    assert next(gen) == 5, "parse_batches yields the first int of the first batch"
    assert (batches.pulled, first.pulled, second.pulled) == (1, 2, 0), (
        "parse_batches pulls the next batch only when the current one is used up, and rows "
        "only as ints are asked for"
    )


class Probe(Exception):
    """Thrown into parse_batches: with yield from it reaches the delegated generator."""


def test_parse_batches_forwards_send_and_throw(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[object] = []

    def recording_parse_ints(rows: Iterable[str]) -> Generator[int, object, int]:
        for row in rows:
            try:
                sent = yield int(row)
            except Probe:
                seen.append("Probe thrown in")
                sent = yield -1
            seen.append(sent)
        return 0

    monkeypatch.setattr(delegation, "parse_ints", recording_parse_ints)
    gen = delegation.parse_batches([["1", "2", "3"]])
    got: list[object] = [next(gen)]
    steps: list[Callable[[], object]] = [
        lambda: gen.send("hello"),
        lambda: gen.throw(Probe()),
        lambda: gen.send("again"),
    ]
    for step in steps:
        try:
            got.append(step())
        except (Probe, StopIteration) as exc:
            got.append(f"{type(exc).__name__} escaped")
            break
    assert (got, seen) == ([1, 2, -1, 3], ["hello", "Probe thrown in", "again"]), (
        "parse_batches delegates with yield from: send(value) and throw(exc) on it reach the "
        "parse_ints generator of the current batch (a loop re-yielding with next() keeps them)"
    )
