"""Immutable DTO: a user record as a frozen, slotted dataclass.

``UserDTO`` carries a user across a boundary (request body -> service layer). Once built, it
cannot change: code that wants a different user derives a changed copy. It is declared as
``@dataclass(frozen=True, slots=True)`` with four fields, in this order (they are also the
constructor's parameters):

* ``username: str`` — required, must not be empty;
* ``email: str`` — required, exactly one ``@`` with at least one character on each side;
* ``roles: frozenset[str]`` — default: an empty ``frozenset``;
* ``id: uuid.UUID`` — default: a fresh ``uuid.uuid4()`` for *every* instance, so two users
  built without an id never share one. A default written as ``= uuid4()`` is evaluated once,
  when the class is defined; ``field(default_factory=...)`` is the cure.

What ``frozen=True, slots=True`` buys, and what is graded:

* assigning or deleting any attribute raises ``dataclasses.FrozenInstanceError`` at run time,
  and ``dto.email = "..."`` is an error for mypy too;
* instances have no ``__dict__`` (``slots=True``): smaller, and no stray attributes;
* equality is by value (two DTOs with the same four field values are equal) and instances are
  hashable, consistently with equality — usable in sets and as dict keys. That needs every
  field to be immutable, which is why ``roles`` is a ``frozenset``, not a ``list`` or ``set``.

Your part: the two defaults, the validation of ``username`` and ``email`` whenever a
``UserDTO`` is built (``__post_init__``), the validated constructor from untrusted data
(``from_dict``) and the changed copy (``with_role``).

>>> ann = UserDTO.from_dict({"username": "ann", "email": "ann@example.com", "roles": ["dev"]})
>>> ann.roles
frozenset({'dev'})
>>> admin = ann.with_role("admin")
>>> sorted(admin.roles), sorted(ann.roles), admin.id == ann.id
(['admin', 'dev'], ['dev'], True)
>>> ann.email = "eve@example.com"
Traceback (most recent call last):
...
dataclasses.FrozenInstanceError: cannot assign to field 'email'
"""

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Self
from uuid import UUID, uuid4

_KEYS = frozenset({"username", "email", "roles", "id"})


@dataclass(frozen=True, slots=True)
class UserDTO:
    """A user as immutable data: ``username``, ``email``, ``roles`` and ``id``, in that order.

    >>> UserDTO("ann", "ann@example.com") == UserDTO("ann", "ann@example.com")
    False
    >>> one, two = UUID(int=1), UUID(int=1)
    >>> UserDTO("ann", "ann@example.com", id=one) == UserDTO("ann", "ann@example.com", id=two)
    True
    """

    username: str
    email: str
    roles: frozenset[str] = frozenset()  # immutable, so a plain default is safe
    id: UUID = field(default_factory=uuid4)

    def __post_init__(self) -> None:
        """Check the values every ``UserDTO`` must have, however it is built.

        Raises ``ValueError``, naming the field in its message, for an empty ``username`` or
        an ``email`` that does not have exactly one ``@`` with text on both sides. The types
        are mypy's business and are not checked here.

        >>> UserDTO("", "ann@example.com")
        Traceback (most recent call last):
        ...
        ValueError: username: must not be empty
        """
        if not self.username:
            raise ValueError("username: must not be empty")
        local, _, domain = self.email.partition("@")
        if not local or not domain or "@" in domain:
            raise ValueError(
                f"email: expected exactly one '@' with text on both sides, got {self.email!r}"
            )

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Self:
        """Build a ``UserDTO`` from untrusted, JSON-like data (a parsed request body, say).

        Keys:

        * ``"username"``, ``"email"`` (required): ``str`` values, checked as the constructor
          checks them;
        * ``"roles"`` (optional, default none): a ``list`` or ``tuple`` of ``str``, stored as a
          ``frozenset`` (duplicates collapse). A bare string is not a list of roles:
          ``"admin"`` is rejected, not split into ``{'a', 'd', 'm', 'i', 'n'}``;
        * ``"id"`` (optional, default a fresh ``uuid4()``): a ``str`` that ``uuid.UUID()``
          accepts.

        Raises ``ValueError``, with the offending key in its message, for a missing required
        key, an unknown key, or a value of the wrong type or shape — and no other exception,
        whatever the values are. ``data`` is not modified, and changing it afterwards (adding
        to its roles list, say) does not change the DTO.

        >>> UserDTO.from_dict({"username": "ann", "email": "ann.example.com"})
        Traceback (most recent call last):
        ...
        ValueError: email: expected exactly one '@' with text on both sides, got 'ann.example.com'
        >>> UserDTO.from_dict({"username": "ann", "email": "ann@example.com", "age": 3})
        Traceback (most recent call last):
        ...
        ValueError: unknown key(s): 'age'
        """
        if unknown := data.keys() - _KEYS:
            raise ValueError(f"unknown key(s): {', '.join(sorted(map(repr, unknown)))}")
        username = _required_str(data, "username")
        email = _required_str(data, "email")
        roles = data.get("roles", ())
        if not isinstance(roles, list | tuple) or not all(isinstance(r, str) for r in roles):
            raise ValueError(f"roles: expected a list of strings, got {roles!r}")
        if "id" not in data:
            return cls(username, email, frozenset(roles))
        return cls(username, email, frozenset(roles), _parse_uuid(data["id"]))

    def with_role(self, role: str) -> Self:
        """Return a copy with ``role`` added to ``roles``; ``self`` is left unchanged.

        The copy keeps every other field, ``id`` included: it is the same user, changed.
        Adding a role the user already has gives a copy equal to the original.

        >>> ann = UserDTO("ann", "ann@example.com")
        >>> ann.with_role("admin").roles, ann.roles
        (frozenset({'admin'}), frozenset())
        """
        return dataclasses.replace(self, roles=self.roles | {role})


def _required_str(data: Mapping[str, object], key: str) -> str:
    if key not in data:
        raise ValueError(f"missing required key {key!r}")
    value = data[key]
    if not isinstance(value, str):
        raise ValueError(f"{key}: expected a string, got {value!r}")
    return value


def _parse_uuid(value: object) -> UUID:
    if not isinstance(value, str):
        raise ValueError(f"id: expected a UUID string, got {value!r}")
    try:
        return UUID(value)
    except ValueError:
        raise ValueError(f"id: not a valid UUID: {value!r}") from None
