"""Authorization decorator: refuse a call unless the user has every required role.

Write ``require_role(*roles)``, a decorator with arguments. It protects a function that has a
parameter named ``user``; the object passed for it has a ``roles`` attribute, a collection of
role names (``User`` below is one such object; any object with ``roles`` works).

- ``require_role()`` with no roles raises ``ValueError`` when it is called.
- Applying the decorator to a function without a parameter named ``user`` raises
  ``TypeError`` at decoration time (when ``@require_role(...)`` is applied, not at a call).
- On every call, the decorator finds the argument bound to ``user``, however it is passed:
  positionally, by keyword, or as a method's second argument after ``self``. When the call
  leaves ``user`` out and the parameter has a default, the default is the user checked. A call
  whose arguments do not fit the function's signature raises ``TypeError`` and runs nothing.
- The user must have *every* listed role. If a role is missing, ``PermissionDenied`` is raised
  naming the protected function (its ``__qualname__``) and the first missing role in the order
  the roles were listed — and the protected function does not run at all.
- Otherwise the function runs with the arguments exactly as given and its result is returned.
- The decorated function keeps the original's metadata (``__name__``, ``__qualname__``,
  ``__doc__``, ``__module__``, ``__wrapped__``) and, for type checkers, its signature.

``inspect.signature(func).bind(*args, **kwargs)`` maps a call's arguments to parameter names.

Example::

    >>> @require_role("admin", "billing")
    ... def refund(user: User, order_id: int) -> str:
    ...     return f"refunded {order_id}"
    >>> refund(User("ann", frozenset({"admin", "billing"})), 7)
    'refunded 7'
    >>> refund(user=User("bob", frozenset({"admin"})), order_id=7)
    Traceback (most recent call last):
    ...
    day7.require_role.PermissionDenied: refund requires role 'billing'
"""

from __future__ import annotations

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
        raise NotImplementedError


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
    raise NotImplementedError
