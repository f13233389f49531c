"""Grader: bounded queue, by a rule-based state machine against a plain-list model."""

from collections import deque
from typing import Any, cast

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from day2.bounded_queue import BoundedQueue, OverflowPolicy, QueueEmpty, QueueFull


class QueueVersusList(RuleBasedStateMachine):
    """Every operation on the queue is mirrored on a list that obeys the spec."""

    queue: BoundedQueue[int]
    model: list[int]
    maxlen: int
    policy: OverflowPolicy

    @initialize(
        maxlen=st.integers(min_value=1, max_value=4),
        policy=st.sampled_from(["drop_oldest", "reject"]),
    )
    def create(self, maxlen: int, policy: OverflowPolicy) -> None:
        self.queue = BoundedQueue(maxlen, on_full=policy)
        self.model, self.maxlen, self.policy = [], maxlen, policy

    @rule(item=st.integers(min_value=0, max_value=9))
    def push(self, item: int) -> None:
        if len(self.model) < self.maxlen:
            self.queue.push(item)
            self.model.append(item)
        elif self.policy == "drop_oldest":
            self.queue.push(item)
            self.model = self.model[1:] + [item]
            got = list(self.queue)
            assert got == self.model, (
                "push() on a full 'drop_oldest' queue discards the item at the front and adds "
                "the new item at the back"
            )
        else:
            try:
                self.queue.push(item)
            except QueueFull:
                pass
            else:
                pytest.fail("push() on a full 'reject' queue raises QueueFull")
            got = list(self.queue)
            assert got == self.model, "a rejected push() leaves the queue exactly as it was"

    @rule()
    def pop(self) -> None:
        if not self.model:
            try:
                got = self.queue.pop()
            except QueueEmpty:
                return
            pytest.fail(f"pop() on an empty queue raises QueueEmpty, it returned {got!r}")
        got, want = self.queue.pop(), self.model.pop(0)
        assert got == want, "pop() removes and returns the oldest item (FIFO)"

    @rule()
    def peek(self) -> None:
        if not self.model:
            try:
                got = self.queue.peek()
            except QueueEmpty:
                return
            pytest.fail(f"peek() on an empty queue raises QueueEmpty, it returned {got!r}")
        got, want = self.queue.peek(), self.model[0]
        assert got == want, "peek() returns the oldest item without removing it"

    @invariant()
    def same_items_in_same_order(self) -> None:
        got = list(self.queue)
        assert got == self.model, "iterating goes from the oldest item to the newest"
        again = list(self.queue)
        assert again == self.model, "iterating does not remove items: a second pass sees them all"

    @invariant()
    def size_and_truthiness(self) -> None:
        got = len(self.queue)
        assert got == len(self.model), "len(q) is the number of items in the queue"
        assert bool(self.queue) == bool(self.model), "an empty queue is falsy, a non-empty truthy"
        full = self.queue.is_full()
        assert full == (len(self.model) == self.maxlen), "is_full() is len(q) == maxlen"
        assert self.queue.maxlen == self.maxlen, "maxlen is the value given to the constructor"


QueueVersusList.TestCase.settings = settings(max_examples=40, stateful_step_count=20)
TestQueueAgainstListModel = QueueVersusList.TestCase


def _deques_inside(queue: object) -> list[deque[Any]]:
    """The deques among the instance's attributes (``__dict__`` and ``__slots__``)."""
    values: list[object] = [queue, *getattr(queue, "__dict__", {}).values()]
    for klass in type(queue).__mro__:
        slots = getattr(klass, "__slots__", ())
        for name in [slots] if isinstance(slots, str) else slots:
            if name.startswith("__") and not name.endswith("__"):
                name = f"_{klass.__name__.lstrip('_')}{name}"
            values.append(getattr(queue, name, None))
    return [v for v in values if isinstance(v, deque)]


def test_items_live_in_a_deque() -> None:
    queue = BoundedQueue[str](5)
    for item in "abc":
        queue.push(item)
    queue.pop()
    sizes = [len(d) for d in _deques_inside(queue)]
    assert 2 in sizes, (
        "the items are kept in a collections.deque held by the instance (O(1) at both ends; "
        "list.pop(0) is O(n))"
    )


def test_pop_returns_the_pushed_object_itself() -> None:
    queue = BoundedQueue[list[int]](2)
    first, second = [1], [1]
    queue.push(first)
    queue.push(second)
    got = queue.pop()
    assert got is first, "pop() returns the very object that was pushed first"


@pytest.mark.parametrize("maxlen", [0, -1])
def test_maxlen_below_one_is_rejected(maxlen: int) -> None:
    try:
        BoundedQueue[int](maxlen)
    except ValueError:
        return
    pytest.fail(f"BoundedQueue({maxlen}): a maxlen less than 1 raises ValueError")


def test_unknown_policy_is_rejected() -> None:
    try:
        BoundedQueue[int](2, on_full=cast(OverflowPolicy, "drop_newest"))
    except ValueError:
        return
    pytest.fail("BoundedQueue(2, on_full='drop_newest'): an unknown policy raises ValueError")


@pytest.mark.parametrize("policy", ["drop_oldest", "reject"])
def test_policy_is_reported(policy: OverflowPolicy) -> None:
    queue = BoundedQueue[int](1, on_full=policy)
    assert queue.on_full == policy, "on_full is the policy given to the constructor"


def test_default_policy_is_drop_oldest() -> None:
    queue = BoundedQueue[int](1)
    queue.push(1)
    queue.push(2)
    assert queue.on_full == "drop_oldest", "the default overflow policy is 'drop_oldest'"
    got = list(queue)
    assert got == [2], "the default overflow policy is 'drop_oldest'"


@pytest.mark.parametrize("method", ["pop", "peek"])
def test_empty_queue_raises_queue_empty(method: str) -> None:
    queue = BoundedQueue[int](3)
    try:
        got = getattr(queue, method)()
    except QueueEmpty:
        return
    except IndexError as exc:
        pytest.fail(f"{method}() on an empty queue raises QueueEmpty, not {exc!r}")
    pytest.fail(f"{method}() on an empty queue raises QueueEmpty, it returned {got!r}")
