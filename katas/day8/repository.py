"""Typed service interface: a service that depends on a generic repository ``Protocol`` only.

The service layer should not know where its data lives. ``UserService`` talks to storage
through ``Repository[User]`` — a ``Protocol``: *any* class with matching ``get``/``save``/
``delete``/``list_all`` methods is a repository, without inheriting from anything (an in-memory
one for tests, a SQL one in production, a third-party client you cannot change). mypy checks
the match structurally, where a repository is passed in, and rejects a class whose methods do
not fit (a ``get`` taking a ``str`` id, a missing ``delete``).

Given (part of the spec, do not change them): ``HasId``, the ``Repository`` Protocol and the
``User`` dataclass. Write:

- ``InMemoryRepository[T]`` — a generic, dict-backed repository for any ``T`` that has an
  ``id``. It conforms to ``Repository[T]`` structurally; inheriting from ``Repository`` is
  allowed but not needed.
- ``UserService`` — registration and lookups on top of *any* ``Repository[User]``. It uses the
  repository's four methods and nothing else (no peeking at ``_items``), and keeps no state of
  its own: another writer may have saved users into the same repository, and the service must
  see them.

Type-level rules, graded by mypy through type cases: a class that merely *has* the right
methods is accepted by ``UserService(...)``; one with a wrong method signature is an
``arg-type`` error; ``InMemoryRepository[User]().get(1)`` is ``User | None`` to mypy (so the
repository must be generic, not typed with ``HasId`` or ``Any``); ``InMemoryRepository[str]``
is an error because ``str`` has no ``id``.

Example::

    >>> service = UserService(InMemoryRepository[User]())
    >>> service.register(" Ann@Example.com ", "Ann")
    User(id=1, email='ann@example.com', name='Ann', active=True)
    >>> service.register("bob@example.com", "Bob").id
    2
    >>> service.deactivate(1).active
    False
    >>> [user.name for user in service.active_users()]
    ['Bob']
"""

from __future__ import annotations

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
        raise NotImplementedError

    def get(self, entity_id: int) -> T | None:
        """The entity whose ``id`` is ``entity_id``, or ``None`` when there is none."""
        raise NotImplementedError

    def save(self, entity: T) -> None:
        """Store ``entity``: insert it, or replace the entity that has the same ``id``."""
        raise NotImplementedError

    def delete(self, entity_id: int) -> bool:
        """Remove the entity with this id; ``True`` if there was one, ``False`` otherwise."""
        raise NotImplementedError

    def list_all(self) -> list[T]:
        """Every stored entity, ordered by ``id`` ascending, as a new list."""
        raise NotImplementedError


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
        raise NotImplementedError

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
        raise NotImplementedError

    def get(self, user_id: int) -> User:
        """The user with this id.

        Raises:
            KeyError: there is no such user (the key error's argument is ``user_id``).
        """
        raise NotImplementedError

    def find_by_email(self, email: str) -> User | None:
        """The user whose email equals ``email`` once both are normalized, or ``None``.

        Both: a user saved by another writer as ``" Ann@Example.com"`` is found by
        ``find_by_email("ann@example.com")``.
        """
        raise NotImplementedError

    def deactivate(self, user_id: int) -> User:
        """Save and return the user with ``active=False`` (a new ``User``; other fields kept).

        Deactivating an inactive user is fine: it stays inactive.

        Raises:
            KeyError: there is no such user.
        """
        raise NotImplementedError

    def active_users(self) -> list[User]:
        """The active users, ordered by id."""
        raise NotImplementedError
