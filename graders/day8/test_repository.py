"""Grader for day8.repository: a generic in-memory repository, a service on the Protocol only.

The service is graded on a repository written here (``TableRepo``): it has the four Protocol
methods and nothing else, so a service that reaches past the Protocol fails. The type-level
claims (structural conformance, generic results) are graded by ``typecases/repository.py``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from day8 import repository as kata

User = kata.User


def call(rule: str, func: Any, /, *args: Any, **kwargs: Any) -> Any:
    """Call learner code; an unexpected exception fails with the rule (the stub's propagates)."""
    try:
        return func(*args, **kwargs)
    except NotImplementedError:
        raise
    except Exception as exc:
        pytest.fail(f"{rule} — it raised {type(exc).__name__}: {exc}")


def expect_raises(exc_type: type[Exception], rule: str, func: Any, /, *args: Any) -> Exception:
    """Call learner code expecting ``exc_type``; the stub's NotImplementedError propagates."""
    try:
        got = func(*args)
    except NotImplementedError:
        raise
    except exc_type as caught:
        return caught
    except Exception as other:
        pytest.fail(f"{rule} — it raised {type(other).__name__}: {other}")
    pytest.fail(f"{rule} — it returned {got!r}")


@dataclass(frozen=True)
class Item:
    id: int
    label: str


class Token:
    """An entity that is not a dataclass: ``id`` is a read-only property."""

    __slots__ = ("_id",)

    def __init__(self, ident: int) -> None:
        self._id = ident

    @property
    def id(self) -> int:
        return self._id


class TableRepo:
    """A Repository[User] that does not inherit from anything and has nothing but the Protocol.

    Rows live in a list of (id, user) pairs — no ``_items`` dict to peek at — and every call is
    recorded, so tests can see what the service did.
    """

    __slots__ = ("_rows", "calls")

    def __init__(self, *users: User) -> None:
        self._rows: list[tuple[int, User]] = [(u.id, u) for u in users]
        self.calls: list[str] = []

    def get(self, entity_id: int) -> User | None:
        self.calls.append("get")
        return next((u for i, u in self._rows if i == entity_id), None)

    def save(self, entity: User) -> None:
        self.calls.append("save")
        self._rows = [(i, u) for i, u in self._rows if i != entity.id] + [(entity.id, entity)]

    def delete(self, entity_id: int) -> bool:
        self.calls.append("delete")
        before = len(self._rows)
        self._rows = [(i, u) for i, u in self._rows if i != entity_id]
        return len(self._rows) != before

    def list_all(self) -> list[User]:
        self.calls.append("list_all")
        return [u for _, u in sorted(self._rows, key=lambda row: row[0])]

    def stored(self) -> dict[int, User]:
        """What is in the table (for the grader's eyes; not part of the Protocol)."""
        return dict(self._rows)


# --- InMemoryRepository -------------------------------------------------------------------


class InMemoryRepositoryMachine(RuleBasedStateMachine):
    """Random save/get/delete sequences against a dict model of the spec."""

    def __init__(self) -> None:
        super().__init__()
        self.repo: Any = kata.InMemoryRepository()
        self.model: dict[int, Item] = {}

    @rule(ident=st.integers(min_value=1, max_value=6), label=st.sampled_from("abc"))
    def save(self, ident: int, label: str) -> None:
        item = Item(ident, label)
        got = call("InMemoryRepository.save(): returns None", self.repo.save, item)
        assert got is None, "InMemoryRepository.save(): returns None"
        self.model[ident] = item

    @rule(ident=st.integers(min_value=0, max_value=7))
    def get(self, ident: int) -> None:
        got = call("InMemoryRepository.get(): never raises", self.repo.get, ident)
        assert got is self.model.get(ident), (
            "InMemoryRepository.get(id): the entity last saved with that id (the same object), "
            "or None when there is none (never saved, or deleted)"
        )

    @rule(ident=st.integers(min_value=0, max_value=7))
    def delete(self, ident: int) -> None:
        got = call("InMemoryRepository.delete(): never raises", self.repo.delete, ident)
        assert got is (ident in self.model), (
            "InMemoryRepository.delete(id): True when an entity with that id was there, else False"
        )
        self.model.pop(ident, None)

    @invariant()
    def lists_everything_by_id(self) -> None:
        got = call("InMemoryRepository.list_all(): never raises", self.repo.list_all)
        want = [self.model[k] for k in sorted(self.model)]
        assert got == want, (
            "InMemoryRepository.list_all(): every stored entity once (a save with an existing "
            "id replaces it), ordered by id ascending"
        )


InMemoryRepositoryMachine.TestCase.settings = settings(max_examples=15, stateful_step_count=10)
test_in_memory_repository_behaves_like_a_dict_keyed_by_id = InMemoryRepositoryMachine.TestCase


def test_in_memory_repositories_do_not_share_storage() -> None:
    first, second = kata.InMemoryRepository[Item](), kata.InMemoryRepository[Item]()
    first.save(Item(1, "first"))
    got = (second.get(1), second.list_all())
    assert got == (None, []), (
        "InMemoryRepository: each instance has its own storage — an entity saved in one is not "
        "in another"
    )


def test_list_all_returns_a_new_list() -> None:
    repo = kata.InMemoryRepository[Item]()
    repo.save(Item(1, "a"))
    listed = repo.list_all()
    listed.clear()
    listed.append(Item(9, "z"))
    got = repo.list_all()
    assert got == [Item(1, "a")], (
        "InMemoryRepository.list_all(): returns a new list; changing it does not change the "
        "repository"
    )


def test_in_memory_repository_stores_any_entity_with_an_id() -> None:
    repo = kata.InMemoryRepository[Token]()
    tokens = [Token(3), Token(1), Token(2)]
    for token in tokens:
        repo.save(token)
    got = [token.id for token in repo.list_all()]
    assert got == [1, 2, 3], (
        "InMemoryRepository: works for any entity with an int id, not only dataclasses"
    )


@dataclass(frozen=True)
class Cart:
    """An entity that is falsy while empty (it has a __len__): still an entity with an id."""

    id: int
    items: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.items)


