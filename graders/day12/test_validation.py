"""Grader for day12.validation: a pydantic v2 signup model and a ValidationError -> dict helper.

Every rule is checked through what pydantic reports (each error's ``loc`` and ``type``, never
its wording) and through the validated values, over generated strings: surrounding Unicode
whitespace, non-ASCII letters and digits, lengths at the 2/3/20/21 boundaries, bools, floats,
NaN and digit strings where an int is wanted.
"""

from __future__ import annotations

import json
import math
import re
import string
from typing import Any

from day12 import validation as kata
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, Field, SecretStr, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

# Whitespace both Python's str.strip() and pydantic's strip_whitespace remove.
WHITESPACE = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x85", "\xa0", "\u2003", "\u202f", "\u3000"]
# Letters and digits that are not ASCII (the Kelvin sign lowercases to an ASCII "k").
NON_ASCII = ["é", "Ü", "ß", "я", "٣", "\u212a", "İ"]
PUNCTUATION = ["-", ".", "!", " ", "@", "+"]
NAME_CHARS = list(string.ascii_letters + string.digits + "_") + NON_ASCII + PUNCTUATION

PASSWORD = "#&#&#&#&#&#&Q7"  # valid, and contains no username of 3 characters or more
USERNAME = "valid_user"
VALID: dict[str, Any] = {
    "username": USERNAME,
    "email": "ann@mail.example.org",
    "password": PASSWORD,
}

USERNAME_RE = re.compile(r"[A-Za-z0-9_]+")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")

Problem = tuple[tuple[str | int, ...], str]


def validate(data: dict[str, Any]) -> tuple[Any, list[Problem]]:
    """(the Signup or None, the sorted (loc, type) of every error): learner code runs first."""
    try:
        return kata.Signup.model_validate(data), []
    except ValidationError as error:
        return None, sorted((tuple(e["loc"]), e["type"]) for e in error.errors())


def validate_json(document: str) -> tuple[Any, list[Problem]]:
    try:
        return kata.Signup.model_validate_json(document), []
    except ValidationError as error:
        return None, sorted((tuple(e["loc"]), e["type"]) for e in error.errors())


def of_field(problems: list[Problem], name: str) -> list[Problem]:
    return [p for p in problems if p[0][:1] == (name,)]


