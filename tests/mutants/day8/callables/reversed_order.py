"""Composes in math order: compose(first, then)(x) computes first(then(x))."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

A = TypeVar("A")
B = TypeVar("B")
C = TypeVar("C")
P = ParamSpec("P")
R = TypeVar("R")


def compose(first: Callable[[B], C], then: Callable[[A], B]) -> Callable[[A], C]:
    """Return a one-argument function that computes ``then(first(x))``.

    Pipeline order: ``first`` runs first and its result goes to ``then`` (the reverse of the
    mathematical ``then ∘ first`` notation). Nothing is called until the returned function is;
    each call of it calls ``first`` once and then ``then`` once. Exceptions propagate.

    >>> compose(str.strip, str.upper)("  ok ")
    'OK'
    >>> compose(lambda n: n + 1, lambda n: n * 10)(1)
    20
    """

    def composed(value: A) -> C:
        return first(then(value))

    return composed


def catching(*exc_types: type[Exception]) -> Callable[[Callable[P, R]], Callable[P, R | None]]:
    """Return a decorator: the decorated function returns ``None`` instead of raising ``exc_types``.

    The decorated function takes exactly the original's arguments (positional and keyword)
    and passes them on unchanged. If the original raises an instance of one of ``exc_types``
    (subclasses included), the call returns ``None``; any other exception propagates
    unchanged (the same exception object); otherwise the original's result is returned.

    The decorated function keeps the original's metadata (``__name__``, ``__qualname__``,
    ``__doc__``, ``__module__`` and ``__wrapped__`` pointing at the original — what
    ``functools.wraps`` copies). For mypy it takes the original's parameters and returns
    ``R | None``.

    Raises:
        ValueError: no exception type is given — ``catching()`` would catch nothing, which is
            a mistake; raised by ``catching()`` itself, before any function is decorated.

    >>> @catching(KeyError, IndexError)
    ... def first_tag(user: dict[str, list[str]]) -> str:
    ...     return user["tags"][0]
    >>> first_tag({"tags": ["admin"]}), first_tag({"tags": []}), first_tag({})
    ('admin', None, None)
    """
    if not exc_types:
        raise ValueError("catching() needs at least one exception type")

    def decorate(func: Callable[P, R]) -> Callable[P, R | None]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | None:
            try:
                return func(*args, **kwargs)
            except exc_types:
                return None

        return wrapper

    return decorate


def deferred(func: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> Callable[[], R]:
    """Return a zero-argument callable that calls ``func(*args, **kwargs)`` — later.

    ``func`` is *not* called by ``deferred``; every call of the returned callable calls it
    once more, with the same arguments, and returns that call's result (nothing is cached).
    The argument objects are kept as given (not copied). ``func`` is positional-only, so a
    keyword argument that happens to be called ``func`` is passed on to ``func`` like any other.

    For mypy the arguments are checked against ``func``'s signature at the ``deferred`` call,
    and the result is a ``Callable[[], R]``.

    >>> def greet(name: str, *, punctuation: str = ".") -> str:
    ...     return f"Hello, {name}{punctuation}"
    >>> task = deferred(greet, "Ann", punctuation="!")
    >>> task()
    'Hello, Ann!'
    """

    def call() -> R:
        return func(*args, **kwargs)

    return call