def test_a_falsy_entity_is_still_an_entity() -> None:
    repo = kata.InMemoryRepository[Cart]()
    empty = Cart(1)
    repo.save(empty)
    got = (repo.get(1) is empty, repo.list_all(), repo.delete(1), repo.get(1), repo.delete(1))
    assert got == (True, [empty], True, None, False), (
        "InMemoryRepository: an entity that is falsy (an empty cart) is stored, found and "
        "deleted like any other — delete() is True when there was one (check `is None`, not "
        "truthiness)"
    )


# --- UserService on the grader's TableRepo -------------------------------------------------


def test_register_creates_saves_and_returns_active_users() -> None:
    repo = TableRepo()
    service = kata.UserService(repo)
    ann = call(
        "UserService.register(): a valid email and name register",
        service.register,
        " Ann@Example.COM ",
        "  Ann ",
    )
    assert ann == User(1, "ann@example.com", "Ann", True), (
        "UserService.register(): the first user gets id 1, the email is stripped and "
        "lower-cased, the name stripped, active is True"
    )
    bob = service.register("bob@example.com", "Bob")
    assert bob.id == 2, "UserService.register(): the next id is one more than the highest id"
    assert repo.stored() == {1: ann, 2: bob}, (
        "UserService.register(): the new user is saved through the repository's save()"
    )


def test_register_continues_after_the_highest_id_in_the_repository() -> None:
    repo = TableRepo(User(3, "c@example.com", "C"), User(10, "j@example.com", "J", False))
    service = kata.UserService(repo)
    got = call(
        "UserService.register(): a new email registers", service.register, "new@example.com", "New"
    )
    assert got.id == 11, (
        "UserService.register(): the id is one more than the highest id in the repository at "
        "the time of the call — not a counter of the service, not the number of users"
    )
    repo.save(User(20, "t@example.com", "T"))
    got = service.register("newer@example.com", "Newer")
    assert got.id == 21, (
        "UserService.register(): users saved into the repository by another writer count too "
        "(the service keeps no state of its own)"
    )


