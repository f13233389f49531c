"""Grader for day8.protocol_vs_abc: the run-time side of ABC vs Protocol, and broadcast().

The type-level side (a plain class accepted as ``SupportsSend`` but not as ``Notifier``, a wrong
``send`` signature rejected, ``[abstract]`` instantiation errors) is graded by
``typecases/protocol_vs_abc.py``.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day8 import protocol_vs_abc as kata


def call(rule: str, func: Any, /, *args: Any, **kwargs: Any) -> Any:
    """Call learner code; an unexpected exception fails with the rule (the stub's propagates)."""
    try:
        return func(*args, **kwargs)
    except NotImplementedError:
        raise
    except Exception as exc:
        pytest.fail(f"{rule} — it raised {type(exc).__name__}: {exc}")


def expect_raises(exc_type: type[Exception], rule: str, func: Any, /, *args: Any) -> Exception:
    """Call code expecting ``exc_type``; the stub's NotImplementedError propagates."""
    try:
        got = func(*args)
    except NotImplementedError:
        raise
    except exc_type as caught:
        return caught
    except Exception as other:
        pytest.fail(f"{rule} — it raised {type(other).__name__}: {other}")
    pytest.fail(f"{rule} — it returned {_shown(got)}")


def _shown(value: object) -> str:
    """A value for a message, without the grader's module path in it."""
    if isinstance(value, (type(None), bool, int, float, str, list, tuple, dict, set)):
        return repr(value)
    return f"an instance of {type(value).__name__}"


class Duck:
    """Has a matching send() and inherits nothing: a structural notifier."""

    def __init__(self, failing: frozenset[str] = frozenset()) -> None:
        self.failing = failing
        self.sent: list[tuple[str, str]] = []

    def send(self, recipient: str, message: str) -> bool:
        self.sent.append((recipient, message))
        return recipient not in self.failing


def make_flaky(failing: frozenset[str]) -> Any:
    """A complete Notifier subclass written by someone else: it inherits broadcast()."""

    class Flaky(kata.Notifier):
        def __init__(self) -> None:
            self.sent: list[str] = []

        def send(self, recipient: str, message: str) -> bool:
            self.sent.append(recipient)
            return recipient not in failing

    return Flaky()


def first_seen(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


recipients = st.lists(st.sampled_from(["ann", "bob", "cy", "di", "ed"]), max_size=8)
failing_sets = st.frozensets(st.sampled_from(["ann", "bob", "cy", "di", "ed"]))


def test_abc_refuses_instances_while_send_is_missing() -> None:
    complete = kata.OutboxNotifier()
    assert isinstance(complete, kata.Notifier), "OutboxNotifier inherits from Notifier"

    class Incomplete(kata.Notifier):
        """Inherits broadcast() but never implements send()."""

    expect_raises(
        TypeError,
        "Notifier: a subclass that does not implement the abstract send() cannot be "
        "instantiated — TypeError (send needs @abstractmethod, and Notifier must inherit ABC)",
        Incomplete,
    )
    expect_raises(
        TypeError, "Notifier itself is abstract: Notifier() raises TypeError", kata.Notifier
    )


@settings(max_examples=40)
@given(items=recipients, failing=failing_sets)
@example(items=[], failing=frozenset())
@example(items=["ann", "bob", "ann", "cy"], failing=frozenset({"bob"}))
@example(items=["bob", "bob"], failing=frozenset({"bob"}))
def test_broadcast_accepts_any_structural_notifier(
    items: list[str], failing: frozenset[str]
) -> None:
    duck = Duck(failing)
    got = call(
        "broadcast(): any object with a matching send() is accepted",
        kata.broadcast,
        duck,
        iter(items),
        "m",
    )
    order = first_seen(items)
    assert duck.sent == [(r, "m") for r in order], (
        "broadcast(): send(recipient, message) once per distinct recipient, in the order "
        "recipients first appear (repeats skipped; the iterable is read once)"
    )
    assert got == [r for r in order if r in failing], (
        "broadcast(): returns the recipients whose send() returned False, in send order"
    )


@settings(max_examples=40)
@given(items=recipients, failing=failing_sets)
@example(items=["ann", "bob", "ann"], failing=frozenset({"ann"}))
def test_the_abc_template_method_is_inherited(items: list[str], failing: frozenset[str]) -> None:
    flaky = make_flaky(failing)
    got = call("Notifier.broadcast(): a complete subclass inherits it", flaky.broadcast, items, "m")
    order = first_seen(items)
    assert flaky.sent == order, (
        "Notifier.broadcast(): written once in the ABC, it calls the subclass's send() once "
        "per distinct recipient, in first-seen order"
    )
    assert got == [r for r in order if r in failing], (
        "Notifier.broadcast(): the same result as broadcast() — the recipients whose send() "
        "returned False"
    )


def test_broadcast_lets_a_send_exception_propagate() -> None:
    class Exploding:
        def __init__(self) -> None:
            self.tried: list[str] = []

        def send(self, recipient: str, message: str) -> bool:
            self.tried.append(recipient)
            if recipient == "bob":
                raise ConnectionError("smtp down")
            return True

    sender = Exploding()
    expect_raises(
        ConnectionError,
        "broadcast(): an exception raised by send() propagates",
        kata.broadcast,
        sender,
        ["ann", "bob", "cy"],
        "m",
    )
    assert sender.tried == ["ann", "bob"], (
        "broadcast(): after send() raises, the remaining recipients are not tried"
    )


def test_outbox_notifier_records_what_it_delivers() -> None:
    notifier = kata.OutboxNotifier(unreachable=["bob"])
    results = [
        notifier.send("ann", "hi"),
        notifier.send("bob", "hi"),
        notifier.send("ann", "again"),
    ]
    assert results == [True, False, True], (
        "OutboxNotifier.send(): False for an unreachable recipient, True otherwise"
    )
    assert notifier.outbox == [("ann", "hi"), ("ann", "again")], (
        "OutboxNotifier.send(): each delivered (recipient, message) is appended to outbox; an "
        "unreachable recipient's message is not recorded"
    )


def test_outbox_notifiers_have_their_own_outbox() -> None:
    first = kata.OutboxNotifier()
    first.send("ann", "hi")
    second = kata.OutboxNotifier(unreachable=iter(["x"]))
    assert second.outbox == [], "OutboxNotifier: every instance starts with its own empty outbox"
    failed = second.broadcast(["x", "y"], "m")
    assert (failed, second.outbox) == (["x"], [("y", "m")]), (
        "OutboxNotifier: inherits broadcast() from Notifier; unreachable may be any iterable"
    )


def test_callback_sender_is_structural_only() -> None:
    calls: list[tuple[str, str]] = []

    def deliver(recipient: str, message: str) -> bool:
        calls.append((recipient, message))
        return recipient != "bob"

    sender = kata.CallbackSender(deliver)
    got = [sender.send("ann", "a"), sender.send("bob", "b")]
    assert (got, calls) == ([True, False], [("ann", "a"), ("bob", "b")]), (
        "CallbackSender.send(recipient, message): calls callback(recipient, message) and "
        "returns its result"
    )
    failed = call(
        "broadcast(): a CallbackSender is a SupportsSend",
        kata.broadcast,
        sender,
        ["bob", "cy"],
        "m",
    )
    assert failed == ["bob"], "broadcast(): works with a CallbackSender"
    assert not isinstance(sender, kata.Notifier), (
        "CallbackSender must not inherit from Notifier: it is a notifier structurally only"
    )


def test_runtime_checks_nominal_vs_structural() -> None:
    outbox, sender = kata.OutboxNotifier(), kata.CallbackSender(lambda r, m: True)
    got = {
        "OutboxNotifier is a Notifier": isinstance(outbox, kata.Notifier),
        "OutboxNotifier is a SupportsSend": isinstance(outbox, kata.SupportsSend),
        "CallbackSender is a Notifier": isinstance(sender, kata.Notifier),
        "CallbackSender is a SupportsSend": isinstance(sender, kata.SupportsSend),
        "Duck is a Notifier": isinstance(Duck(), kata.Notifier),
        "Duck is a SupportsSend": isinstance(Duck(), kata.SupportsSend),
        "object() is a SupportsSend": isinstance(object(), kata.SupportsSend),
    }
    want = {
        "OutboxNotifier is a Notifier": True,
        "OutboxNotifier is a SupportsSend": True,
        "CallbackSender is a Notifier": False,
        "CallbackSender is a SupportsSend": True,
        "Duck is a Notifier": False,
        "Duck is a SupportsSend": True,
        "object() is a SupportsSend": False,
    }
    assert got == want, (
        "isinstance(): Notifier is nominal (only subclasses), SupportsSend is a "
        "@runtime_checkable Protocol (anything with a send attribute)"
    )
