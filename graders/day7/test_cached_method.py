"""Grader for day7.cached_method: a per-instance, per-arguments cache for methods."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, rule

from day7 import cached_method as kata


def raised(call: Callable[[], object]) -> BaseException | None:
    """The exception the call raised (None if it returned); a stub's NotImplementedError escapes."""
    try:
        call()
    except NotImplementedError:
        raise
    except Exception as exc:
        return exc
    return None


def make_box_class() -> type[Any]:
    """A fresh class per test: an unhashable dataclass (eq=True sets __hash__ to None)."""

    @dataclass
    class Box:
        side: int
        runs: list[tuple[Any, ...]] = field(default_factory=list, compare=False)

        @kata.cached_method
        def area(self, scale: int) -> int:
            self.runs.append(("area", scale))
            return self.side * self.side * scale

        @kata.cached_method
        def describe(self, *, prefix: str, suffix: str) -> str:
            self.runs.append(("describe", prefix, suffix))
            return f"{prefix}{self.side}{suffix}"

    return Box


class CacheMachine(RuleBasedStateMachine):
    """Boxes, some of them equal to each other; every call is checked against a model."""

    boxes = Bundle("boxes")

    def __init__(self) -> None:
        super().__init__()
        self.box_class = make_box_class()  # fresh per run: no state leaks between runs
        self.all_boxes: list[Any] = []
        self.expected_runs: dict[int, list[tuple[Any, ...]]] = {}

    @initialize(target=boxes)
    def first_box(self) -> Any:
        return self.new_box(side=1)

    @rule(target=boxes, side=st.integers(min_value=1, max_value=2))
    def new_box(self, side: int) -> Any:
        box = self.box_class(side)
        self.all_boxes.append(box)
        self.expected_runs[id(box)] = []
        return box

    @rule(box=boxes, scale=st.integers(min_value=0, max_value=2))
    def area(self, box: Any, scale: int) -> None:
        got = box.area(scale)
        assert got == box.side * box.side * scale, (
            "cached_method(): the method's result is returned"
        )
        if ("area", scale) not in self.expected_runs[id(box)]:
            self.expected_runs[id(box)].append(("area", scale))

    @rule(
        box=boxes,
        prefix=st.sampled_from(["<", "["]),
        suffix=st.sampled_from([">", "]"]),
        prefix_first=st.booleans(),
    )
    def describe(self, box: Any, prefix: str, suffix: str, prefix_first: bool) -> None:
        kwargs = {"prefix": prefix, "suffix": suffix}
        if not prefix_first:
            kwargs = {"suffix": suffix, "prefix": prefix}
        got = box.describe(**kwargs)
        assert got == f"{prefix}{box.side}{suffix}", (
            "cached_method(): the method's result is returned"
        )
        if ("describe", prefix, suffix) not in self.expected_runs[id(box)]:
            self.expected_runs[id(box)].append(("describe", prefix, suffix))

    @invariant()
    def each_box_ran_each_call_once(self) -> None:
        got = [box.runs for box in self.all_boxes]
        want = [self.expected_runs[id(box)] for box in self.all_boxes]
        assert got == want, (
            "cached_method(): per instance (equal instances included), each method runs once per "
            "distinct arguments (keyword order ignored); every later call is served from the cache"
        )


CacheMachine.TestCase.settings = settings(
    max_examples=30, stateful_step_count=12, report_multiple_bugs=False
)
TestCacheMachine = CacheMachine.TestCase


def test_repeated_calls_run_once_per_instance() -> None:
    box_class = make_box_class()
    first, second = box_class(3), box_class(3)
    got = [first.area(2), first.area(2), second.area(2), first.area(1)]
    assert got == [18, 18, 18, 9], "cached_method(): every call returns the method's result"
    assert (first.runs, second.runs) == ([("area", 2), ("area", 1)], [("area", 2)]), (
        "cached_method(): an instance runs the method once per arguments; an equal instance has "
        "its own cache"
    )


def test_every_result_is_cached_even_falsy_ones() -> None:
    falsy: dict[str, Any] = {"none": None, "zero": 0, "false": False, "empty": "", "nothing": ()}

    class Lookups:
        def __init__(self) -> None:
            self.runs = 0

        @kata.cached_method
        def find(self, name: str) -> Any:
            self.runs += 1
            return falsy[name]

    lookups = Lookups()
    got = [lookups.find(name) for name in falsy] + [lookups.find(name) for name in falsy]
    want = list(falsy.values()) * 2
    assert got == want, "cached_method(): the method's result is returned"
    assert lookups.runs == len(falsy), (
        "cached_method(): results like None, 0, False and empty values are cached too"
    )


def test_a_call_that_raises_is_not_cached() -> None:
    class Flaky:
        def __init__(self) -> None:
            self.runs = 0

        @kata.cached_method
        def load(self, key: str) -> str:
            self.runs += 1
            if self.runs == 1:
                raise ConnectionError("first try fails")
            return key.upper()

    flaky = Flaky()
    error = raised(lambda: flaky.load("k"))
    assert isinstance(error, ConnectionError), "cached_method(): the method's exception propagates"
    got = [flaky.load("k"), flaky.load("k")]
    assert (got, flaky.runs) == (["K", "K"], 2), (
        "cached_method(): a call that raises stores nothing; the next call runs the method again"
    )