@pytest.mark.parametrize(
    "email",
    ["", "   ", "ann", "@example.com", "ann@", "ann@@example.com", "a@b@c"],
)
def test_register_rejects_invalid_emails(email: str) -> None:
    repo = TableRepo()
    service = kata.UserService(repo)
    expect_raises(
        ValueError,
        f"UserService.register({email!r}, ...): an email needs exactly one @ with something on "
        "each side — ValueError",
        service.register,
        email,
        "Ann",
    )
    assert repo.stored() == {}, "UserService.register(): nothing is saved when registration fails"


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_register_rejects_blank_names(name: str) -> None:
    repo = TableRepo()
    service = kata.UserService(repo)
    expect_raises(
        ValueError,
        "UserService.register(): a name that is empty after stripping raises ValueError",
        service.register,
        "ann@example.com",
        name,
    )
    assert repo.stored() == {}, "UserService.register(): nothing is saved when registration fails"


def test_register_rejects_an_email_already_registered() -> None:
    repo = TableRepo(User(5, "old@example.com", "Old", False))
    service = kata.UserService(repo)
    service.register("ann@example.com", "Ann")
    for again in (" ANN@example.com", "ann@EXAMPLE.com ", "OLD@example.com"):
        expect_raises(
            ValueError,
            f"UserService.register({again!r}): the same email once normalized (stripped, "
            "lower-cased) is already registered, active or not — ValueError",
            service.register,
            again,
            "Someone",
        )
    assert sorted(repo.stored()) == [5, 6], "UserService.register(): a rejected user is not saved"


def test_get_returns_the_user_or_raises_key_error() -> None:
    stored = User(4, "d@example.com", "D")
    service = kata.UserService(TableRepo(stored))
    got = call("UserService.get(): an existing id gives its user", service.get, 4)
    assert got == stored, "UserService.get(id): the user with that id"
    caught = expect_raises(
        KeyError, "UserService.get(): an unknown id raises KeyError", service.get, 5
    )
    assert caught.args == (5,), "UserService.get(): the KeyError's argument is the missing id"


def test_find_by_email_compares_normalized_emails() -> None:
    stored = User(2, "bea@example.com", "Bea")
    service = kata.UserService(TableRepo(stored))
    rule = "UserService.find_by_email(): emails are compared normalized (stripped, lower-cased)"
    got = call(rule, service.find_by_email, "  BEA@Example.com")
    assert got == stored, rule
    got = service.find_by_email("nobody@example.com")
    assert got is None, "UserService.find_by_email(): None when no user has that email"


def test_stored_emails_are_normalized_too() -> None:
    stored = User(3, " Cy@Example.COM", "Cy")  # saved as typed by another writer
    repo = TableRepo(stored)
    service = kata.UserService(repo)
    rule = (
        "UserService.find_by_email(): both emails are normalized — also a stored one that "
        "another writer saved as typed"
    )
    got = call(rule, service.find_by_email, "cy@example.com")
    assert got == stored, rule
    expect_raises(
        ValueError,
        "UserService.register('cy@example.com'): a stored ' Cy@Example.COM' is the same email "
        "once normalized — the stored email is normalized for the comparison too — ValueError",
        service.register,
        "cy@example.com",
        "Cy again",
    )
    assert sorted(repo.stored()) == [3], "UserService.register(): a rejected user is not saved"


