"""Calls __exit__(None, None, None) in a finally: exceptions are never shown to it."""

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
    mgr = type(cm)
    try:
        enter = mgr.__enter__
        exit_ = mgr.__exit__
    except AttributeError:
        raise TypeError(
            f"{mgr.__qualname__!r} object does not support the context manager protocol"
        ) from None
    value = enter(cm)
    try:
        return body(value)
    finally:
        exit_(cm, None, None, None)