def padded(core: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pad = st.text(st.sampled_from(WHITESPACE), max_size=3)
    return st.tuples(pad, core, pad).map("".join)


# --- username ------------------------------------------------------------------------------


def username_rule(raw: str) -> tuple[str | None, list[Problem], str]:
    """(stored value, expected problems, the rule in spec words)."""
    stripped = raw.strip()
    if len(stripped) < 3:
        return (
            None,
            [(("username",), "string_too_short")],
            (
                "Signup.username: shorter than 3 characters once surrounding whitespace is removed "
                "-> string_too_short"
            ),
        )
    if len(stripped) > 20:
        return (
            None,
            [(("username",), "string_too_long")],
            (
                "Signup.username: longer than 20 characters once surrounding whitespace is removed "
                "-> string_too_long"
            ),
        )
    if not USERNAME_RE.fullmatch(stripped):
        return (
            None,
            [(("username",), "string_pattern_mismatch")],
            (
                "Signup.username: of the right length but with a character that is not an ASCII "
                "letter, digit or _ -> string_pattern_mismatch (length is checked first)"
            ),
        )
    return (
        stripped.lower(),
        [],
        (
            "Signup.username: surrounding whitespace removed, 3–20 ASCII letters, digits or _ are "
            "valid, stored lowercased"
        ),
    )


@settings(max_examples=60)
@given(padded(st.text(st.sampled_from(NAME_CHARS), max_size=23)))
@example("ab")
@example("abc")
@example("a" * 20)
@example("a" * 21)
@example("  ab \t")
@example("\u3000" + "Z" * 20 + "\n")
@example("  Alice_1 ")
@example("al ice")
@example("\u212aelvin")
@example("José")
@example("a!")
def test_username_is_stripped_checked_and_lowercased(raw: str) -> None:
    """username: strip, then 3–20 ASCII letters/digits/_ (length first), stored lowercased."""
    signup, problems = validate(VALID | {"username": raw})
    stored, want, rule = username_rule(raw)
    assert of_field(problems, "username") == want, rule
    if not want:
        assert problems == [], "Signup: a valid username with valid other fields is accepted"
        assert signup.username == stored, rule


def test_username_and_email_must_be_strings() -> None:
    """username, email: a value that is not a string is a string_type error."""
    _, problems = validate(VALID | {"username": 12345, "email": 7})
    assert problems == [(("email",), "string_type"), (("username",), "string_type")], (
        "Signup.username and Signup.email: a number is not a string -> string_type"
    )


# --- email ---------------------------------------------------------------------------------

EMAIL_CHARS = list(string.ascii_letters[:6] + "XYZ" + string.digits[:3] + "._%+-@") + [
    "é",
    " ",
    "!",
]
LABEL = st.text(st.sampled_from(list("abcXYZ09-")), min_size=0, max_size=4)
BUILT_EMAIL = st.builds(
    lambda local, labels: local + "@" + ".".join(labels),
    st.text(st.sampled_from(list("aB1._%+-é")), max_size=4),
    st.lists(LABEL, min_size=1, max_size=3),
)


@settings(max_examples=60)
@given(padded(st.one_of(BUILT_EMAIL, st.text(st.sampled_from(EMAIL_CHARS), max_size=12))))
@example("Ann@Mail.Example.org")
@example(" x@y.z ")
@example("a@b")
@example("a@b.")
@example("a@.b")
@example("@b.c")
@example("a b@c.d")
@example("a@@b.c")
@example("ä@b.cd")
@example("first.last+tag%x@sub-domain.example.co")
def test_email_matches_the_pattern_and_is_lowercased(raw: str) -> None:
    """email: stripped, must match the whole pattern, stored lowercased."""
    signup, problems = validate(VALID | {"email": raw})
    stripped = raw.strip()
    if EMAIL_RE.fullmatch(stripped):
        assert problems == [], (
            "Signup.email: once stripped, local@label.label matching the pattern is valid"
        )
        assert signup.email == stripped.lower(), "Signup.email: stored stripped and lowercased"
    else:
        assert of_field(problems, "email") == [(("email",), "string_pattern_mismatch")], (
            "Signup.email: a value that does not match "
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+ as a whole once stripped "
            "-> string_pattern_mismatch"
        )


# --- password ------------------------------------------------------------------------------

PASSWORD_CHARS = list("aBz3 !é٣#") + ["\t"]


@settings(max_examples=50)
@given(st.text(st.sampled_from(PASSWORD_CHARS), min_size=9, max_size=15))
@example("aaaaaaaaaa1")
@example("aaaaaaaaaaa1")
@example("aaaaaaaaaaaa")
@example("111111111111")
@example("ééééééééééé1")
@example("aaaaaaaaaaa٣")
@example("      abc123")
@example("ééééééééééé")
def test_password_length_letter_and_digit(raw: str) -> None:
    """password: >= 12 characters (too_short), then an ASCII letter and digit (value_error)."""
    signup, problems = validate(VALID | {"password": raw})
    if len(raw) < 12:
        assert of_field(problems, "password") == [(("password",), "too_short")], (
            "Signup.password: fewer than 12 characters (not stripped) -> too_short, and only that"
        )
    elif not (re.search("[A-Za-z]", raw) and re.search("[0-9]", raw)):
        assert of_field(problems, "password") == [(("password",), "value_error")], (
            "Signup.password: 12 characters or more without an ASCII letter or without an ASCII "
            "digit -> value_error"
        )
    else:
        assert problems == [], (
            "Signup.password: 12 characters or more (whitespace counts) with an ASCII letter and "
            "an ASCII digit is valid"
        )
        assert isinstance(signup.password, SecretStr), "Signup.password is a SecretStr"
        assert signup.password.get_secret_value() == raw, (
            "Signup.password.get_secret_value() gives back the password as sent"
        )


# --- age -----------------------------------------------------------------------------------

AGES = st.one_of(
    st.none(),
    st.integers(min_value=-5, max_value=200),
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=0, max_value=200).map(str),
)


