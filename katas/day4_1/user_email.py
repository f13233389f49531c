"""User (Entity) with Email (Value Object).

A *value object* is defined entirely by its value: two ``Email("ann@example.com")`` are
interchangeable. It is immutable, equal by value, hashable, and valid from the moment it
exists — so code holding an ``Email`` never re-checks it. An *entity* is defined by its
identity: a ``User`` whose email changes is still the same user, and two users with the same
email but different ids are different users. An entity lives through a lifecycle
(registered, changed, deactivated) and records what happened to it as *domain events*.

``Email(address)``:

* normalises on construction: strips surrounding whitespace, then lower-cases the whole
  address (``" Ann@Example.COM "`` becomes ``"ann@example.com"``);
* validates the normalised address and raises ``InvalidEmail`` (a ``DomainError``) unless:
  it contains no whitespace; it has exactly one ``@``; the part before it (local part) is not
  empty; the part after it (domain) contains at least one ``.``, does not start or end with
  ``.`` and has no two ``.`` in a row. A non-``str`` raises ``TypeError``;
* ``value`` is the normalised address and ``domain`` the part after ``@``; both read-only;
  ``str(email)`` is ``value`` and ``repr(email)`` is ``"Email('ann@example.com')"``;
* equal to another ``Email`` with the same value (never to a plain ``str``; comparing with a
  non-``Email`` returns ``NotImplemented``), hashable consistently with ``==``, and immutable:
  assigning ``value`` or any new attribute raises ``AttributeError``, and mypy rejects
  ``email.value = ...`` (on Python 3.11 a ``@dataclass(frozen=True, slots=True)`` raises
  ``TypeError`` for a new attribute, so it does not meet this).

``User(user_id, email)`` rebuilds an existing user (say, loaded from a database) and records
no event; ``User.register(user_id, email)`` creates a *new* user and records
``UserRegistered``. Then:

* ``id`` (a ``UUID``), ``email`` (an ``Email``) and ``active`` (``True`` until deactivated) are
  read-only properties (``AttributeError`` on assignment, and mypy rejects it): the id never
  changes, and the email changes only through ``change_email`` so that the change is recorded;
* ``change_email(new)``: on an inactive user it always raises ``UserInactive`` (a
  ``DomainError``) and nothing changes — even when ``new`` equals the current email: the
  inactive check comes first. On an active user: if ``new`` equals the current email nothing
  happens (no event); otherwise the email is replaced and ``EmailChanged(user_id, old, new)``
  is recorded;
* ``deactivate()``: marks the user inactive and records ``UserDeactivated``; deactivating an
  inactive user does nothing (no second event);
* ``pull_events()`` returns the events recorded since the previous pull (oldest first) and
  forgets them, so a second pull right after returns ``[]``;
* ``==`` is identity in the domain sense: two ``User`` objects are equal exactly when their
  ids are equal, whatever their email or state (``NotImplemented`` for a non-``User``), and
  ``hash(user)`` depends on the id only, so a user stays findable in a set or as a dict key
  after its email changes. The constructor takes an ``Email``, never a raw ``str``
  (mypy rejects ``User(uid, "ann@example.com")``).

Example::

    >>> from uuid import UUID
    >>> uid = UUID(int=1)
    >>> ann = User.register(uid, Email(" Ann@Example.com "))
    >>> ann.change_email(Email("ann@new.example"))
    >>> [type(event).__name__ for event in ann.pull_events()]
    ['UserRegistered', 'EmailChanged']
    >>> ann == User(uid, Email("someone@else.example")), ann.email
    (True, Email('ann@new.example'))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self
from uuid import UUID


class DomainError(Exception):
    """Base class of this module's domain errors."""


class InvalidEmail(DomainError):
    """An address that is not a valid email after normalisation."""


class UserInactive(DomainError):
    """The operation is not allowed on a deactivated user."""


@dataclass(frozen=True)
class UserRegistered:
    """A new user was registered."""

    user_id: UUID
    email: Email


@dataclass(frozen=True)
class EmailChanged:
    """A user's email changed from ``old`` to ``new``."""

    user_id: UUID
    old: Email
    new: Email


@dataclass(frozen=True)
class UserDeactivated:
    """A user was deactivated."""

    user_id: UUID


Event = UserRegistered | EmailChanged | UserDeactivated


class Email:
    """An email address: normalised, validated, immutable, equal by value."""

    def __init__(self, address: str) -> None:
        """Normalise (strip, lower-case) and validate; ``InvalidEmail`` if invalid.

        >>> Email("  Ann@Example.COM ").value
        'ann@example.com'
        >>> Email("ann@localhost")
        Traceback (most recent call last):
        ...
        day4_1.user_email.InvalidEmail: invalid email address: 'ann@localhost'
        """
        raise NotImplementedError

    @property
    def value(self) -> str:
        """The normalised address."""
        raise NotImplementedError

    @property
    def domain(self) -> str:
        """The part after ``@``.

        >>> Email("ann@mail.example.com").domain
        'mail.example.com'
        """
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        """Equal to an ``Email`` with the same value; ``NotImplemented`` otherwise."""
        raise NotImplementedError

    def __hash__(self) -> int:
        """Consistent with ``==``."""
        raise NotImplementedError

    def __str__(self) -> str:
        """The normalised address."""
        raise NotImplementedError

    def __repr__(self) -> str:
        """``Email('<value>')``."""
        raise NotImplementedError


class User:
    """An entity: identified by ``id``; holds an ``Email``; records its domain events."""

    def __init__(self, user_id: UUID, email: Email) -> None:
        """Rebuild an existing, active user; records no event.

        >>> from uuid import UUID
        >>> User(UUID(int=7), Email("bob@example.com")).pull_events()
        []
        """
        raise NotImplementedError

    @classmethod
    def register(cls, user_id: UUID, email: Email) -> Self:
        """Create a new user and record ``UserRegistered(user_id, email)``.

        >>> from uuid import UUID
        >>> bob = User.register(UUID(int=7), Email("bob@example.com"))
        >>> bob.pull_events() == [UserRegistered(UUID(int=7), Email("bob@example.com"))]
        True
        """
        raise NotImplementedError

    @property
    def id(self) -> UUID:
        """The identity; never changes."""
        raise NotImplementedError

    @property
    def email(self) -> Email:
        """The current email (change it with ``change_email``)."""
        raise NotImplementedError

    @property
    def active(self) -> bool:
        """``False`` once the user has been deactivated."""
        raise NotImplementedError

    def change_email(self, new: Email) -> None:
        """Replace the email and record ``EmailChanged``; no-op if unchanged.

        ``UserInactive`` if the user has been deactivated, even when ``new`` is the current email.
        """
        raise NotImplementedError

    def deactivate(self) -> None:
        """Mark the user inactive and record ``UserDeactivated`` (only the first time)."""
        raise NotImplementedError

    def pull_events(self) -> list[Event]:
        """Return the events recorded since the last pull, oldest first, and forget them."""
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        """Equal exactly when the ids are equal; ``NotImplemented`` for a non-``User``."""
        raise NotImplementedError

    def __hash__(self) -> int:
        """Depends on the id only."""
        raise NotImplementedError
