"""Normalizes only the email asked for in find_by_email, not the stored ones: a user saved as ' Ann@X.io' is registered twice."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar


class HasId(Protocol):
    """Anything with a read-only integer ``id``.

    A read-only property, not a bare ``id: int``: a protocol *attribute* would demand that
    ``id`` be settable, and a frozen dataclass such as ``User`` would not match.
    """

    @property
    def id(self) -> int:
        """The entity's identity; two entities with the same id are the same entity."""


T = TypeVar("T", bound=HasId)


class Repository(Protocol[T]):
    """Storage of entities of type ``T``, keyed by their ``id``."""

    def get(self, entity_id: int) -> T | None:
        """The entity whose ``id`` is ``entity_id``, or ``None`` when there is none."""

    def save(self, entity: T) -> None:
        """Store ``entity``: insert it, or replace the entity that has the same ``id``."""

    def delete(self, entity_id: int) -> bool:
        """Remove the entity with this id; ``True`` if there was one, ``False`` otherwise."""

    def list_all(self) -> list[T]:
        """Every stored entity, ordered by ``id`` ascending, as a new list."""


class InMemoryRepository(Generic[T]):
    """A ``Repository[T]`` kept in a dict, for tests and prototypes.

    Each instance has its own storage (two repositories never share entities). Semantics are
    exactly those documented on ``Repository``: ``save`` inserts or replaces by ``id``,
    ``get`` returns the stored object itself or ``None``, ``delete`` says whether something
    was removed, ``list_all`` returns a new list ordered by ``id`` (changing that list does not
    change the repository).

    >>> repo = InMemoryRepository[User]()
    >>> repo.save(User(2, "b@example.com", "B"))
    >>> repo.save(User(1, "a@example.com", "A"))
    >>> [user.id for user in repo.list_all()]
    [1, 2]
    >>> repo.delete(2), repo.delete(2), repo.get(2)
    (True, False, None)
    """

    def __init__(self) -> None:
        """Start empty."""
        self._items: dict[int, T] = {}

    def get(self, entity_id: int) -> T | None:
        """The entity whose ``id`` is ``entity_id``, or ``None`` when there is none."""
        return self._items.get(entity_id)

    def save(self, entity: T) -> None:
        """Store ``entity``: insert it, or replace the entity that has the same ``id``."""
        self._items[entity.id] = entity

    def delete(self, entity_id: int) -> bool:
        """Remove the entity with this id; ``True`` if there was one, ``False`` otherwise."""
        return self._items.pop(entity_id, None) is not None

    def list_all(self) -> list[T]:
        """Every stored entity, ordered by ``id`` ascending, as a new list."""
        return [self._items[key] for key in sorted(self._items)]


@dataclass(frozen=True)
class User:
    """A registered user. Immutable: a change is a new ``User`` saved in place of the old."""

    id: int
    email: str
    name: str
    active: bool = True


class UserService:
    """User registration and lookups, on top of any ``Repository[User]``.

    Emails are compared *normalized*: surrounding whitespace stripped, lower-cased.
    """

    def __init__(self, users: Repository[User]) -> None:
        """Use ``users`` as the only source of truth (the service keeps no state of its own)."""
        self._users = users

    def register(self, email: str, name: str) -> User:
        """Create, save and return a new active user.

        - ``email`` is normalized (stripped, lower-cased) and must then contain exactly one
          ``@`` with at least one character on each side;
        - ``name`` is stripped and must not be empty;
        - the id is one more than the highest id in the repository at the time of the call
          (``1`` when it is empty) — not a counter kept by the service, not the number of users.

        Raises:
            ValueError: the email or the name is invalid, or a user with the same normalized
                email is already in the repository (active or not). The stored email is
                normalized for that comparison too: another writer may have saved one as typed.

        >>> service = UserService(InMemoryRepository[User]())
        >>> service.register("ann@example.com", "  Ann ")
        User(id=1, email='ann@example.com', name='Ann', active=True)
        >>> service.register("ANN@example.com", "Ann again")
        Traceback (most recent call last):
        ...
        ValueError: email already registered: 'ann@example.com'
        """
        normalized = _normalize(email)
        local, at, domain = normalized.partition("@")
        if not (at and local and domain) or "@" in domain:
            raise ValueError(f"invalid email: {email!r}")
        clean_name = name.strip()
        if not clean_name:
            raise ValueError("name must not be blank")
        if self.find_by_email(normalized) is not None:
            raise ValueError(f"email already registered: {normalized!r}")
        next_id = max((user.id for user in self._users.list_all()), default=0) + 1
        user = User(id=next_id, email=normalized, name=clean_name)
        self._users.save(user)
        return user

    def get(self, user_id: int) -> User:
        """The user with this id.

        Raises:
            KeyError: there is no such user (the key error's argument is ``user_id``).
        """
        user = self._users.get(user_id)
        if user is None:
            raise KeyError(user_id)
        return user

    def find_by_email(self, email: str) -> User | None:
        """The user whose email equals ``email`` once both are normalized, or ``None``.

        Both: a user saved by another writer as ``" Ann@Example.com"`` is found by
        ``find_by_email("ann@example.com")``.
        """
        wanted = _normalize(email)
        return next((u for u in self._users.list_all() if u.email == wanted), None)

    def deactivate(self, user_id: int) -> User:
        """Save and return the user with ``active=False`` (a new ``User``; other fields kept).

        Deactivating an inactive user is fine: it stays inactive.

        Raises:
            KeyError: there is no such user.
        """
        user = dataclasses.replace(self.get(user_id), active=False)
        self._users.save(user)
        return user

    def active_users(self) -> list[User]:
        """The active users, ordered by id."""
        return [user for user in self._users.list_all() if user.active]


def _normalize(email: str) -> str:
    return email.strip().lower()
