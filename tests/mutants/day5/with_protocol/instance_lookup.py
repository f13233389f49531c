"""Looks __enter__/__exit__ up on the instance instead of its type."""

from contextlib import AbstractContextManager
from collections.abc import Callable
from typing import TypeVar

V = TypeVar("V")
R = TypeVar("R")


def run_with(cm: AbstractContextManager[V], body: Callable[[V], R]) -> R | None:
    """Run ``body`` inside ``cm`` the way ``with cm as value: body(value)`` would.

    Returns the body's result, or ``None`` when ``__exit__`` suppressed the body's exception.

    >>> class Tag:
    ...     def __init__(self, name: str) -> None:
    ...         self.name = name
    ...     def __enter__(self) -> str:
    ...         print(f"<{self.name}>")
    ...         return self.name
    ...     def __exit__(self, exc_type: object, exc: object, tb: object) -> bool:
    ...         print(f"</{self.name}>")
    ...         return exc_type is KeyError          # suppress KeyError only
    >>> run_with(Tag("p"), lambda name: f"inside {name}")
    <p>
    </p>
    'inside p'
    >>> print(run_with(Tag("p"), lambda name: {}[name]))
    <p>
    </p>
    None
    >>> run_with(Tag("p"), lambda name: int(name))
    Traceback (most recent call last):
    ...
    ValueError: invalid literal for int() with base 10: 'p'
    """
    try:
        enter = cm.__enter__
        exit_ = cm.__exit__
    except AttributeError:
        raise TypeError(f"{type(cm).__qualname__!r} object is not a context manager") from None
    value = enter()
    try:
        result = body(value)
    except BaseException as exc:
        if not exit_(type(exc), exc, exc.__traceback__):
            raise
        return None
    else:
        exit_(None, None, None)
        return result
