"""Stops broadcasting at the first failed send instead of trying every recipient."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from typing import Protocol, runtime_checkable


class Notifier(ABC):
    """The nominal contract: inherit from it and implement ``send``; ``broadcast`` comes free."""

    @abstractmethod
    def send(self, recipient: str, message: str) -> bool:
        """Deliver ``message`` to ``recipient``; ``True`` if it was delivered."""

    def broadcast(self, recipients: Iterable[str], message: str) -> list[str]:
        """Send ``message`` to every recipient; the same rules and result as ``broadcast()``.

        A template method: written once here, on top of the abstract ``send``, and inherited by
        every subclass.
        """
        return broadcast(self, recipients, message)


@runtime_checkable
class SupportsSend(Protocol):
    """The structural contract: anything with this ``send`` method."""

    def send(self, recipient: str, message: str) -> bool:
        """Deliver ``message`` to ``recipient``; ``True`` if it was delivered."""


def broadcast(notifier: SupportsSend, recipients: Iterable[str], message: str) -> list[str]:
    """Send ``message`` to each distinct recipient once; return those it could not reach.

    Recipients are sent to in the order they first appear in ``recipients`` (read once, so a
    generator is fine); a repeated recipient is skipped. The result lists the recipients whose
    ``send`` returned ``False``, in that same order (``[]`` when every message was delivered).
    An exception raised by ``send`` propagates, and the remaining recipients are not tried.

    Works with *any* object that has a matching ``send`` — it does not need to be a
    ``Notifier``.

    >>> class Printer:
    ...     def send(self, recipient: str, message: str) -> bool:
    ...         print(f"{recipient}: {message}")
    ...         return recipient != "nobody"
    >>> broadcast(Printer(), ["ann", "nobody", "ann"], "hi")
    ann: hi
    nobody: hi
    ['nobody']
    """
    seen: set[str] = set()
    failed: list[str] = []
    for recipient in recipients:
        if recipient in seen:
            continue
        seen.add(recipient)
        if not notifier.send(recipient, message):
            failed.append(recipient)
            break
    return failed


class OutboxNotifier(Notifier):
    """A ``Notifier`` that delivers into a list: a test double, or a transactional outbox.

    ``send`` to a recipient listed in ``unreachable`` returns ``False`` and records nothing;
    any other ``send`` appends ``(recipient, message)`` to ``outbox`` and returns ``True``.
    Each instance has its own ``outbox``, which starts empty.

    >>> notifier = OutboxNotifier()
    >>> notifier.send("ann", "hello")
    True
    >>> notifier.outbox
    [('ann', 'hello')]
    """

    unreachable: frozenset[str]
    outbox: list[tuple[str, str]]

    def __init__(self, unreachable: Iterable[str] = ()) -> None:
        """Remember the unreachable recipients; start with an empty ``outbox``."""
        self.unreachable = frozenset(unreachable)
        self.outbox = []

    def send(self, recipient: str, message: str) -> bool:
        """Append ``(recipient, message)`` to ``outbox`` unless the recipient is unreachable."""
        if recipient in self.unreachable:
            return False
        self.outbox.append((recipient, message))
        return True


class CallbackSender:
    """A structural ``SupportsSend`` around a plain function; it does *not* inherit ``Notifier``.

    ``send(recipient, message)`` calls ``callback(recipient, message)`` and returns its result.
    So it can be passed to ``broadcast()``, and mypy accepts it wherever ``SupportsSend`` is
    expected — but it is not a ``Notifier`` (no ``broadcast`` method, ``isinstance`` is
    ``False``, and mypy rejects it where a ``Notifier`` is expected).

    >>> sender = CallbackSender(lambda to, text: to.endswith("@example.com"))
    >>> sender.send("ann@example.com", "hi"), sender.send("ann@elsewhere.org", "hi")
    (True, False)
    """

    def __init__(self, callback: Callable[[str, str], bool]) -> None:
        """Keep ``callback`` for ``send`` to call."""
        self._callback = callback

    def send(self, recipient: str, message: str) -> bool:
        """Return ``callback(recipient, message)``."""
        return self._callback(recipient, message)
