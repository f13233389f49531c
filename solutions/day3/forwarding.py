"""Forwarding wrapper: ``*args`` / ``**kwargs`` that keep every argument intact.

A wrapper (logging, metrics, retries, an audit trail) sits between callers and a function and
must be invisible to both: the function receives exactly what the caller passed — the very same
objects, positional ones still positional and in the same order, keyword ones still keyword — and
the caller gets back exactly what the function returned.

Write ``recorded(func, journal)``: a wrapper that writes each call down in ``journal`` as a
``Call`` and then forwards it to ``func`` untouched. ``func`` can have any signature, including
positional-only (``/``) and keyword-only (``*``) parameters, so the wrapper collects whatever it
is given with ``*args`` / ``**kwargs`` and passes it on with ``*args`` / ``**kwargs``.

Example::

    >>> journal: list[Call] = []
    >>> def greet(name: str, /, *, punctuation: str = "!") -> str:
    ...     return f"hello, {name}{punctuation}"
    >>> audited_greet = recorded(greet, journal)
    >>> audited_greet("ada", punctuation="?")
    'hello, ada?'
    >>> audited_greet("bob")
    'hello, bob!'
    >>> journal
    [Call(args=('ada',), kwargs={'punctuation': '?'}), Call(args=('bob',), kwargs={})]
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Call:
    """One call as the caller made it: positional arguments in order, keyword arguments by name."""

    args: tuple[object, ...]
    kwargs: dict[str, object]


def recorded(func: Callable[P, R], journal: list[Call]) -> Callable[P, R]:
    """Return a wrapper that appends each call to ``journal``, then forwards it to ``func``.

    Every call of the wrapper:

    1. appends ``Call(args, kwargs)`` to ``journal`` *before* calling ``func`` — ``args`` is the
       tuple of positional arguments in order, ``kwargs`` a dict of the keyword arguments in the
       order they were given (``{}`` when there are none);
    2. calls ``func`` once, with the same positional arguments passed positionally in the same
       order and the same keyword arguments passed by keyword — the very same objects: nothing
       copied, converted, added or dropped. Keyword arguments are forwarded whatever their
       names, even names the wrapper itself might use: ``wrapper(1, self=2, func=3)`` calls
       ``func(1, self=2, func=3)`` (a callable class needs ``def __call__(self, /, ...)``);
    3. returns ``func``'s result itself. If ``func`` raises, the same exception propagates and
       the call stays in ``journal``.

    ``recorded`` itself neither calls ``func`` nor touches ``journal``. For type checkers the
    wrapper has ``func``'s exact signature: wrapping ``def add(a: int, b: int) -> int`` gives a
    callable that mypy checks as taking two ints and returning an int (``ParamSpec``).

    >>> calls: list[Call] = []
    >>> add = recorded(lambda a, b: a + b, calls)
    >>> add(1, b=2), calls
    (3, [Call(args=(1,), kwargs={'b': 2})])
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        journal.append(Call(args, dict(kwargs)))
        return func(*args, **kwargs)

    return wrapper
