"""Type cases for day8.protocol_vs_abc: nominal for the ABC, structural for the Protocol."""

from typing import assert_type

from day8.protocol_vs_abc import CallbackSender, Notifier, OutboxNotifier, SupportsSend, broadcast


class Duck:
    """A matching send() and no base class."""

    def send(self, recipient: str, message: str) -> bool:
        return True


class WrongDuck:
    """send() without the message parameter: not the contract."""

    def send(self, recipient: str) -> bool:
        return True


class NoneDuck:
    """send() that returns nothing: not the contract either."""

    def send(self, recipient: str, message: str) -> None:
        pass


def reachable(recipient: str) -> bool:
    return True


class Incomplete(Notifier):
    """Inherits from the ABC but never implements send()."""


class Complete(Notifier):
    def send(self, recipient: str, message: str) -> bool:
        return False


# Structural: anything with a matching send() is a SupportsSend.
assert_type(broadcast(Duck(), ["ann"], "hi"), list[str])
broadcast(OutboxNotifier(), ["ann"], "hi")
broadcast(CallbackSender(lambda recipient, message: True), ["ann"], "hi")
broadcast(Complete(), [], "hi")
as_protocol: SupportsSend = CallbackSender(lambda recipient, message: True)
broadcast(WrongDuck(), ["ann"], "hi")  # type: ignore[arg-type]
broadcast(NoneDuck(), ["ann"], "hi")  # type: ignore[arg-type]
CallbackSender(reachable)  # type: ignore[arg-type]

# Nominal: only subclasses are Notifiers, and the ABC refuses abstract instantiation.
nominal: Notifier = OutboxNotifier()
not_nominal: Notifier = Duck()  # type: ignore[assignment]
not_nominal_either: Notifier = CallbackSender(lambda recipient, message: True)  # type: ignore[assignment]
Notifier()  # type: ignore[abstract]
Incomplete()  # type: ignore[abstract]
assert_type(Complete().broadcast(["ann"], "hi"), list[str])
assert_type(OutboxNotifier(unreachable={"bob"}).outbox, list[tuple[str, str]])
CallbackSender(lambda recipient, message: True).broadcast([], "hi")  # type: ignore[attr-defined]
