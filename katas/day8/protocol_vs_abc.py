"""Protocol vs ABC: one contract declared twice — nominally (ABC) and structurally (Protocol).

The contract, "a notifier": ``send(recipient, message) -> bool`` delivers one message and says
whether it was delivered.

*Nominal* — ``Notifier``, an abstract base class. An implementation must inherit from it, and
Python enforces the contract at run time: a subclass that does not implement every
``@abstractmethod`` cannot be instantiated (``TypeError``; mypy reports it as ``[abstract]``).
``@abstractmethod`` alone is not enough — the enforcement comes from ``ABCMeta``, which
inheriting from ``ABC`` provides. In return for inheriting, an ABC can *share behaviour*:
``Notifier.broadcast`` is written once, on top of the abstract ``send``. A class that merely has
a ``send`` method is not a ``Notifier``, neither for ``isinstance`` nor for mypy.

*Structural* — ``SupportsSend``, a ``Protocol``. Anything with a matching ``send`` method is a
``SupportsSend`` for mypy, without inheriting anything: a third-party client, a test double, a
``Notifier`` subclass. Nothing is enforced at run time; ``@runtime_checkable`` allows
``isinstance(obj, SupportsSend)``, which only checks that a ``send`` attribute exists — not its
signature.

Given (part of the spec, do not change them): the declarations of ``Notifier.send`` and of
``SupportsSend``. Write ``broadcast`` (for any ``SupportsSend``), the ABC's template method
``Notifier.broadcast``, a nominal implementation ``OutboxNotifier(Notifier)`` and a structural
one, ``CallbackSender``, which must *not* inherit from ``Notifier``.

Both sides are graded: at run time (an incomplete ``Notifier`` subclass is refused;
``isinstance`` results) and by mypy (a plain class with the right ``send`` is accepted where
``SupportsSend`` is expected and rejected where ``Notifier`` is; one with a wrong ``send``
signature is rejected).

Example::

    >>> outbox = OutboxNotifier(unreachable=["bob"])
    >>> outbox.broadcast(["ann", "bob", "ann", "cy"], "deploy done")
    ['bob']
    >>> outbox.outbox
    [('ann', 'deploy done'), ('cy', 'deploy done')]
    >>> seen = []
    >>> broadcast(CallbackSender(lambda to, text: seen.append(to) is None), ["x", "y"], "hi")
    []
    >>> seen
    ['x', 'y']
"""

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
        raise NotImplementedError


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
    raise NotImplementedError


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
        raise NotImplementedError

    def send(self, recipient: str, message: str) -> bool:
        """Append ``(recipient, message)`` to ``outbox`` unless the recipient is unreachable."""
        raise NotImplementedError


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
        raise NotImplementedError

    def send(self, recipient: str, message: str) -> bool:
        """Return ``callback(recipient, message)``."""
        raise NotImplementedError
