"""Checks the patched email by truthiness: 'email': '' removes the email instead of replacing it."""

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
    if not isinstance(raw, dict):
        raise ValueError(f"expected a JSON object, got {type(raw).__name__}")
    known = UserPayload.__required_keys__ | UserPayload.__optional_keys__
    for key in raw:
        if key not in known:
            raise ValueError(f"{key}: unknown key")
    for key in sorted(UserPayload.__required_keys__):
        if key not in raw:
            raise ValueError(f"{key}: required key is missing")

    user_id = raw["id"]
    if isinstance(user_id, bool) or not isinstance(user_id, int) or user_id < 1:
        raise ValueError(f"id: expected an int >= 1, got {user_id!r}")
    name = raw["name"]
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"name: expected a non-blank str, got {name!r}")
    user: UserPayload = {"id": user_id, "name": name}

    if "email" in raw:
        email = raw["email"]
        if not isinstance(email, str):
            raise ValueError(f"email: expected a str, got {email!r}")
        user["email"] = email
    if "tags" in raw:
        tags = raw["tags"]
        if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
            raise ValueError(f"tags: expected a list of str, got {tags!r}")
        user["tags"] = list(tags)
    return user


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
    merged: UserPayload = {**user}
    if "name" in patch:
        merged["name"] = patch["name"]
    if "tags" in patch:
        merged["tags"] = patch["tags"]
    if "email" in patch:
        email = patch["email"]
        if not email:
            merged.pop("email", None)
        else:
            merged["email"] = email
    if "tags" in merged:
        merged["tags"] = list(merged["tags"])
    return merged
