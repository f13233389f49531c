"""Grader for day8.typed_dict: untrusted JSON checked key by key into a TypedDict; merge patch.

The type claims (results typed as ``UserPayload``, the patch's keys) are graded by the type
cases in ``typecases/typed_dict.py``.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day8 import typed_dict as kata


def call(rule: str, func: Any, *args: Any) -> Any:
    """Call learner code; an unexpected exception fails with the rule (the stub's propagates)."""
    try:
        return func(*args)
    except NotImplementedError:
        raise
    except Exception as exc:
        pytest.fail(f"{rule} — it raised {type(exc).__name__}: {exc}")


def expect_value_error(rule: str, raw: object) -> ValueError:
    try:
        got = kata.parse_user(raw)
    except NotImplementedError:
        raise
    except ValueError as caught:
        return caught
    except Exception as other:
        pytest.fail(f"{rule} — it raised {type(other).__name__} instead of ValueError: {other}")
    pytest.fail(f"{rule} — it returned {got!r}")


names = st.text(min_size=1, max_size=6).filter(lambda s: s.strip() != "")
tag_lists = st.lists(st.text(max_size=4), max_size=3)
emails = st.text(max_size=8)
valid_payloads = st.fixed_dictionaries(
    {"id": st.integers(min_value=1, max_value=10**12), "name": names},
    optional={"email": emails, "tags": tag_lists},
)


@settings(max_examples=40)
@given(raw=valid_payloads)
@example(raw={"id": 1, "name": "Bob"})
@example(raw={"id": 7, "name": " Ann ", "email": "", "tags": []})
@example(raw={"id": 2, "name": "x", "tags": ["a", "b"]})
def test_parse_user_returns_exactly_the_keys_given(raw: dict[str, Any]) -> None:
    original = copy.deepcopy(raw)
    rule = "parse_user(): a dict that follows every rule is accepted"
    got = call(rule, kata.parse_user, raw)
    assert got == original, (
        "parse_user(): the result holds exactly the keys of the input with the same values — an "
        "absent optional key stays absent (never filled in with None), name is not stripped"
    )
    assert type(got) is dict, "parse_user(): the result is a plain dict (a TypedDict is a dict)"
    assert got is not raw, "parse_user(): the result is a new dict, not the input itself"
    if "tags" in raw:
        assert got["tags"] is not raw["tags"], (
            "parse_user(): tags in the result is a new list, not the input's list"
        )
    assert raw == original, "parse_user(): the input is not changed"


def test_parse_user_leaves_absent_optional_keys_out() -> None:
    got = kata.parse_user({"id": 3, "name": "Cy"})
    assert sorted(got) == ["id", "name"], (
        "parse_user(): without email/tags in the input the result has no 'email'/'tags' key at all "
        "(absent is not None)"
    )


# (key to blame, a field that breaks the rules): one fault per case.
FAULTS: list[tuple[str, dict[str, Any]]] = [
    ("id", {"id": True}),
    ("id", {"id": False}),
    ("id", {"id": 0}),
    ("id", {"id": -5}),
    ("id", {"id": "1"}),
    ("id", {"id": 1.0}),
    ("id", {"id": None}),
    ("name", {"name": ""}),
    ("name", {"name": "   "}),
    ("name", {"name": 5}),
    ("name", {"name": None}),
    ("name", {"name": ["Ann"]}),
    ("email", {"email": None}),
    ("email", {"email": 5}),
    ("email", {"email": ["a@b.c"]}),
    ("tags", {"tags": "admin"}),
    ("tags", {"tags": ["a", 1]}),
    ("tags", {"tags": ("a",)}),
    ("tags", {"tags": None}),
    ("tags", {"tags": [None]}),
    ("nickname", {"nickname": "Al"}),
    ("Email", {"Email": "a@b.c"}),
]


def _with_fault(base: dict[str, Any], fault: dict[str, Any]) -> dict[str, Any]:
    return {**base, **fault}


@pytest.mark.parametrize(("key", "fault"), FAULTS, ids=[f"{k}={v[k]!r}" for k, v in FAULTS])
def test_parse_user_rejects_a_bad_key_naming_it(key: str, fault: dict[str, Any]) -> None:
    raw = _with_fault({"id": 1, "name": "Ann", "email": "ann@example.com", "tags": []}, fault)
    caught = expect_value_error(
        f"parse_user(): {fault!r} breaks the rules for {key!r} — ValueError expected", raw
    )
    assert str(caught).startswith(f"{key}:"), (
        f"parse_user(): the ValueError's message starts with the key to blame and a colon "
        f"({key + ':'!r} here)"
    )


@settings(max_examples=40)
@given(
    base=valid_payloads,
    fault=st.sampled_from(FAULTS),
)
def test_parse_user_rejects_any_payload_with_one_bad_key(
    base: dict[str, Any], fault: tuple[str, dict[str, Any]]
) -> None:
    key, bad = fault
    caught = expect_value_error(
        f"parse_user(): {bad!r} breaks the rules for {key!r} — ValueError expected",
        _with_fault(base, bad),
    )
    assert str(caught).startswith(f"{key}:"), (
        "parse_user(): the ValueError's message starts with the key to blame and a colon"
    )


@pytest.mark.parametrize("missing", ["id", "name"])
def test_parse_user_rejects_a_missing_required_key(missing: str) -> None:
    raw = {"id": 1, "name": "Ann", "tags": ["x"]}
    del raw[missing]
    caught = expect_value_error(
        f"parse_user(): {missing!r} is required — ValueError when it is missing", raw
    )
    assert str(caught).startswith(f"{missing}:"), (
        "parse_user(): the ValueError for a missing key starts with that key and a colon"
    )


@pytest.mark.parametrize(
    "raw",
    [None, [], [("id", 1), ("name", "Ann")], "{}", 42],
    ids=["None", "empty list", "list of pairs", "str", "int"],
)
def test_parse_user_rejects_what_is_not_a_dict(raw: object) -> None:
    expect_value_error("parse_user(): anything but a dict raises ValueError", raw)


def _reference_merge(user: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    merged = {**user, **patch}
    if merged.get("email", "") is None:
        del merged["email"]
    return merged


patches = st.fixed_dictionaries(
    {}, optional={"name": names, "email": st.none() | emails, "tags": tag_lists}
)


@settings(max_examples=40)
@given(user=valid_payloads, patch=patches)
@example(user={"id": 1, "name": "A", "email": "a@x"}, patch={"email": None})
@example(user={"id": 1, "name": "A"}, patch={"email": None})
@example(user={"id": 1, "name": "A", "tags": ["t"]}, patch={})
@example(user={"id": 1, "name": "A", "email": "a@x"}, patch={"email": "b@x", "tags": []})
@example(user={"id": 1, "name": "A", "email": "a@x"}, patch={"email": ""})
@example(user={"id": 1, "name": "A", "tags": ["t"]}, patch={"tags": []})
def test_merge_patch_applies_the_patch(user: dict[str, Any], patch: dict[str, Any]) -> None:
    user_before, patch_before = copy.deepcopy(user), copy.deepcopy(patch)
    rule = "merge_patch(): any user and any patch of the given types can be merged"
    got = call(rule, kata.merge_patch, user, patch)
    assert got == _reference_merge(user_before, patch_before), (
        "merge_patch(): keys in the patch replace the user's, other keys are kept as they are, "
        "and 'email': None removes the email key altogether"
    )
    assert user == user_before and patch == patch_before, (
        "merge_patch(): neither the user nor the patch is changed"
    )
    assert got is not user, "merge_patch(): returns a new dict, not the user it was given"
    if "tags" in got:
        shared = any(got["tags"] is d.get("tags") for d in (user, patch))
        assert not shared, (
            "merge_patch(): the result's tags is a new list, shared with neither input"
        )


def test_merge_patch_with_email_none_removes_the_key() -> None:
    got = kata.merge_patch({"id": 4, "name": "Di", "email": "di@example.com"}, {"email": None})
    assert "email" not in got, (
        "merge_patch(): 'email': None in the patch means no 'email' key in the result "
        "(not an email of None)"
    )


def test_merge_patch_with_an_empty_email_keeps_the_key() -> None:
    got = kata.merge_patch({"id": 4, "name": "Di", "email": "di@example.com"}, {"email": ""})
    assert got == {"id": 4, "name": "Di", "email": ""}, (
        "merge_patch(): 'email': '' in the patch is a str — it replaces the email; only None "
        "removes the key (check `is None`, not truthiness)"
    )
