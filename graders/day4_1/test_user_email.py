"""Grader for day4_1.user_email: Email is a value object, User an entity with a lifecycle."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from day4_1 import user_email as kata

ANN = UUID(int=1)
BOB = UUID(int=2)


def raised(call: Callable[[], object]) -> BaseException | None:
    """The exception the call raised (None if it returned); a stub's NotImplementedError escapes."""
    try:
        call()
    except NotImplementedError:
        raise
    except Exception as exc:
        return exc
    return None


def outcome(
    call: Callable[[], object], expected: type[BaseException] | tuple[type[BaseException], ...]
) -> str:
    """The expected exception's name if the call raised it (subclasses count), else what happened.

    With a tuple, any of its exceptions counts and the first one's name is returned.
    """
    error = raised(call)
    if error is None:
        return "nothing raised"
    if isinstance(error, expected):
        return (expected if isinstance(expected, type) else expected[0]).__name__
    return f"{type(error).__name__}: {error}"


class AlwaysEqual:
    """Claims equality with everything: reached only if the kata's __eq__ returns NotImplemented."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__


# --- Email -----------------------------------------------------------------------------------

LOCAL_CHARS = "abcxyzABCXYZ0189._+-"
DOMAINS = ["b.io", "Example.COM", "mail.example.co.uk", "x-1.Y-2.org", "a.b.c.d", "ÄÖ.de", "9.9"]
SPACES = ["", " ", "\t", " \n ", "\r\n"]
valid_addresses = st.builds(
    lambda before, local, domain, after: f"{before}{local}@{domain}{after}",
    st.sampled_from(SPACES),
    st.text(alphabet=LOCAL_CHARS, min_size=1, max_size=10),
    st.sampled_from(DOMAINS),
    st.sampled_from(SPACES),
)

@given(raw=valid_addresses)
@example(raw=" Ann@Example.COM ")
@example(raw="a@b.io")
@example(raw="\tfirst.last+tag@mail.example.co.uk\n")
def test_email_normalises_and_compares_by_value(raw: str) -> None:
    error = raised(lambda: kata.Email(raw))
    assert error is None, (
        "Email(address): an address that is valid once stripped of surrounding whitespace and "
        "lower-cased is accepted"
    )
    email = kata.Email(raw)
    want = raw.strip().lower()
    assert email.value == want, (
        "Email(address): value is the address stripped of surrounding whitespace, lower-cased"
    )
    assert email.domain == want.split("@")[1], "Email.domain: the part after '@'"
    assert (str(email), repr(email)) == (want, f"Email({want!r})"), (
        "str(email) is the value; repr(email) is \"Email('<value>')\""
    )
    same = kata.Email(want)
    assert email == same, (
        "Email ==: two emails with the same normalised value are equal (a value object)"
    )
    assert hash(email) == hash(same), "hash(Email): equal emails hash equal"
    assert (email == kata.Email("zz" + want)) is False, (
        "Email ==: emails with different values are not equal"
    )


INVALID = [
    "",
    "   ",
    "ann.example.com",
    "ann@@example.com",
    "ann@mail@example.com",
    "@example.com",
    "ann@",
    "ann@localhost",
    "ann@.example.com",
    "ann@example.com.",
    "ann@example..com",
    "ann smith@example.com",
    "ann@exa mple.com",
    "ann@example.com\tx",
]


def test_email_rejects_invalid_addresses() -> None:
    got = {raw: outcome(lambda raw=raw: kata.Email(raw), kata.InvalidEmail) for raw in INVALID}
    assert got == dict.fromkeys(INVALID, "InvalidEmail"), (
        "Email(address): an invalid address raises InvalidEmail (no whitespace inside, exactly "
        "one '@', a non-empty local part, a domain with a '.' not at either end and no '..')"
    )
    assert issubclass(kata.InvalidEmail, kata.DomainError), "InvalidEmail is a DomainError"
    not_text = [None, b"ann@example.com", 42]
    got_types = [outcome(lambda v=v: kata.Email(v), TypeError) for v in not_text]
    assert got_types == ["TypeError"] * 3, "Email(address): a non-str address raises TypeError"


def test_email_is_not_a_str_and_defers_to_others() -> None:
    email = kata.Email("ann@example.com")
    assert (email == "ann@example.com") is False, "Email ==: never equal to a plain str"
    assert (email == AlwaysEqual()) is True, (
        "Email ==: with a non-Email it returns NotImplemented, so Python asks the other operand"
    )
    lookup = {kata.Email("ann@example.com"): "ann"}
    assert lookup.get(kata.Email(" ANN@example.com")) == "ann", (
        "Email: an equal email finds the same dict entry (usable as a key)"
    )


def test_email_is_immutable() -> None:
    email = kata.Email("ann@example.com")
    got = {
        "email.value = ...": outcome(lambda: setattr(email, "value", "x@y.io"), AttributeError),
        # a frozen slots dataclass raises TypeError here on Python 3.11 (a CPython bug): the
        # spec promises AttributeError, so a hand-written class with __slots__ is the way
        "email.note = ...": outcome(lambda: setattr(email, "note", "vip"), AttributeError),
    }
    assert got == {"email.value = ...": "AttributeError", "email.note = ...": "AttributeError"}, (
        "Email is immutable: assigning value or a new attribute raises AttributeError"
    )
    assert email.value == "ann@example.com", "Email is immutable: its value never changes"


# --- User ------------------------------------------------------------------------------------


def test_users_are_equal_by_id_only() -> None:
    first = kata.User(ANN, kata.Email("ann@example.com"))
    second = kata.User(ANN, kata.Email("ann@elsewhere.example"))
    other = kata.User(BOB, kata.Email("ann@example.com"))
    assert (first == second, first == other) == (True, False), (
        "User ==: equal exactly when the ids are equal, whatever the email (an entity)"
    )
    assert hash(first) == hash(second), "hash(User): depends on the id only"
    assert (first == AlwaysEqual()) is True, (
        "User ==: with a non-User it returns NotImplemented, so Python asks the other operand"
    )
    assert (first == ANN) is False, "User ==: a user is not equal to its bare id"


def test_register_records_an_event_and_the_constructor_does_not() -> None:
    email = kata.Email("ann@example.com")
    registered = kata.User.register(ANN, email)
    rebuilt = kata.User(BOB, email)
    assert type(registered) is kata.User, "User.register(): returns a User"
    assert registered.pull_events() == [kata.UserRegistered(ANN, email)], (
        "User.register(id, email): records UserRegistered(id, email)"
    )
    assert rebuilt.pull_events() == [], "User(id, email): rebuilding a user records no event"
    assert (registered.id, registered.email, registered.active) == (ANN, email, True), (
        "User: id and email as given; a new user is active"
    )


def test_change_email_keeps_identity_and_records_the_change() -> None:
    old, new = kata.Email("ann@example.com"), kata.Email("ann@new.example")
    user = kata.User(ANN, old)
    members = {user}
    user.change_email(new)
    assert (user.id, user.email) == (ANN, new), "change_email(): the id stays, the email changes"
    assert user in members, (
        "User: still found in a set after its email changed (hash depends on the id only)"
    )
    assert user == kata.User(ANN, old), "User: still equal to the same user as it was before"
    assert user.pull_events() == [kata.EmailChanged(ANN, old, new)], (
        "change_email(new): records EmailChanged(user_id, old, new)"
    )
    assert user.pull_events() == [], "pull_events(): a second pull right after returns []"


def test_changing_to_the_same_email_records_nothing() -> None:
    user = kata.User(ANN, kata.Email("ann@example.com"))
    user.change_email(kata.Email("  ANN@example.com "))
    assert user.pull_events() == [], (
        "change_email(new): when new equals the current email (by value), nothing is recorded"
    )


def test_deactivation_lifecycle() -> None:
    email = kata.Email("ann@example.com")
    user = kata.User.register(ANN, email)
    user.deactivate()
    user.deactivate()
    assert user.active is False, "deactivate(): the user is inactive afterwards"
    error = raised(lambda: user.change_email(kata.Email("ann@new.example")))
    assert isinstance(error, kata.UserInactive), (
        "change_email(): an inactive user cannot change email — UserInactive"
    )
    assert issubclass(kata.UserInactive, kata.DomainError), "UserInactive is a DomainError"
    assert user.email == email, "change_email(): a refused change leaves the email as it was"
    assert user.pull_events() == [kata.UserRegistered(ANN, email), kata.UserDeactivated(ANN)], (
        "deactivate(): records UserDeactivated once; deactivating again records nothing"
    )


def test_inactive_user_refuses_even_the_current_email() -> None:
    email = kata.Email("ann@example.com")
    user = kata.User.register(ANN, email)
    user.deactivate()
    user.pull_events()
    got = {
        "same email": outcome(
            lambda: user.change_email(kata.Email("ann@example.com")), kata.UserInactive
        ),
        "same email, other spelling": outcome(
            lambda: user.change_email(kata.Email(" ANN@example.com")), kata.UserInactive
        ),
    }
    assert got == dict.fromkeys(got, "UserInactive"), (
        "change_email(): on an inactive user it always raises UserInactive — even when new "
        "equals the current email (the inactive check comes first)"
    )
    assert (user.email, user.pull_events()) == (email, []), (
        "change_email(): a refused change leaves the email as it was and records nothing"
    )


def test_user_attributes_are_read_only() -> None:
    user = kata.User(ANN, kata.Email("ann@example.com"))
    attempts = {
        "id": lambda: setattr(user, "id", BOB),
        "email": lambda: setattr(user, "email", kata.Email("x@y.io")),
        "active": lambda: setattr(user, "active", False),
    }
    got = {name: outcome(attempt, AttributeError) for name, attempt in attempts.items()}
    assert got == dict.fromkeys(attempts, "AttributeError"), (
        "User: id, email and active are read-only properties (change email with change_email)"
    )


POOL = ["ann@example.com", "ANN@example.com ", "ann@new.example", "bob@example.com"]


class UserLifecycle(RuleBasedStateMachine):
    """Random sequences of change_email/deactivate/pull_events against a simple model."""

    @initialize()
    def start(self) -> None:
        self.user = kata.User.register(ANN, kata.Email(POOL[0]))
        self.members = {self.user}
        self.model_email = POOL[0].strip().lower()
        self.model_active = True
        self.model_events: list[object] = [kata.UserRegistered(ANN, kata.Email(POOL[0]))]

    @rule(address=st.sampled_from(POOL))
    def change_email(self, address: str) -> None:
        new = kata.Email(address)
        error = raised(lambda: self.user.change_email(new))
        if not self.model_active:
            assert isinstance(error, kata.UserInactive), "change_email(): inactive -> UserInactive"
            return
        assert error is None, "change_email(): an active user can change email"
        if new.value != self.model_email:
            self.model_events.append(kata.EmailChanged(ANN, kata.Email(self.model_email), new))
            self.model_email = new.value

    @rule()
    def deactivate(self) -> None:
        self.user.deactivate()
        if self.model_active:
            self.model_events.append(kata.UserDeactivated(ANN))
            self.model_active = False

    @rule()
    def pull(self) -> None:
        got = self.user.pull_events()
        assert got == self.model_events, (
            "pull_events(): the events recorded since the previous pull, oldest first"
        )
        self.model_events = []

    @invariant()
    def identity_is_stable(self) -> None:
        if not hasattr(self, "user"):
            return
        assert (self.user.email.value, self.user.active) == (self.model_email, self.model_active), (
            "User: email and active follow change_email and deactivate"
        )
        assert self.user in self.members and self.user == kata.User(ANN, kata.Email("x@y.io")), (
            "User: stays the same entity (equal by id, same hash) through its whole lifecycle"
        )


UserLifecycle.TestCase.settings = settings(max_examples=25, stateful_step_count=15)
test_user_lifecycle = UserLifecycle.TestCase
