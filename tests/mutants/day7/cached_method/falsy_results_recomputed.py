"""Tests the cached value for truth, so None, 0, False and empties are recomputed."""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import Any, Concatenate, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S")

_CACHES = "_cached_method_caches"  # instance attribute: {decorated method: {key: result}}


def cached_method(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Cache ``method``'s results per instance (by identity) and per arguments.

    The key is the positional arguments and the keyword arguments in any order; unhashable
    arguments raise ``TypeError`` without running the method; calls that raise are not cached.

    >>> class Squares:
    ...     @cached_method
    ...     def of(self, n: int) -> int:
    ...         print("computing", n)
    ...         return n * n
    >>> squares = Squares()
    >>> squares.of(4)
    computing 4
    16
    >>> squares.of(4)
    16
    """

    @functools.wraps(method)
    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        caches: dict[Callable[..., Any], dict[Hashable, R]] = vars(self).setdefault(_CACHES, {})
        cache = caches.setdefault(wrapper, {})
        key = (args, frozenset(kwargs.items()))
        if cached := cache.get(key):
            return cached
        result = cache[key] = method(self, *args, **kwargs)
        return result

    return wrapper
