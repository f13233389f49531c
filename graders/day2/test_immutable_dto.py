"""Grader: immutable DTO — frozen, slotted dataclass behaviour, validated from_dict, with_role."""

import copy
import dataclasses
from collections.abc import Callable
from typing import Any
from uuid import UUID

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day2.immutable_dto import UserDTO

FIELDS = ["username", "email", "roles", "id"]
ID = "12345678-1234-5678-1234-567812345678"
VALID: dict[str, object] = {"username": "ann", "email": "ann@example.com"}


def _assert_raises(action: Callable[[], object], error: type[Exception], rule: str) -> None:
    try:
        action()
    except error:
        return
    pytest.fail(rule)


def make(username: str = "ann", email: str = "ann@example.com") -> UserDTO:
    """A DTO built with every field given (so no default is involved)."""
    return UserDTO(username, email, frozenset({"dev"}), UUID(ID))


def test_is_a_dataclass_with_the_four_fields_in_order() -> None:
    dto = make()
    assert dataclasses.is_dataclass(dto), "UserDTO is a @dataclass"
    names = [f.name for f in dataclasses.fields(dto)]
    assert names == FIELDS, "the fields are username, email, roles, id, in this order"


@pytest.mark.parametrize(
    ("name", "value"),
    [("username", "eve"), ("email", "eve@example.com"), ("roles", frozenset({"x"})),
     ("id", UUID(int=7))],
)
def test_assigning_a_field_raises(name: str, value: object) -> None:
    dto = make()
    before = getattr(dto, name)
    _assert_raises(lambda: setattr(dto, name, value), dataclasses.FrozenInstanceError,
                   f"assigning dto.{name} raises dataclasses.FrozenInstanceError (frozen=True)")
    after = getattr(dto, name)
    assert after == before, f"a failed assignment leaves dto.{name} unchanged"


def test_deleting_a_field_raises() -> None:
    dto = make()
    _assert_raises(lambda: delattr(dto, "email"), dataclasses.FrozenInstanceError,
                   "deleting a field raises dataclasses.FrozenInstanceError (frozen=True)")


def test_instances_have_no_dict() -> None:
    dto = make()
    assert not hasattr(dto, "__dict__"), "instances have no __dict__ (slots=True)"


def test_equal_by_value_and_hashable() -> None:
    first, second = make(), make()
    assert first == second, "two DTOs with the same field values are equal"
    assert hash(first) == hash(second), "equal DTOs have equal hashes"
    assert len({first, second}) == 1, "equal DTOs are one element of a set"
    other = make(email="eve@example.com")
    assert first != other, "DTOs whose fields differ are not equal"


def _built_with_defaults() -> UserDTO:
    try:
        return UserDTO("ann", "ann@example.com")
    except TypeError as exc:
        pytest.fail(f"roles and id have defaults: UserDTO(username, email) works ({exc})")


def test_default_id_is_fresh_for_every_instance() -> None:
    parsed = UserDTO.from_dict(VALID), UserDTO.from_dict(VALID)
    assert parsed[0].id != parsed[1].id, (
        "from_dict() without an 'id' gives every DTO a fresh uuid4()"
    )
    first, second = _built_with_defaults(), _built_with_defaults()
    assert isinstance(first.id, UUID), "the default id is a uuid.UUID"
    assert first.id.version == 4, "the default id comes from uuid.uuid4()"
    assert first.id != second.id, (
        "two instances built without an id never share one: the default comes from "
        "field(default_factory=uuid4), called for every instance"
    )


def test_default_roles_is_an_empty_frozenset() -> None:
    parsed = UserDTO.from_dict(VALID)
    assert parsed.roles == frozenset(), "from_dict() without 'roles' gives no roles"
    dto = _built_with_defaults()
    assert dto.roles == frozenset(), "the default roles is an empty frozenset"
    assert type(dto.roles) is frozenset, "roles is a frozenset"


@pytest.mark.parametrize(
    ("username", "email", "key", "why"),
    [
        ("", "ann@example.com", "username", "an empty username"),
        ("ann", "ann.example.com", "email", "an email without '@'"),
        ("ann", "ann@ex@ample.com", "email", "an email with two '@'"),
        ("ann", "@example.com", "email", "an email with nothing before '@'"),
        ("ann", "ann@", "email", "an email with nothing after '@'"),
    ],
)
def test_constructor_validates(username: str, email: str, key: str, why: str) -> None:
    try:
        got = make(username, email)
    except ValueError as exc:
        assert key in str(exc), f"UserDTO(): the ValueError's message names the field {key!r}"
        return
    pytest.fail(f"UserDTO({username!r}, {email!r}, ...): {why} raises ValueError, got {got!r}")


usernames = st.text("aé _.", min_size=1, max_size=6)
emails = st.builds(lambda a, b: f"{a}@{b}", st.text("ab.", min_size=1, max_size=4),
                   st.text("xy.", min_size=1, max_size=4))
role_lists = st.lists(st.sampled_from(["admin", "dev", "ops", ""]), max_size=5)
ids = st.uuids().map(str)


