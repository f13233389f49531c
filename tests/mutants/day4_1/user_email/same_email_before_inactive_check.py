"""Checks for an unchanged email before the inactive check: an inactive user given its current email gets a no-op, not UserInactive."""

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

    __slots__ = ("_value",)

    def __init__(self, address: str) -> None:
        """Normalise (strip, lower-case) and validate; ``InvalidEmail`` if invalid.

        >>> Email("  Ann@Example.COM ").value
        'ann@example.com'
        >>> Email("ann@localhost")
        Traceback (most recent call last):
        ...
        day4_1.user_email.InvalidEmail: invalid email address: 'ann@localhost'
        """
        if not isinstance(address, str):
            raise TypeError(f"an email address must be a str, got {type(address).__name__}")
        value = address.strip().lower()
        if not _is_valid(value):
            raise InvalidEmail(f"invalid email address: {address!r}")
        self._value = value

    @property
    def value(self) -> str:
        """The normalised address."""
        return self._value

    @property
    def domain(self) -> str:
        """The part after ``@``.

        >>> Email("ann@mail.example.com").domain
        'mail.example.com'
        """
        return self._value.partition("@")[2]

    def __eq__(self, other: object) -> bool:
        """Equal to an ``Email`` with the same value; ``NotImplemented`` otherwise."""
        if not isinstance(other, Email):
            return NotImplemented
        return self._value == other._value

    def __hash__(self) -> int:
        """Consistent with ``==``."""
        return hash(self._value)

    def __str__(self) -> str:
        """The normalised address."""
        return self._value

    def __repr__(self) -> str:
        """``Email('<value>')``."""
        return f"Email({self._value!r})"


def _is_valid(address: str) -> bool:
    if any(char.isspace() for char in address) or address.count("@") != 1:
        return False
    local, _, domain = address.partition("@")
    return (
        bool(local)
        and "." in domain
        and not domain.startswith(".")
        and not domain.endswith(".")
        and ".." not in domain
    )


class User:
    """An entity: identified by ``id``; holds an ``Email``; records its domain events."""

    def __init__(self, user_id: UUID, email: Email) -> None:
        """Rebuild an existing, active user; records no event.

        >>> from uuid import UUID
        >>> User(UUID(int=7), Email("bob@example.com")).pull_events()
        []
        """
        self._id = user_id
        self._email = email
        self._active = True
        self._events: list[Event] = []

    @classmethod
    def register(cls, user_id: UUID, email: Email) -> Self:
        """Create a new user and record ``UserRegistered(user_id, email)``.

        >>> from uuid import UUID
        >>> bob = User.register(UUID(int=7), Email("bob@example.com"))
        >>> bob.pull_events() == [UserRegistered(UUID(int=7), Email("bob@example.com"))]
        True
        """
        user = cls(user_id, email)
        user._events.append(UserRegistered(user_id, email))
        return user

    @property
    def id(self) -> UUID:
        """The identity; never changes."""
        return self._id

    @property
    def email(self) -> Email:
        """The current email (change it with ``change_email``)."""
        return self._email

    @property
    def active(self) -> bool:
        """``False`` once the user has been deactivated."""
        return self._active

    def change_email(self, new: Email) -> None:
        """Replace the email and record ``EmailChanged``; no-op if unchanged.

        ``UserInactive`` if the user has been deactivated, even when ``new`` is the current email.
        """
        if new == self._email:
            return
        if not self._active:
            raise UserInactive(f"user {self._id} is inactive")
        old, self._email = self._email, new
        self._events.append(EmailChanged(self._id, old, new))

    def deactivate(self) -> None:
        """Mark the user inactive and record ``UserDeactivated`` (only the first time)."""
        if not self._active:
            return
        self._active = False
        self._events.append(UserDeactivated(self._id))

    def pull_events(self) -> list[Event]:
        """Return the events recorded since the last pull, oldest first, and forget them."""
        events, self._events = self._events, []
        return events

    def __eq__(self, other: object) -> bool:
        """Equal exactly when the ids are equal; ``NotImplemented`` for a non-``User``."""
        if not isinstance(other, User):
            return NotImplemented
        return self._id == other._id

    def __hash__(self) -> int:
        """Depends on the id only."""
        return hash(self._id)
