"""Grader: custom_range — Range (iterable) and RangeIterator (iterator) against built-in range."""

import tracemalloc
from collections.abc import Iterable, Iterator
from itertools import islice

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, rule

from day6 import custom_range

EXHAUSTED = "<StopIteration>"


def take(values: Iterable[int], limit: int) -> list[int]:
    """At most ``limit`` values: a runaway iterator fails the comparison instead of hanging."""
    return list(islice(values, limit))

starts = st.integers()
offsets = st.integers(-300, 300)  # stop = start + offset keeps every range short
steps = st.integers(-40, 40).filter(lambda s: s != 0)


@settings(max_examples=60)
@given(starts, offsets, steps)
@example(0, 0, 1)  # empty: start == stop
@example(5, -5, 1)  # empty: start past stop, positive step
@example(0, 10, -1)  # empty: start past stop, negative step
@example(10, -10, -3)  # negative step
@example(-5, 10, 2)
@example(0, 10, 3)  # step does not divide the length
@example(0, 1, 100)
@example(2**70, 50, 7)  # big ints
def test_values_match_builtin_range(start: int, offset: int, step: int) -> None:
    stop = start + offset
    r = custom_range.Range(start, stop, step)
    want = list(range(start, stop, step))
    got = take(r, len(want) + 1)
    assert got == want, (
        f"Range({start}, {stop}, {step}) must give the values of range({start}, {stop}, {step})"
    )


@settings(max_examples=50)
@given(starts, st.integers(-12, 12), steps)
def test_range_is_reusable_iterable(start: int, offset: int, step: int) -> None:
    r = custom_range.Range(start, start + offset, step)
    expected = range(start, start + offset, step)
    first, second = take(r, len(expected) + 1), take(r, len(expected) + 1)
    assert second == first, "a Range can be iterated many times: the second pass repeats the first"
    nested = [(a, b) for a in take(r, len(expected) + 1) for b in take(r, len(expected) + 1)]
    want = [(a, b) for a in expected for b in expected]
    assert nested == want, "two nested loops over one Range each get their own, fresh iterator"


def test_iter_of_range_is_a_new_range_iterator() -> None:
    r = custom_range.Range(0, 5)
    it1, it2 = iter(r), iter(r)
    assert isinstance(it1, custom_range.RangeIterator), "iter(Range) returns a RangeIterator"
    assert it1 is not r, "a Range is an iterable, not its own iterator: iter(r) is not r"
    assert it1 is not it2, "every iter(r) returns a new RangeIterator"
    assert (next(it1), next(it1), next(it2)) == (0, 1, 0), (
        "iterators from one Range advance independently, each from start"
    )


def test_range_is_iterable_but_not_iterator() -> None:
    r = custom_range.Range(0, 3)
    iter(r)
    assert isinstance(r, Iterable), "Range is an iterable: it has __iter__"
    assert not isinstance(r, Iterator), "Range is not an iterator: it has no __next__"
    with pytest.raises(TypeError):
        next(r)  # type: ignore[call-overload]


def test_iterator_returns_itself() -> None:
    it = iter(custom_range.Range(0, 5))
    assert iter(it) is it, "iter(it) is it for a RangeIterator"
    assert isinstance(it, Iterator), "RangeIterator is an iterator: it has __iter__ and __next__"
    first = next(it)
    rest = [x for x, _ in zip(it, range(10))]
    assert (first, rest) == (0, [1, 2, 3, 4]), (
        "a for loop over a partly consumed RangeIterator continues where it stopped"
    )


@settings(max_examples=50)
@given(st.integers(-20, 20), st.integers(-20, 20), steps)
def test_iterator_stays_exhausted(start: int, stop: int, step: int) -> None:
    it = iter(custom_range.Range(start, stop, step))
    want = list(range(start, stop, step))
    values = take(it, len(want) + 1)
    assert values == want, "a RangeIterator gives the range's values, then stops"
    later = [next(it, EXHAUSTED) for _ in range(3)]
    assert later == [EXHAUSTED] * 3, (
        "an exhausted RangeIterator keeps raising StopIteration on every later next()"
    )
    assert take(it, 1) == [], "an exhausted RangeIterator never restarts"


def test_arguments_kept_as_attributes() -> None:
    r = custom_range.Range(1, 10, 3)
    assert (r.start, r.stop, r.step) == (1, 10, 3), "Range keeps its arguments as start, stop, step"


def test_zero_step_is_value_error() -> None:
    with pytest.raises(ValueError):
        custom_range.Range(0, 10, 0)


@pytest.mark.parametrize(
    "args",
    [(0.0, 3), (0, 2.5), (0, 3, 1.0), ("0", 3), (0, None)],
    ids=["float start", "float stop", "float step", "str start", "None stop"],
)
def test_non_int_argument_is_type_error(args: tuple[object, ...]) -> None:
    with pytest.raises(TypeError):
        custom_range.Range(*args)  # type: ignore[arg-type]


def test_values_are_not_stored() -> None:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        r = custom_range.Range(0, 10**5)
        it = iter(r)
        head = [next(it) for _ in range(3)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert head == [0, 1, 2], "Range(0, 10**5) starts 0, 1, 2"
    assert peak < 100_000, (
        f"neither Range nor RangeIterator may store the values: memory must stay constant "
        f"(creating and starting Range(0, 10**5) used {peak:,} bytes)"
    )


class RangeIterators(RuleBasedStateMachine):
    """Several iterators over one Range, advanced in any order, against built-in range."""

    iterators = Bundle("iterators")

    @initialize(
        start=st.integers(-10, 10),
        offset=st.integers(-10, 10),
        step=st.sampled_from([-3, -2, -1, 1, 2, 3]),
    )
    def make_range(self, start: int, offset: int, step: int) -> None:
        self.range = custom_range.Range(start, start + offset, step)
        self.args = (start, start + offset, step)
        self.pairs: list[tuple[Iterator[int], Iterator[int]]] = []

    @rule(target=iterators)
    def open_iterator(self) -> int:
        self.pairs.append((iter(self.range), iter(range(*self.args))))
        return len(self.pairs) - 1

    @rule(index=iterators)
    def advance(self, index: int) -> None:
        got_it, want_it = self.pairs[index]
        got = next(got_it, EXHAUSTED)
        want = next(want_it, EXHAUSTED)
        assert got == want, (
            f"Range{self.args}: each iterator walks the range on its own, independent of the "
            f"others, and stays exhausted at the end"
        )

    @rule(index=iterators)
    def iter_returns_itself(self, index: int) -> None:
        it = self.pairs[index][0]
        assert iter(it) is it, "iter(it) is it for a RangeIterator, at any point of its pass"

    @rule()
    def full_pass(self) -> None:
        want = list(range(*self.args))
        got = take(self.range, len(want) + 1)
        assert got == want, (
            f"Range{self.args}: a full pass gives all values, whatever the open iterators did"
        )


TestRangeIterators = RangeIterators.TestCase
TestRangeIterators.settings = settings(max_examples=30, stateful_step_count=15)
