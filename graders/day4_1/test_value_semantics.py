"""Grader for day4_1.value_semantics: each prediction must equal what the snippet prints.

The snippets are copied verbatim from the kata's docstring; the grader runs them in a fresh
namespace with stdout captured and compares the output with the learner's prediction.
"""

from __future__ import annotations

import contextlib
import io

import pytest

from day4_1 import value_semantics as kata

SNIPPETS: dict[str, str] = {}

SNIPPETS["value_equality"] = """\
from dataclasses import dataclass

@dataclass(frozen=True)
class Email:
    value: str

a = Email("ann@example.com")
b = Email("ann@example.com")
print(a == b, a is b, len({a, b}))
"""

SNIPPETS["entity_identity"] = """\
class User:
    def __init__(self, user_id, email):
        self.id = user_id
        self.email = email

    def __eq__(self, other):
        if not isinstance(other, User):
            return NotImplemented
        return self.id == other.id

    def __hash__(self):
        return hash(self.id)

before = User(7, "ann@example.com")
after = User(7, "ann@new.example")
print(before == after, before is after, len({before, after}))
"""

SNIPPETS["default_identity"] = """\
class Customer:
    def __init__(self, name):
        self.name = name

print(Customer("Ann") == Customer("Ann"), Customer("Ann") != Customer("Ann"))
"""

SNIPPETS["eq_without_hash"] = """\
class Email:
    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        return isinstance(other, Email) and self.value == other.value

try:
    print(len({Email("a@x.io"), Email("a@x.io")}))
except TypeError:
    print("TypeError")
"""

SNIPPETS["shared_mutable_value"] = """\
from dataclasses import dataclass

@dataclass
class Address:
    city: str

class Person:
    def __init__(self, name, address):
        self.name = name
        self.address = address

home = Address("Paris")
ann = Person("Ann", home)
bob = Person("Bob", home)
bob.address.city = "Oslo"
print(ann.address.city)
"""

SNIPPETS["shared_frozen_value"] = """\
from dataclasses import dataclass, replace

@dataclass(frozen=True)
class Address:
    city: str

class Person:
    def __init__(self, name, address):
        self.name = name
        self.address = address

home = Address("Paris")
ann = Person("Ann", home)
bob = Person("Bob", home)
bob.address = replace(bob.address, city="Oslo")
print(ann.address.city, bob.address.city, ann.address is home)
"""

SNIPPETS["mutated_set_member"] = """\
from dataclasses import dataclass

@dataclass(unsafe_hash=True)
class Tag:
    name: str

t = Tag("red")
tags = {t}
t.name = "blue"
print(t in tags, Tag("red") in tags, Tag("blue") in tags, len(tags))
print([tag.name for tag in tags])
"""


RULES = {
    "value_equality": "a frozen dataclass compares by value: equal, not identical, one set member",
    "entity_identity": "an entity is equal by id (not by attributes) and hashes by id",
    "default_identity": "without __eq__, == falls back to identity",
    "eq_without_hash": "defining __eq__ without __hash__ makes instances unhashable",
    "shared_mutable_value": "a shared mutable value object changes for every holder",
    "shared_frozen_value": "replacing a frozen value object leaves every other holder's alone",
    "mutated_set_member": "mutating an object after putting it in a set loses it",
}


def run(code: str) -> str:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(compile(code, "<snippet>", "exec", dont_inherit=True), {"__name__": "snippet"})
    return buffer.getvalue().rstrip("\n")


def test_every_snippet_has_a_prediction() -> None:
    got = kata.predictions()
    assert sorted(got) == sorted(SNIPPETS), (
        "predictions(): one entry per snippet, keyed by the snippet's name"
    )


@pytest.mark.predict
@pytest.mark.parametrize("name", list(SNIPPETS))
def test_prediction(name: str) -> None:
    predicted = kata.predictions().get(name, "<no prediction>")
    actual = run(SNIPPETS[name])
    assert predicted.rstrip("\n") == actual, f"{name}: {RULES[name]}"
    assert predicted == actual, (
        f"predictions()[{name!r}]: the complete output, lines joined with '\\n', and no "
        "trailing newline"
    )