@settings(max_examples=50)
@given(AGES)
@example(None)
@example(12)
@example(13)
@example(130)
@example(131)
@example(True)
@example(False)
@example("42")
@example(42.0)
@example(12.5)
@example(math.nan)
def test_age_is_a_strict_int_from_13_to_130(age: Any) -> None:
    """age: None, or a real int 13..130; bool, float (even 42.0), NaN and "42" are int_type."""
    signup, problems = validate(VALID | {"age": age})
    if age is None or (type(age) is int and 13 <= age <= 130):
        assert problems == [], "Signup.age: None or an integer from 13 to 130 is valid"
        assert signup.age == age, "Signup.age: stored as given"
    elif type(age) is not int:
        assert problems == [(("age",), "int_type")], (
            'Signup.age is strict: True/False, floats (even 42.0), NaN and strings like "42" '
            "-> int_type"
        )
    elif age < 13:
        assert problems == [(("age",), "greater_than_equal")], (
            "Signup.age: an integer below 13 -> greater_than_equal"
        )
    else:
        assert problems == [(("age",), "less_than_equal")], (
            "Signup.age: an integer above 130 -> less_than_equal"
        )


def test_age_defaults_to_none_and_is_strict_in_json_too() -> None:
    """age: default None; in JSON only an integer number is an age."""
    signup, problems = validate(VALID)
    assert (problems, signup.age) == ([], None), "Signup.age: optional, default None"
    document = json.dumps(VALID)[:-1]
    got = {
        "42": validate_json(document + ', "age": 42}')[1],
        '"42"': validate_json(document + ', "age": "42"}')[1],
        "42.0": validate_json(document + ', "age": 42.0}')[1],
        "true": validate_json(document + ', "age": true}')[1],
    }
    want = {
        "42": [],
        '"42"': [(("age",), "int_type")],
        "42.0": [(("age",), "int_type")],
        "true": [(("age",), "int_type")],
    }
    assert got == want, (
        'Signup.age from JSON: 42 is valid; "42", 42.0 and true -> int_type (strict)'
    )


# --- tags ----------------------------------------------------------------------------------

TAG_TEXT = st.one_of(
    st.sampled_from(
        [
            "py",
            "Py",
            " py ",
            "PY\t",
            "web",
            "Web",
            "",
            " ",
            "x" * 20,
            "x" * 21,
            " " + "y" * 20 + " ",
            "ünï",
            "a b",
            "db",
            "api",
            "ops",
            "ml",
        ]
    ),
    st.text(st.sampled_from(list("abAB ")), max_size=4),
)


def tags_rule(tags: list[str]) -> tuple[list[str] | None, list[Problem], str]:
    item_problems: list[Problem] = []
    for index, tag in enumerate(tags):
        if len(tag.strip()) < 1:
            item_problems.append((("tags", index), "string_too_short"))
        elif len(tag.strip()) > 20:
            item_problems.append((("tags", index), "string_too_long"))
    if item_problems:
        return (
            None,
            item_problems,
            (
                "Signup.tags: tag number i empty or longer than 20 once stripped -> string_too_short "
                '/ string_too_long at ("tags", i), and no error about the number of tags'
            ),
        )
    unique = list(dict.fromkeys(tag.strip().lower() for tag in tags))
    if len(unique) > 5:
        return (
            None,
            [(("tags",), "too_long")],
            ("Signup.tags: more than 5 tags left once duplicates are removed -> too_long"),
        )
    return (
        unique,
        [],
        (
            "Signup.tags: each stripped and lowercased, duplicates dropped with the first occurrence "
            "keeping its place; up to 5 remaining tags are valid, however many were sent"
        ),
    )


@settings(max_examples=50)
@given(st.lists(TAG_TEXT, max_size=9))
@example([" Py", "py", "Web"])
@example(["a", "b", "c", "d", "e"])
@example(["a", "b", "c", "d", "e", "f"])
@example(["a", "b", "c", "d", "e", "A", " b ", "E"])
@example(["web", "api", "py", "api", "ops", "db", "ml"])
@example(["ok", "", "x" * 21])
@example([])
def test_tags_are_normalised_deduplicated_and_capped(tags: list[str]) -> None:
    """tags: strip + lowercase each (1–20 chars), drop duplicates keeping order, at most 5 left."""
    signup, problems = validate(VALID | {"tags": tags})
    stored, want, rule = tags_rule(tags)
    assert of_field(problems, "tags") == want, rule
    if not want:
        assert signup.tags == stored, rule


def test_tags_default_and_wrong_types() -> None:
    """tags: default []; not a list -> list_type; an item that is not a string -> string_type."""
    signup, problems = validate(VALID)
    assert (problems, signup.tags) == ([], []), "Signup.tags: optional, default []"
    _, not_a_list = validate(VALID | {"tags": "py,web"})
    assert not_a_list == [(("tags",), "list_type")], (
        "Signup.tags: a string is not a list -> list_type"
    )
    _, not_strings = validate(VALID | {"tags": ["py", 3]})
    assert not_strings == [(("tags", 1), "string_type")], (
        'Signup.tags: an item that is not a string -> string_type at ("tags", i)'
    )


