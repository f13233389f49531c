"""Keeps the caches in a module dict keyed by id(self), cleaned by weakref.finalize: a cached result that refers to its instance keeps it alive for ever."""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Hashable
from typing import Any, Concatenate, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S")

# id(instance) -> {decorated method: {key: result}}; weakref.finalize removes an instance's entry
_CACHES: dict[int, dict[Callable[..., Any], dict[Hashable, Any]]] = {}


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
        caches = _CACHES.get(id(self))
        if caches is None:
            caches = _CACHES[id(self)] = {}
            weakref.finalize(self, _CACHES.pop, id(self), None)
        cache: dict[Hashable, R] = caches.setdefault(wrapper, {})
        key = (args, frozenset(kwargs.items()))
        if key in cache:  # hashing the key raises TypeError for unhashable arguments
            return cache[key]
        result = cache[key] = method(self, *args, **kwargs)
        return result

    return wrapper
