"""Passes the keyword arguments' values on positionally, in order."""

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
       copied, converted, added or dropped;
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
        return func(*args, *kwargs.values())

    return wrapper
