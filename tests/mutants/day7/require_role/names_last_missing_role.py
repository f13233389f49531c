"""Checks every role but reports the last missing one, not the first."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class User:
    """A user and the names of the roles they hold (given; nothing to implement here)."""

    name: str
    roles: frozenset[str] = frozenset()


class PermissionDenied(PermissionError):
    """The user lacks a role the protected function requires.

    ``.function`` is the protected function's ``__qualname__``, ``.role`` the missing role.

    >>> error = PermissionDenied("refund", "billing")
    >>> error.function, error.role, str(error)
    ('refund', 'billing', "refund requires role 'billing'")
    """

    function: str
    role: str

    def __init__(self, function: str, role: str) -> None:
        super().__init__(f"{function} requires role {role!r}")
        self.function = function
        self.role = role


def require_role(*roles: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Return a decorator that lets a call through only if its ``user`` has all ``roles``.

    Raises ``ValueError`` when no role is given, ``TypeError`` when the decorated function has
    no ``user`` parameter, and ``PermissionDenied`` (before the function runs) when the user
    lacks one of the roles.

    >>> class Orders:
    ...     @require_role("support")
    ...     def cancel(self, user: User, order_id: int) -> str:
    ...         return f"cancelled {order_id}"
    >>> Orders().cancel(User("cy", frozenset({"support"})), 3)
    'cancelled 3'
    """
    if not roles:
        raise ValueError("require_role() needs at least one role")

    def decorator(func: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(func)
        if "user" not in signature.parameters:
            raise TypeError(f"{func.__qualname__} has no 'user' parameter to check")

        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            held = bound.arguments["user"].roles
            missing = [role for role in roles if role not in held]
            if missing:
                raise PermissionDenied(func.__qualname__, missing[-1])
            return func(*args, **kwargs)

        return wrapper

    return decorator
