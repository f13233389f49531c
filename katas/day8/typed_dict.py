"""``TypedDict``: parse untrusted JSON into a typed dict, and apply a typed partial update.

A ``TypedDict`` describes the *shape* of a plain ``dict`` — which keys, which value types,
which keys may be absent — for the type checker only. At run time it is an ordinary ``dict``:
nothing is checked. So data from outside (a request body, ``json.loads``) is ``object`` until
code has checked it key by key; ``typing.cast(UserPayload, raw)`` would only silence mypy,
and the bad data would blow up far away from where it came in.

Two shapes are given below (they are part of the spec; do not change them):

- ``UserPayload``: ``id`` and ``name`` are required; ``email`` and ``tags`` are
  ``NotRequired`` — they may be *absent*. Absent is not ``None``: a user without an email has
  no ``"email"`` key at all (``{"email": None}`` is not a ``UserPayload``, and mypy says so).
- ``UserPatch`` (``total=False``): the body of a PATCH request, every key optional. Following
  JSON Merge Patch (RFC 7396), ``"email": None`` means *remove the email*.

Write ``parse_user(raw)`` and ``merge_patch(user, patch)``, typed so that mypy sees their
results as ``UserPayload`` (no ``cast``, no ``dict[str, Any]``): the type cases index the
results and expect mypy to know the keys.

Example::

    >>> parse_user({"id": 7, "name": "Ann", "tags": ["admin"]})
    {'id': 7, 'name': 'Ann', 'tags': ['admin']}
    >>> merge_patch({"id": 7, "name": "Ann", "email": "ann@example.com"}, {"email": None})
    {'id': 7, 'name': 'Ann'}
"""

# No `from __future__ import annotations` in this module: on Python 3.11 it makes TypedDict
# see NotRequired[...] as a plain string and list every key in __required_keys__.
from typing import NotRequired, TypedDict


class UserPayload(TypedDict):
    """A user as the API exchanges it: ``id`` and ``name`` always, ``email``/``tags`` maybe."""

    id: int
    name: str
    email: NotRequired[str]
    tags: NotRequired[list[str]]


class UserPatch(TypedDict, total=False):
    """A partial update of a user; ``"email": None`` removes the email. ``id`` never changes."""

    name: str
    email: str | None
    tags: list[str]


def parse_user(raw: object) -> UserPayload:
    """Check ``raw`` (for instance the result of ``json.loads``) and return it as a ``UserPayload``.

    Rules, all of which must hold:

    - ``raw`` is a ``dict``;
    - it has no keys other than ``id``, ``name``, ``email``, ``tags``;
    - ``id`` is present and is an ``int`` (not a ``bool``) of at least 1;
    - ``name`` is present and is a ``str`` with at least one non-whitespace character (it is
      kept as given, not stripped);
    - ``email``, when present, is a ``str`` (``None`` is not allowed: leave the key out);
    - ``tags``, when present, is a ``list`` whose items are all ``str``.

    The result is a new dict holding exactly the keys present in ``raw`` — an optional key that
    ``raw`` lacks is absent from the result too, never filled in with ``None`` — and ``tags``
    is a new list (changing the result never changes ``raw``).

    Raises:
        ValueError: any rule is broken. When a key is to blame (missing, unknown, or holding a
            bad value) the message starts with that key and a colon, e.g.
            ``"name: expected a non-blank str"`` or ``"nickname: unknown key"``.

    >>> parse_user({"id": 1, "name": "Bob"})
    {'id': 1, 'name': 'Bob'}
    >>> parse_user({"id": True, "name": "Bob"})
    Traceback (most recent call last):
    ...
    ValueError: id: expected an int >= 1, got True
    """
    raise NotImplementedError


def merge_patch(user: UserPayload, patch: UserPatch) -> UserPayload:
    """Return a new ``UserPayload``: ``user`` with ``patch`` applied. Neither input is changed.

    - A key absent from ``patch`` keeps the value it has in ``user`` (or stays absent).
    - ``name`` / ``tags`` in ``patch`` replace the user's.
    - ``email`` in ``patch``: a ``str`` — even ``""`` — replaces (or adds) the email; only
      ``None`` removes it — the result then has no ``"email"`` key (removing an email that is
      not there is fine).
    - ``id`` never changes (``UserPatch`` has no ``id`` key; mypy rejects a patch with one).

    The result shares no list with its inputs: its ``tags``, if any, is a new list.
    ``patch`` is trusted — it is typed, so it is not validated again.

    >>> merge_patch({"id": 1, "name": "Bob"}, {"name": "Robert", "tags": []})
    {'id': 1, 'name': 'Robert', 'tags': []}
    """
    raise NotImplementedError
