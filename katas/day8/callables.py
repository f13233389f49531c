"""``Callable`` and ``ParamSpec``: type higher-order functions without losing a thing.

A function that takes or returns functions is easy to write and easy to type badly:
``Callable[..., Any]`` type-checks, and from then on mypy checks nothing — not the arguments,
not the result. Write three higher-order functions whose types carry everything through:

- ``compose(first, then)`` — ``Callable[[A], B]`` and ``Callable[[B], C]`` give a
  ``Callable[[A], C]``: mypy rejects a pipeline whose steps do not fit together.
- ``catching(*exc_types)`` — a decorator factory. The decorated function takes exactly the
  original's parameters (a ``ParamSpec`` ``P``) but returns ``R | None`` instead of ``R``: the
  type tells every caller that it may get ``None`` back.
- ``deferred(func, *args, **kwargs)`` — ``*args: P.args, **kwargs: P.kwargs`` make mypy check
  the arguments against ``func``'s signature *now*, although ``func`` runs later.

Python 3.11 is the floor: declare ``TypeVar``/``ParamSpec`` at module level (no
``def f[T]()`` syntax). The type claims are graded by type cases; an implementation that
behaves right under ``Callable[..., Any]`` types fails them.

Example::

    >>> to_len_then_double = compose(len, lambda n: n * 2)
    >>> to_len_then_double("abc")
    6
    >>> @catching(ZeroDivisionError)
    ... def ratio(a: int, b: int) -> float:
    ...     return a / b
    >>> ratio(1, 4), ratio(1, 0)
    (0.25, None)
    >>> later = deferred(print, "hello", end="!\\n")
    >>> later()
    hello!
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

A = TypeVar("A")
B = TypeVar("B")
C = TypeVar("C")
P = ParamSpec("P")
R = TypeVar("R")


def compose(first: Callable[[A], B], then: Callable[[B], C]) -> Callable[[A], C]:
    """Return a one-argument function that computes ``then(first(x))``.

    Pipeline order: ``first`` runs first and its result goes to ``then`` (the reverse of the
    mathematical ``then ∘ first`` notation). Nothing is called until the returned function is;
    each call of it calls ``first`` once and then ``then`` once. Exceptions propagate.

    >>> compose(str.strip, str.upper)("  ok ")
    'OK'
    >>> compose(lambda n: n + 1, lambda n: n * 10)(1)
    20
    """
    raise NotImplementedError


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
    raise NotImplementedError


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
    raise NotImplementedError