# --- newsletter_opt_in, aliases, unknown and missing keys ---------------------------------


def test_newsletter_opt_in_is_a_strict_bool_under_its_camelcase_alias() -> None:
    """newsletter_opt_in: sent as newsletterOptIn (or by name), only true/false, default False."""
    signup, problems = validate(VALID)
    assert (problems, signup.newsletter_opt_in) == ([], False), (
        "Signup.newsletter_opt_in: optional, default False"
    )
    by_alias, problems = validate(VALID | {"newsletterOptIn": True})
    assert problems == [] and by_alias.newsletter_opt_in is True, (
        "Signup: JSON sends newsletter_opt_in as newsletterOptIn (camelCase alias)"
    )
    by_name, problems = validate(VALID | {"newsletter_opt_in": True})
    assert problems == [] and by_name.newsletter_opt_in is True, (
        "Signup: a field can also be given under its Python name (populate_by_name)"
    )
    refused = {repr(v): validate(VALID | {"newsletterOptIn": v})[1] for v in (1, 0, "yes", "true")}
    assert refused == dict.fromkeys(refused, [(("newsletterOptIn",), "bool_type")]), (
        'Signup.newsletter_opt_in is strict: 1, 0, "yes", "true" -> bool_type at the key as sent'
    )
    _, by_name_problems = validate(VALID | {"newsletter_opt_in": "yes"})
    assert by_name_problems == [(("newsletter_opt_in",), "bool_type")], (
        "Signup: an error's loc names the key as it was sent (the Python name here)"
    )


def test_dump_by_alias_uses_camelcase() -> None:
    """model_dump(by_alias=True) has the camelCase keys."""
    signup, problems = validate(VALID)
    assert problems == [], "Signup: the valid form is accepted"
    assert set(signup.model_dump(by_alias=True)) == {
        "username",
        "email",
        "password",
        "age",
        "tags",
        "newsletterOptIn",
    }, "Signup.model_dump(by_alias=True) has exactly the camelCase keys of the six fields"


def test_unknown_keys_are_refused() -> None:
    """A key that is no field (alias or name) is an extra_forbidden error at that key."""
    _, problems = validate(VALID | {"isAdmin": True})
    assert problems == [(("isAdmin",), "extra_forbidden")], (
        'Signup: keys other than the fields are refused -> extra_forbidden at ("isAdmin",)'
    )


def test_required_fields_and_every_error_at_once() -> None:
    """username, email, password are required; all fields' errors come in one ValidationError."""
    _, problems = validate({})
    assert problems == sorted(
        [(("username",), "missing"), (("email",), "missing"), (("password",), "missing")]
    ), "Signup: username, email and password are required -> missing; the others have defaults"
    _, problems = validate(
        {
            "username": "x",
            "email": "nope",
            "password": "short",
            "age": 7,
            "tags": [""],
            "newsletterOptIn": "no",
            "role": "admin",
        }
    )
    want = sorted(
        [
            (("username",), "string_too_short"),
            (("email",), "string_pattern_mismatch"),
            (("password",), "too_short"),
            (("age",), "greater_than_equal"),
            (("tags", 0), "string_too_short"),
            (("newsletterOptIn",), "bool_type"),
            (("role",), "extra_forbidden"),
        ]
    )
    assert problems == want, (
        "Signup: every problem of every field is reported at once, one error per field"
    )


# --- the model-level rule ------------------------------------------------------------------


def test_password_must_not_contain_the_username() -> None:
    """Model rule: the lowercased password must not contain the stored (normalised) username."""
    _, problems = validate(VALID | {"username": "bob_1", "password": "My-bob_1-pass-9"})
    assert problems == [((), "value_error")], (
        "Signup: a password that contains the username -> value_error at loc ()"
    )
    _, problems = validate(VALID | {"username": "  Alice ", "password": "xxALICExx123"})
    assert problems == [((), "value_error")], (
        "Signup: the rule compares the stored username (stripped, lowercased) with the "
        'password lowercased — "  Alice " is inside "xxALICExx123" — so it runs after the '
        'fields are validated (mode="after")'
    )
    _, problems = validate(VALID | {"username": "alice", "password": "xxalicxx1234"})
    assert problems == [], "Signup: a password without the whole username in it is fine"
    _, problems = validate(VALID | {"username": "ab", "password": "xxabxxxxxxx1"})
    assert problems == [(("username",), "string_too_short")], (
        "Signup: the password/username rule is checked only once every field is valid"
    )


