"""Grader for day7.require_role: a decorator with arguments that checks the caller's roles."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from day7 import require_role as kata

ROLES = ["admin", "billing", "support", "auditor", "viewer"]


def raised(call: Callable[[], object]) -> BaseException | None:
    """The exception the call raised (None if it returned); a stub's NotImplementedError escapes."""
    try:
        call()
    except NotImplementedError:
        raise
    except Exception as exc:
        return exc
    return None


def user(*roles: str) -> kata.User:
    return kata.User("someone", frozenset(roles))


@settings(report_multiple_bugs=False)  # one failing case, not an ExceptionGroup
@given(
    required=st.lists(st.sampled_from(ROLES), min_size=1, max_size=4, unique=True),
    held=st.frozensets(st.sampled_from(ROLES)),
    by_keyword=st.booleans(),
)
@example(required=["admin", "billing"], held=frozenset({"admin"}), by_keyword=False)
@example(required=["admin", "billing"], held=frozenset({"billing"}), by_keyword=True)
@example(required=["billing", "admin"], held=frozenset(), by_keyword=False)
@example(required=["admin"], held=frozenset({"admin", "viewer"}), by_keyword=True)
def test_call_runs_only_with_every_role(
    required: list[str], held: frozenset[str], by_keyword: bool
) -> None:
    ran: list[int] = []

    def refund(user: kata.User, order_id: int) -> str:
        ran.append(order_id)
        return f"refunded {order_id}"

    protected = kata.require_role(*required)(refund)
    caller = kata.User("ann", held)
    returned: list[str] = []
    if by_keyword:
        error = raised(lambda: returned.append(protected(order_id=7, user=caller)))
    else:
        error = raised(lambda: returned.append(protected(caller, 7)))
    missing = [role for role in required if role not in held]
    if not missing:
        assert (error, returned, ran) == (None, ["refunded 7"], [7]), (
            "require_role(): a user holding every listed role gets the function's result"
        )
        return
    assert type(error) == kata.PermissionDenied, (
        "require_role(): a user missing any listed role gets PermissionDenied"
    )
    assert isinstance(error, kata.PermissionDenied)
    assert (error.function, error.role) == (refund.__qualname__, missing[0]), (
        "PermissionDenied names the protected function's __qualname__ and the first missing role "
        "in the order the roles were listed"
    )
    assert ran == [], "require_role(): when permission is denied the function must not run"


def export_ledger(user: kata.User) -> None:
    pass


def test_permission_denied_message_and_base_class() -> None:
    protected = kata.require_role("auditor")(export_ledger)
    error = raised(lambda: protected(user("viewer")))
    assert isinstance(error, kata.PermissionDenied), (
        "require_role(): a user without the role gets PermissionDenied"
    )
    want = f"{export_ledger.__qualname__} requires role 'auditor'"
    assert str(error) == want, "PermissionDenied's message is \"<function> requires role '<role>'\""
    assert isinstance(error, PermissionError), "PermissionDenied is a PermissionError"


def test_methods_find_the_user_after_self() -> None:
    deleted: list[str] = []

    class Documents:
        @kata.require_role("admin")
        def delete(self, user: kata.User, name: str) -> str:
            deleted.append(name)
            return f"{name} deleted"

    docs = Documents()
    got = [docs.delete(user("admin"), "a.txt"), docs.delete(name="b.txt", user=user("admin"))]
    assert got == ["a.txt deleted", "b.txt deleted"], (
        "require_role(): on a method, the user is the argument bound to `user`, after self"
    )
    error = raised(lambda: docs.delete(user("viewer"), "c.txt"))
    assert isinstance(error, kata.PermissionDenied), (
        "require_role(): on a method, a user without the role gets PermissionDenied"
    )
    assert deleted == ["a.txt", "b.txt"], "require_role(): a denied method call does not run"


def test_default_user_is_checked_when_the_call_omits_it() -> None:
    guest = user("viewer")

    def read_report(name: str, user: kata.User = guest) -> str:
        return f"report {name}"

    as_viewer = kata.require_role("viewer")(read_report)
    as_admin = kata.require_role("admin")(read_report)
    got = as_viewer("q3")
    assert got == "report q3", "require_role(): an omitted `user` is its default, and it is checked"
    error = raised(lambda: as_admin("q3"))
    assert type(error) == kata.PermissionDenied, (
        "require_role(): an omitted `user` is its default; a default user without the role is "
        "denied"
    )


def test_any_object_with_roles_is_a_user() -> None:
    def publish(post_id: int, *, user: Any) -> int:
        return post_id

    protected = kata.require_role("editor")(publish)
    got = protected(5, user=SimpleNamespace(roles=["editor", "writer"]))
    assert got == 5, "require_role(): any object with a `roles` collection can be the user"


def test_no_roles_is_a_value_error() -> None:
    error = raised(lambda: kata.require_role())
    assert type(error) == ValueError, "require_role() with no roles raises ValueError"


def test_function_without_user_parameter_is_a_type_error_at_decoration() -> None:
    decorate = kata.require_role("admin")

    def shutdown(force: bool) -> None:
        pass

    error = raised(lambda: decorate(shutdown))
    assert type(error) == TypeError, (
        "require_role(): decorating a function that has no `user` parameter raises TypeError"
    )


def test_call_that_does_not_fit_the_signature_is_a_type_error() -> None:
    ran: list[str] = []

    def rename(user: kata.User, old: str, new: str) -> None:
        ran.append(new)

    protected = kata.require_role("admin")(rename)
    errors = [raised(lambda: protected()), raised(lambda: protected(user("admin"), "a"))]
    assert [type(error) for error in errors] == [TypeError, TypeError], (
        "require_role(): a call whose arguments do not fit the signature raises TypeError"
    )
    assert ran == [], "require_role(): a call that does not fit the signature runs nothing"


def test_keeps_metadata() -> None:
    def close_account(user: kata.User, account_id: int) -> str:
        """Close a customer's account."""
        return f"closed {account_id}"

    protected = kata.require_role("admin")(close_account)
    assert protected(user("admin"), 9) == "closed 9", (
        "require_role(): an allowed call returns the function's result"
    )
    attrs = ("__name__", "__qualname__", "__doc__", "__module__")
    got = {attr: getattr(protected, attr, "<missing>") for attr in (*attrs, "__wrapped__")}
    want = {attr: getattr(close_account, attr) for attr in attrs} | {"__wrapped__": close_account}
    assert got == want, (
        "require_role(): the decorated function keeps __name__, __qualname__, __doc__, "
        "__module__ and has __wrapped__ pointing at the original (functools.wraps)"
    )
