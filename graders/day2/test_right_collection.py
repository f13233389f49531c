"""Grader: right collection — results, and costs counted on instrumented items (no clock)."""

from collections import Counter
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from day2.right_collection import index_in_sorted, unique_in_order

calls: Counter[str] = Counter()


class Item:
    """A value that counts every hash and comparison made on it (in ``calls``)."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"Item({self.value})"

    def __hash__(self) -> int:
        calls["hash"] += 1
        return hash(self.value)

    def __eq__(self, other: object) -> bool:
        calls["eq"] += 1
        return isinstance(other, Item) and self.value == other.value

    def __lt__(self, other: "Item") -> bool:
        calls["order"] += 1
        return self.value < other.value

    def __le__(self, other: "Item") -> bool:
        calls["order"] += 1
        return self.value <= other.value

    def __gt__(self, other: "Item") -> bool:
        calls["order"] += 1
        return self.value > other.value

    def __ge__(self, other: "Item") -> bool:
        calls["order"] += 1
        return self.value >= other.value


def items_of(values: list[int]) -> list[Item]:
    return [Item(v) for v in values]


def first_occurrences(items: list[Any]) -> list[Any]:
    kept: list[Any] = []
    for item in items:
        if all(item != seen for seen in kept):
            kept.append(item)
    return kept


@settings(max_examples=50)
@given(st.lists(st.integers(min_value=0, max_value=9), max_size=40))
@example([3, 1, 3, 2, 1])
@example([1, 0])
@example([])
def test_unique_in_order_keeps_first_occurrences_in_order(values: list[int]) -> None:
    items = items_of(values)
    got = unique_in_order(items)
    want = first_occurrences(items)
    assert [i.value for i in got] == [i.value for i in want], (
        "unique_in_order(): distinct items, in order of first occurrence"
    )
    assert all(g is w for g, w in zip(got, want)), (
        "unique_in_order(): of equal items, the first one is kept (that very object)"
    )


def test_unique_in_order_accepts_a_generator() -> None:
    got = unique_in_order(letter for letter in "mississippi")
    assert got == ["m", "i", "s", "p"], "unique_in_order(): items may be a one-shot generator"


def test_unique_in_order_is_linear() -> None:
    values = [v % 400 for v in range(800)]  # 400 distinct values, each seen twice
    items = items_of(values)
    calls.clear()
    got = unique_in_order(items)
    assert len(got) == 400, "unique_in_order(): distinct items, in order of first occurrence"
    assert calls["eq"] <= 2 * len(items), (
        f"unique_in_order(): at most 2 __eq__ calls per item (O(n)); 800 items took "
        f"{calls['eq']} — is membership checked in a list?"
    )
    assert calls["hash"] <= 2 * len(items), (
        f"unique_in_order(): at most 2 __hash__ calls per item; 800 items took {calls['hash']}"
    )


def budget(n: int) -> int:
    return 2 * n.bit_length() + 1


def first_index(values: list[int], target: int) -> int | None:
    for index, value in enumerate(values):
        if value == target:
            return index
    return None


@settings(max_examples=50)
@given(st.lists(st.integers(min_value=0, max_value=20), max_size=60).map(sorted),
       st.integers(min_value=-1, max_value=21))
@example([1, 3, 3, 3, 7], 3)
@example([1, 3, 7], 4)
@example([], 1)
@example([5], 5)
@example([2, 2, 2, 2], 2)
def test_index_in_sorted_finds_the_first_equal_item(values: list[int], target: int) -> None:
    items = items_of(values)
    calls.clear()
    got = index_in_sorted(items, Item(target))
    used = calls["eq"] + calls["order"]
    assert got == first_index(values, target), (
        "index_in_sorted(): the index of the first item equal to target, None if there is none"
    )
    limit = budget(len(items))
    assert used <= limit, (
        f"index_in_sorted(): at most 2 * n.bit_length() + 1 comparisons (O(log n)); "
        f"{len(items)} items took {used}"
    )


def test_index_in_sorted_is_logarithmic() -> None:
    values = sorted(v // 2 for v in range(1000))  # 500 distinct values, each twice
    items = items_of(values)
    for target in (0, 250, 499, 500, -1):
        calls.clear()
        got = index_in_sorted(items, Item(target))
        used = calls["eq"] + calls["order"]
        want = 2 * target if 0 <= target < 500 else None
        assert got == want, (
            "index_in_sorted(): the index of the first item equal to target, None if there is none"
        )
        limit = budget(len(items))
        assert used <= limit, (
            f"index_in_sorted(): at most 2 * n.bit_length() + 1 = 21 comparisons for 1000 items "
            f"(O(log n): binary search, see bisect); looking up {target} took {used}"
        )


def test_index_in_sorted_is_logarithmic_on_one_long_run() -> None:
    values = [0] * 3 + [1] * 1000 + [2] * 3
    items = items_of(values)
    calls.clear()
    got = index_in_sorted(items, Item(1))
    used = calls["eq"] + calls["order"]
    assert got == 3, (
        "index_in_sorted(): the index of the first item equal to target, None if there is none"
    )
    limit = budget(len(items))
    assert used <= limit, (
        f"index_in_sorted(): at most 2 * n.bit_length() + 1 = {limit} comparisons "
        f"for {len(items)} items, however many are equal to target; it took {used}"
    )


@settings(max_examples=50)
@given(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=120).map(sorted),
       st.integers(min_value=0, max_value=3))
@example([5] * 31, 5)
@example([4] + [5] * 30, 5)
@example([5] * 30 + [6], 5)
def test_index_in_sorted_stays_logarithmic_through_runs_of_equal_items(
    values: list[int], target: int
) -> None:
    items = items_of(values)
    calls.clear()
    got = index_in_sorted(items, Item(target))
    used = calls["eq"] + calls["order"]
    assert got == first_index(values, target), (
        "index_in_sorted(): the index of the first item equal to target, None if there is none"
    )
    limit = budget(len(items))
    assert used <= limit, (
        f"index_in_sorted(): at most 2 * n.bit_length() + 1 comparisons (O(log n)), duplicates "
        f"or not -- do not walk left one item at a time through equal items; {len(items)} items "
        f"took {used}"
    )


def test_index_in_sorted_works_on_plain_values() -> None:
    got = index_in_sorted(["ant", "bee", "cat"], "cat")
    assert got == 2, "index_in_sorted(): works for any items that support <, strs included"