# --- secrets -------------------------------------------------------------------------------


def test_the_password_is_never_shown() -> None:
    """The password stays out of repr, str, model_dump_json and a ValidationError's str."""
    secret = "Unguessable-Secret-42"
    signup, problems = validate(VALID | {"password": secret})
    assert problems == [], "Signup: the valid form is accepted"
    shown = {"repr": repr(signup), "str": str(signup), "model_dump_json": signup.model_dump_json()}
    leaked = [where for where, text in shown.items() if secret in text]
    assert leaked == [], "Signup: the password never appears in repr(), str() or model_dump_json()"
    assert isinstance(signup.password, SecretStr), "Signup.password is a SecretStr"
    cases = {
        "password without a digit": VALID | {"password": "Only-Letters-Here"},
        "password containing the username": VALID | {"password": "Only-valid_user-42"},
        "another field invalid": VALID | {"password": "Fine-Password-42", "age": True},
        "password too short": VALID | {"password": "Short-1"},
    }
    leaks = []
    for case, data in cases.items():
        try:
            kata.Signup.model_validate(data)
        except ValidationError as error:
            if data["password"] in str(error):
                leaks.append(case)
        else:
            leaks.append(case + " (accepted!)")
    assert leaks == [], (
        "Signup: str(ValidationError) never shows the submitted password "
        "(pydantic prints inputs unless the model hides them)"
    )


# --- error_map -----------------------------------------------------------------------------


class Address(BaseModel):
    city: str = Field(min_length=2)


class Order(BaseModel):
    qty: int = Field(gt=0)
    items: list[int]
    address: Address

    @model_validator(mode="after")
    def _enough(self) -> Order:
        if self.qty < len(self.items):
            raise ValueError("fewer items than qty")
        return self


def order_error(data: dict[str, Any]) -> ValidationError:
    try:
        Order.model_validate(data)
    except ValidationError as error:
        return error
    raise AssertionError("the grader's own example must be invalid")


def test_error_map_on_a_real_error() -> None:
    """error_map: dotted loc -> messages; list indexes as numbers; model-level under __all__."""
    error = order_error({"qty": 0, "items": [1, "x", "y"], "address": {"city": "A"}})
    got = kata.error_map(error)
    want = {
        "qty": ["Input should be greater than 0"],
        "items.1": [error.errors()[1]["msg"]],
        "items.2": [error.errors()[2]["msg"]],
        "address.city": [error.errors()[3]["msg"]],
    }
    assert got == want, (
        "error_map(): each error's loc joined with dots (list indexes as decimals) maps to its "
        "messages (msg)"
    )
    model_level = kata.error_map(
        order_error({"qty": 1, "items": [1, 2], "address": {"city": "Rome"}})
    )
    assert model_level == {"__all__": ["Value error, fewer items than qty"]}, (
        'error_map(): a model-level error (loc ()) goes under "__all__"'
    )


LOC_PART = st.one_of(
    st.sampled_from(["a", "b", "items", "x.y"]), st.integers(min_value=0, max_value=3)
)


@settings(max_examples=25)
@given(
    st.lists(
        st.tuples(st.lists(LOC_PART, max_size=3).map(tuple), st.text(max_size=5)),
        min_size=1,
        max_size=6,
    )
)
@example([(("a",), "first"), (("b", 0), "second"), (("a",), "third"), ((), "whole")])
def test_error_map_groups_messages_in_order(
    errors: list[tuple[tuple[str | int, ...], str]],
) -> None:
    """error_map: messages of one key in error order; keys in the order of their first error."""
    details = [
        InitErrorDetails(
            type=PydanticCustomError("custom", "{text}", {"text": text}), loc=loc, input=None
        )
        for loc, text in errors
    ]
    error = ValidationError.from_exception_data("Form", details)
    got = kata.error_map(error)
    want: dict[str, list[str]] = {}
    for detail in error.errors():
        want.setdefault(".".join(map(str, detail["loc"])) or "__all__", []).append(detail["msg"])
    assert list(got.items()) == list(want.items()), (
        'error_map(): every error\'s msg under its dotted loc ("__all__" for loc ()), the '
        "messages of a key in the order of error.errors(), keys in the order of their first error"
    )
