"""Grader: custom_range — Range (iterable) and RangeIterator (iterator) against built-in range."""

import enum
import tracemalloc
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import islice
from typing import Any

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


class Color(enum.IntEnum):
    RED = 1
    GREEN = 4


class Index:
    """Not an int, but has __index__: range accepts it (numpy integers are like this)."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value


def error_of(*args: object) -> str:
    """The name of the exception Range(*args) raised, or 'nothing raised'."""
    try:
        custom_range.Range(*args)  # type: ignore[arg-type]
    except NotImplementedError:
        raise
    except Exception as exc:
        return type(exc).__name__
    return "nothing raised"


def typed(values: Iterable[object]) -> list[tuple[str, object]]:
    return [(type(value).__name__, value) for value in values]


ACCEPTED: dict[str, tuple[Any, ...]] = {
    "Range(True, 5)": (True, 5),
    "Range(0, 7, True)": (0, 7, True),
    "Range(Color.RED, 9, Color.GREEN)": (Color.RED, 9, Color.GREEN),
    "Range(Index(2), Index(11), Index(3))": (Index(2), Index(11), Index(3)),
    "Range(10, Index(0), -4)": (10, Index(0), -4),
}


def test_accepts_what_range_accepts() -> None:
    got = {}
    for label, args in ACCEPTED.items():
        try:
            got[label] = typed(take(custom_range.Range(*args), 20))
        except NotImplementedError:
            raise
        except Exception as exc:
            got[label] = [("raised", type(exc).__name__)]
    want = {label: typed(range(*args)) for label, args in ACCEPTED.items()}
    assert got == want, (
        "Range accepts what range accepts — any int (bool and IntEnum members too) or an object "
        "with __index__ — and gives range's values, plain ints"
    )


def test_arguments_are_converted_with_operator_index() -> None:
    r = custom_range.Range(True, Index(9), Color.GREEN)
    got = typed((r.start, r.stop, r.step))
    assert got == [("int", 1), ("int", 9), ("int", 4)], (
        "Range converts each argument with operator.index(): start, stop and step are plain ints"
    )


def test_zero_step_is_value_error() -> None:
    got = {label: error_of(*args) for label, args in {
        "Range(0, 10, 0)": (0, 10, 0),
        "Range(0, 10, False)": (0, 10, False),
        "Range(0, 10, Index(0))": (0, 10, Index(0)),
    }.items()}
    assert got == dict.fromkeys(got, "ValueError"), (
        "Range raises ValueError if step is 0 (also False, or an __index__ that gives 0)"
    )


def test_types_are_checked_before_the_zero_step() -> None:
    got = {"Range(0, 1, 0.0)": error_of(0, 1, 0.0), "Range(0.0, 1, 0)": error_of(0.0, 1, 0)}
    assert got == dict.fromkeys(got, "TypeError"), (
        "Range checks the types first, as range does: Range(0, 1, 0.0) raises TypeError, not "
        "ValueError"
    )


@pytest.mark.parametrize(
    "args",
    [(0.0, 3), (0, 2.5), (0, 3, 1.0), ("0", 3), (0, None), (0, float("nan")), (Decimal(1), 3)],
    ids=["float start", "float stop", "float step", "str start", "None stop", "NaN stop",
         "Decimal start"],
)
def test_non_int_argument_is_type_error(args: tuple[object, ...]) -> None:
    got = error_of(*args)
    assert got == "TypeError", (
        "Range raises TypeError for an argument range does not accept (no int, no __index__)"
    )


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
