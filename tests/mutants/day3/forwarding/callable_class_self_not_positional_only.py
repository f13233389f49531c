"""A callable class whose __call__ takes self as an ordinary parameter, so wrapper(1, self=2) fails."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, ParamSpec, TypeVar

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

    return _Recorder(func, journal)


class _Recorder(Generic[P, R]):
    def __init__(self, func: Callable[P, R], journal: list[Call]) -> None:
        self._func = func
        self._journal = journal
        functools.update_wrapper(self, func)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        self._journal.append(Call(args, dict(kwargs)))
        return self._func(*args, **kwargs)