def test_keyword_arguments_are_part_of_the_key_in_any_order() -> None:
    class Report:
        def __init__(self) -> None:
            self.runs: list[tuple[int, int, int]] = []

        @kata.cached_method
        def build(self, year: int, *, month: int = 1, day: int = 1) -> str:
            self.runs.append((year, month, day))
            return f"{year}-{month}-{day}"

    report = Report()
    got = [
        report.build(2024, month=2, day=3),
        report.build(2024, day=3, month=2),
        report.build(2024, month=5, day=3),
        report.build(2024),
    ]
    assert got == ["2024-2-3", "2024-2-3", "2024-5-3", "2024-1-1"], (
        "cached_method(): each call returns the result for its own arguments"
    )
    assert report.runs == [(2024, 2, 3), (2024, 5, 3), (2024, 1, 1)], (
        "cached_method(): keyword arguments are part of the key and their order is ignored"
    )


def test_unhashable_argument_is_a_type_error_and_runs_nothing() -> None:
    class Totals:
        def __init__(self) -> None:
            self.runs = 0

        @kata.cached_method
        def total(self, items: Any, *, extra: Any = 0) -> int:
            self.runs += 1
            return len(items)

    totals = Totals()
    errors = [raised(lambda: totals.total([1, 2])), raised(lambda: totals.total((1,), extra={}))]
    assert [type(e) for e in errors] == [TypeError, TypeError], (
        "cached_method(): an unhashable argument raises TypeError"
    )
    assert totals.runs == 0, "cached_method(): with an unhashable argument the method does not run"


def test_the_cache_does_not_keep_instances_alive() -> None:
    box_class = make_box_class()
    box = box_class(2)
    assert box.area(1) == 4, "cached_method(): the method's result is returned"
    ref = weakref.ref(box)
    del box
    gc.collect()
    assert ref() is None, (
        "cached_method(): the cache must not keep an instance alive once nothing else refers to it"
    )


def test_a_result_referring_to_its_instance_does_not_keep_it_alive() -> None:
    class Query:
        def __init__(self) -> None:
            self.filters: list[str] = []

        @kata.cached_method
        def where(self, condition: str) -> Query:
            self.filters.append(condition)
            return self

    query = Query()
    got = query.where("active")
    assert got is query, "cached_method(): the method's result is returned"
    ref = weakref.ref(query)
    del query, got
    gc.collect()
    assert ref() is None, (
        "cached_method(): no leaks, also when a cached result refers back to the instance (a "
        "method returning self) — a cache outside the instance, keyed by id(self), keeps it alive"
    )


def test_each_method_has_its_own_cache() -> None:
    class Pair:
        @kata.cached_method
        def double(self, n: int) -> int:
            return n * 2

        @kata.cached_method
        def triple(self, n: int) -> int:
            return n * 3

    pair = Pair()
    got = [pair.double(5), pair.triple(5), pair.triple(5), pair.double(5)]
    assert got == [10, 15, 15, 10], "cached_method(): two cached methods never share results"


def test_overriding_cached_method_calling_super_gets_its_own_cache() -> None:
    class Base:
        @kata.cached_method
        def value(self, n: int) -> int:
            return n

    class Child(Base):
        @kata.cached_method
        def value(self, n: int) -> int:
            return super().value(n) + super().value(n + 1)

    child = Child()
    got = [child.value(1), child.value(2), child.value(1)]
    assert got == [3, 5, 3], (
        "cached_method(): an overriding cached method and the one it calls through super() have "
        "separate caches"
    )


def test_keeps_metadata_on_the_class_and_the_bound_method() -> None:
    class Catalog:
        def price(self, sku: str) -> int:
            """Look up the price of a product."""
            return len(sku)

    original = Catalog.price
    Catalog.price = kata.cached_method(original)  # type: ignore[method-assign]
    catalog = Catalog()
    got = [catalog.price("abc"), Catalog.price(catalog, "abcd")]
    assert got == [3, 4], "cached_method(): obj.method(x) and Class.method(obj, x) both work"
    attrs = ("__name__", "__qualname__", "__doc__", "__module__")
    on_class = {attr: getattr(Catalog.price, attr, "<missing>") for attr in (*attrs, "__wrapped__")}
    want = {attr: getattr(original, attr) for attr in attrs} | {"__wrapped__": original}
    assert on_class == want, (
        "cached_method(): Class.method keeps __name__, __qualname__, __doc__, __module__ and has "
        "__wrapped__ pointing at the original function (functools.wraps)"
    )
    bound = catalog.price
    on_instance = (getattr(bound, "__name__", "<missing>"), getattr(bound, "__doc__", "<missing>"))
    assert on_instance == ("price", original.__doc__), (
        "cached_method(): obj.method reports the original's __name__ and __doc__"
    )
