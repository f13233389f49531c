"""Grader for day3.counter: closures sharing one private count, checked against a model."""

from __future__ import annotations

import types
from dataclasses import dataclass

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from day3 import counter as kata
from day3.counter import Counter

starts = st.integers(min_value=-1000, max_value=1000)
steps = st.integers(min_value=-50, max_value=50).filter(bool)
which = st.integers(min_value=0, max_value=3)  # which of the (at most 4) counters

CLOSURE_RULE = (
    "make_counter(): increment, read and reset are plain functions sharing, through their "
    "__closure__, the cell of one int variable of make_counter that always holds the current "
    "count (rebound with nonlocal — not a class, a global or a list/dict box)"
)


def shared_count_cells(counter: Counter) -> list[object]:
    """Contents of the closure cells that increment, read and reset all three share."""
    closures = [getattr(function, "__closure__", None) or () for function in counter]
    common = set.intersection(*({id(cell) for cell in closure} for closure in closures))
    contents: list[object] = []
    for cell in closures[0]:
        if id(cell) in common:
            try:
                contents.append(cell.cell_contents)
            except ValueError:  # an empty cell
                pass
    return contents


def count_in_closure(counter: Counter, count: int) -> object:
    """``count`` if a cell shared by the three functions holds it as an int, else what is there."""
    kinds = [type(function).__name__ for function in counter]
    if kinds != ["function"] * 3:
        return f"not plain functions but {kinds}"
    shared = shared_count_cells(counter)
    if any(type(value) is int and value == count for value in shared):
        return count
    if not shared:
        return "no closure cell shared by increment, read and reset"
    return f"shared closure cells hold {shared!r}"


@dataclass
class Tracked:
    counter: Counter
    start: int
    step: int
    count: int


class CounterMachine(RuleBasedStateMachine):
    """Several counters at once, each with a model count; they must never affect each other."""

    def __init__(self) -> None:
        super().__init__()
        self.tracked: list[Tracked] = []

    def _new(self, start: int, step: int) -> None:
        self.tracked.append(Tracked(kata.make_counter(start, step), start, step, start))

    @initialize(start=starts, step=steps)
    def first_counter(self, start: int, step: int) -> None:
        self._new(start, step)

    @precondition(lambda self: len(self.tracked) < 4)
    @rule(start=starts, step=steps)
    def another_counter(self, start: int, step: int) -> None:
        self._new(start, step)

    @rule(which=which)
    def increment(self, which: int) -> None:
        t = self.tracked[which % len(self.tracked)]
        t.count += t.step
        assert t.counter.increment() == t.count, (
            "increment(): adds step to the count and returns the new count"
        )

    @rule(which=which)
    def read(self, which: int) -> None:
        t = self.tracked[which % len(self.tracked)]
        assert t.counter.read() == t.count, "read(): returns the current count"

    @rule(which=which)
    def reset(self, which: int) -> None:
        t = self.tracked[which % len(self.tracked)]
        t.count = t.start
        assert t.counter.reset() is None, "reset(): returns None"

    @invariant()
    def every_counter_keeps_its_own_count(self) -> None:
        got = [t.counter.read() for t in self.tracked]
        assert got == [t.count for t in self.tracked], (
            "make_counter(): every counter keeps its own count — counters never share state, "
            "and reset() goes back to that counter's start"
        )

    @invariant()
    def the_count_lives_in_the_closure(self) -> None:
        for t in self.tracked:
            assert count_in_closure(t.counter, t.count) == t.count, CLOSURE_RULE


TestCounterAgainstModel = CounterMachine.TestCase
TestCounterAgainstModel.settings = settings(max_examples=25, stateful_step_count=15)


def test_example_from_the_spec() -> None:
    inc, read, reset = kata.make_counter(start=10, step=5)
    got = [inc(), inc(), read(), reset(), read()]
    assert got == [15, 20, 20, None, 10], (
        "make_counter(start=10, step=5): inc(), inc(), read(), reset(), read() give "
        "15, 20, 20, None, 10"
    )


def test_defaults_start_at_zero_and_step_by_one() -> None:
    inc, read, _ = kata.make_counter()
    got = [read(), inc(), inc(), read()]
    assert got == [0, 1, 2, 2], "make_counter(): start defaults to 0 and step to 1"


def test_two_counters_do_not_share_state() -> None:
    first, second = kata.make_counter(), kata.make_counter()
    for _ in range(3):
        first.increment()
    assert second.read() == 0, (
        "make_counter(): two counters must not share state — incrementing the first changed "
        "the second"
    )


def test_zero_step_raises_value_error_at_creation() -> None:
    kata.make_counter(start=5, step=1)
    raised = "nothing raised"
    try:
        kata.make_counter(start=5, step=0)
    except Exception as exc:  # any exception: show the learner which one
        raised = type(exc).__name__
    assert raised == "ValueError", "make_counter(): step == 0 raises ValueError from make_counter"


def test_functions_are_plain_closures() -> None:
    counter = kata.make_counter(start=7, step=3)
    counter.increment()
    kinds = [type(function).__name__ for function in counter]
    assert kinds == [types.FunctionType.__name__] * 3, (
        "make_counter(): increment, read and reset are plain functions (closures), "
        "not bound methods or callable objects"
    )
    assert count_in_closure(counter, 10) == 10, CLOSURE_RULE