def test_deactivate_saves_an_inactive_copy() -> None:
    repo = TableRepo(User(1, "a@example.com", "A"), User(2, "b@example.com", "B"))
    service = kata.UserService(repo)
    got = call(
        "UserService.deactivate(): an existing user can be deactivated", service.deactivate, 2
    )
    assert got == User(2, "b@example.com", "B", False), (
        "UserService.deactivate(id): returns the user with active=False, other fields unchanged"
    )
    assert repo.stored()[2] == got, "UserService.deactivate(): the inactive user is saved"
    again = call(
        "UserService.deactivate(): an inactive user can be deactivated again", service.deactivate, 2
    )
    assert again.active is False, "UserService.deactivate(): an inactive user stays inactive"
    expect_raises(
        KeyError, "UserService.deactivate(): an unknown id raises KeyError", service.deactivate, 3
    )


def test_active_users_are_the_active_ones_by_id() -> None:
    repo = TableRepo(
        User(7, "g@example.com", "G"),
        User(2, "b@example.com", "B", False),
        User(3, "c@example.com", "C"),
    )
    service = kata.UserService(repo)
    rule = "UserService.active_users(): the active users only, ordered by id"
    got = [u.id for u in call(rule, service.active_users)]
    assert got == [3, 7], rule


def test_the_service_works_on_the_in_memory_repository_too() -> None:
    service = kata.UserService(kata.InMemoryRepository[User]())
    service.register("ann@example.com", "Ann")
    service.register("bob@example.com", "Bob")
    service.deactivate(1)
    got = service.active_users()
    assert got == [User(2, "bob@example.com", "Bob")], (
        "UserService on InMemoryRepository[User]: register, deactivate and active_users work "
        "together"
    )


EMAILS = ["ann@example.com", "bob@example.com", "cy@example.com"]


class UserServiceMachine(RuleBasedStateMachine):
    """The service and another writer share one repository; a model tracks what must be true."""

    def __init__(self) -> None:
        super().__init__()
        self.repo = TableRepo()
        self.service = kata.UserService(self.repo)
        self.model: dict[int, User] = {}

    def _by_email(self, email: str) -> User | None:
        return next((u for u in self.model.values() if u.email == email), None)

    @rule(email=st.sampled_from(EMAILS), upper=st.booleans(), name=st.sampled_from(["A", " B "]))
    def register(self, email: str, upper: bool, name: str) -> None:
        given = f" {email.upper()}" if upper else email
        if self._by_email(email) is not None:
            expect_raises(
                ValueError,
                "UserService.register(): an email already in the repository raises ValueError",
                self.service.register,
                given,
                name,
            )
            return
        got = call(
            "UserService.register(): a new valid email registers",
            self.service.register,
            given,
            name,
        )
        want = User(max(self.model, default=0) + 1, email, name.strip())
        assert got == want, (
            "UserService.register(): id is the highest id in the repository + 1, email "
            "normalized, name stripped, active"
        )
        self.model[want.id] = want

    @rule(email=st.sampled_from(EMAILS), ident=st.integers(min_value=1, max_value=12))
    def other_writer_saves(self, email: str, ident: int) -> None:
        if self._by_email(email) is not None or ident in self.model:
            return
        user = User(ident, email, "Other")
        self.repo.save(user)
        self.model[ident] = user

    @precondition(lambda self: bool(self.model))
    @rule(data=st.data())
    def deactivate(self, data: st.DataObject) -> None:
        ident = data.draw(st.sampled_from(sorted(self.model)))
        got = call(
            "UserService.deactivate(): an existing user can be deactivated",
            self.service.deactivate,
            ident,
        )
        want = dataclasses.replace(self.model[ident], active=False)
        assert got == want, "UserService.deactivate(): the user with active=False"
        self.model[ident] = want

    @invariant()
    def active_users_match(self) -> None:
        got = call("UserService.active_users(): never raises", self.service.active_users)
        want = [self.model[k] for k in sorted(self.model) if self.model[k].active]
        assert got == want, (
            "UserService.active_users(): the active users in the repository — including those "
            "another writer saved — ordered by id"
        )


UserServiceMachine.TestCase.settings = settings(max_examples=15, stateful_step_count=10)
test_user_service_with_another_writer = UserServiceMachine.TestCase