@settings(max_examples=50)
@given(usernames, emails, role_lists, st.booleans(), st.none() | ids)
def test_from_dict_builds_the_dto(
    username: str, email: str, roles: list[str], as_tuple: bool, id_: str | None
) -> None:
    data: dict[str, object] = {"username": username, "email": email}
    data["roles"] = tuple(roles) if as_tuple else roles
    if id_ is not None:
        data["id"] = id_
    snapshot = copy.deepcopy(data)
    dto = UserDTO.from_dict(data)
    assert (dto.username, dto.email) == (username, email), "from_dict() copies username and email"
    assert dto.roles == frozenset(roles), "from_dict() stores the roles as a frozenset"
    assert type(dto.roles) is frozenset, "from_dict() stores the roles as a frozenset"
    if id_ is not None:
        assert dto.id == UUID(id_), "from_dict() parses 'id' with uuid.UUID()"
    assert data == snapshot, "from_dict() does not modify its argument"
    roles.append("changed-later")
    assert dto.roles == frozenset(roles[:-1]), (
        "changing the input's roles list afterwards does not change the DTO"
    )


@pytest.mark.parametrize(
    ("data", "key", "why"),
    [
        ({"email": "ann@example.com"}, "username", "a missing 'username'"),
        ({"username": "ann"}, "email", "a missing 'email'"),
        ({**VALID, "age": 3}, "age", "an unknown key"),
        ({**VALID, "username": ""}, "username", "an empty username"),
        ({**VALID, "username": 7}, "username", "a username that is not a str"),
        ({**VALID, "email": "ann.example.com"}, "email", "an email without '@'"),
        ({**VALID, "email": "ann@ex@ample.com"}, "email", "an email with two '@'"),
        ({**VALID, "email": "@example.com"}, "email", "an email with nothing before '@'"),
        ({**VALID, "email": "ann@"}, "email", "an email with nothing after '@'"),
        ({**VALID, "email": None}, "email", "an email that is not a str"),
        ({**VALID, "roles": "admin"}, "roles", "roles given as a bare string"),
        ({**VALID, "roles": ["admin", 1]}, "roles", "a role that is not a str"),
        ({**VALID, "roles": {"admin"}}, "roles", "roles that are not a list or tuple"),
        ({**VALID, "roles": None}, "roles", "roles that are not a list or tuple"),
        ({**VALID, "id": "not-a-uuid"}, "id", "an id uuid.UUID() rejects"),
        ({**VALID, "id": 12345}, "id", "an id that is not a str"),
        ({**VALID, "id": UUID(ID)}, "id", "an id that is not a str"),
    ],
)
def test_from_dict_rejects_bad_data(data: dict[str, Any], key: str, why: str) -> None:
    try:
        got = UserDTO.from_dict(data)
    except ValueError as exc:
        assert key in str(exc), f"from_dict(): the ValueError's message names the key {key!r}"
        return
    except NotImplementedError:
        raise
    except Exception as exc:
        pytest.fail(f"from_dict({data!r}): {why} raises ValueError, not {exc!r}")
    pytest.fail(f"from_dict({data!r}): {why} raises ValueError, but it returned {got!r}")


def _valid(key: str, value: object) -> bool:
    """The spec's rule for each key, written out."""
    if key == "username":
        return isinstance(value, str) and value != ""
    if key == "email":
        if not isinstance(value, str) or value.count("@") != 1:
            return False
        local, _, domain = value.partition("@")
        return bool(local and domain)
    if key == "roles":
        return isinstance(value, list | tuple) and all(isinstance(r, str) for r in value)
    if key == "id":
        if not isinstance(value, str):
            return False
        try:
            UUID(value)
        except ValueError:
            return False
        return True
    return False  # unknown keys


# Explicit alphabets: the default one makes Hypothesis build a Unicode table, seconds cold.
short_text = st.text("a@-é 1", max_size=5)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | short_text
    | st.sampled_from(["a@b", "@b", "a@", "a@@b", ID, ID.upper(), "{" + ID + "}", "admin"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(short_text, inner, max_size=2),
    max_leaves=4,
)


@settings(max_examples=60)
@given(st.sampled_from([*FIELDS, "role", "extra"]), json_values)
@example("roles", "admin")
@example("id", 7)
@example("email", ["ann@example.com"])
def test_from_dict_raises_only_value_error(key: str, value: object) -> None:
    data: dict[str, object] = {**VALID, key: value}
    try:
        dto = UserDTO.from_dict(data)
    except NotImplementedError:
        raise
    except ValueError as exc:
        assert not _valid(key, value), (
            f"from_dict(): a valid {key!r} is accepted — it raised ValueError({exc})"
        )
        assert key in str(exc), f"from_dict(): the ValueError's message names the key {key!r}"
        return
    except Exception as exc:
        pytest.fail(f"from_dict(): bad data raises ValueError and nothing else, got {exc!r}")
    assert _valid(key, value), (
        f"from_dict(): an invalid {key!r} raises ValueError, but it returned {dto!r}"
    )


@settings(max_examples=30)
@given(role_lists, st.sampled_from(["admin", "dev", "auditor"]))
@example(["admin"], "admin")
def test_with_role_derives_a_changed_copy(roles: list[str], role: str) -> None:
    original = UserDTO.from_dict({**VALID, "roles": roles, "id": ID})
    changed = original.with_role(role)
    assert changed.roles == frozenset(roles) | {role}, "with_role() adds the role to the copy"
    assert type(changed.roles) is frozenset, "with_role() keeps roles a frozenset"
    assert original.roles == frozenset(roles), "with_role() leaves the original unchanged"
    assert (changed.username, changed.email) == ("ann", "ann@example.com"), (
        "with_role() keeps the other fields"
    )
    assert changed.id == original.id, "with_role() keeps the id: it is the same user, changed"
    assert type(changed) is UserDTO, "with_role() returns a UserDTO"
