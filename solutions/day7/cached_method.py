"""Method decorators: cache a method's results per instance and per arguments.

Write ``cached_method``, a decorator for instance methods (used without arguments:
``@cached_method``). Calling a decorated method on an instance with arguments it has already
been called with *on that instance* returns the stored result without running the method again.

- **Per instance, by identity.** Two instances never share results, even when they compare
  equal. Instances need not be hashable (a ``@dataclass`` with ``eq=True`` has
  ``__hash__ = None``) — the decorator must still work. Instances are ordinary objects: they
  have a ``__dict__`` and support weak references.
- **No leaks.** The cache must not keep an instance alive: once nothing else refers to an
  instance it can be garbage-collected (``functools.lru_cache`` on a method fails this — and
  shares results between equal instances). That holds also when a cached result refers back
  to the instance (a fluent method that returns ``self``): a cache outside the instance, such
  as a dict keyed by ``id(self)``, would then keep it alive for ever.
- **Per method.** Each decorated method has its own cache: two cached methods of one instance
  never see each other's results, also when a subclass overrides a cached method with another
  cached method and calls ``super()``.
- **The key** is the positional arguments plus the keyword arguments, keyword order ignored:
  ``obj.m(1, b=2, c=3)`` and ``obj.m(1, c=3, b=2)`` share one entry. Whether ``obj.m(1)`` and
  ``obj.m(x=1)`` share an entry is up to you (not graded). Every argument must be hashable: an
  unhashable argument raises ``TypeError`` and the method does not run.
- **Every result is cached**, also ``None``, ``0``, ``False`` and empty containers. A call
  that raises stores nothing: the next call with the same arguments runs the method again.
- **Metadata.** Through the class, ``Class.method`` keeps the original function's
  ``__name__``, ``__qualname__``, ``__doc__``, ``__module__`` and has ``__wrapped__`` pointing
  at it; through an instance, ``obj.method`` is a bound method reporting the same ``__name__``
  and ``__doc__``. ``Class.method(obj, *args)`` works like ``obj.method(*args)``. For type
  checkers the method keeps its parameter and return types.

Example::

    >>> class Prices:
    ...     def __init__(self, base: int) -> None:
    ...         self.base = base
    ...         self.computed = 0
    ...     @cached_method
    ...     def total(self, quantity: int, *, discount: int = 0) -> int:
    ...         self.computed += 1
    ...         return self.base * quantity - discount
    >>> cheap, dear = Prices(2), Prices(10)
    >>> cheap.total(3), cheap.total(3), dear.total(3), cheap.total(3, discount=1)
    (6, 6, 30, 5)
    >>> cheap.computed, dear.computed
    (2, 1)
"""

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
        if key in cache:  # hashing the key raises TypeError for unhashable arguments
            return cache[key]
        result = cache[key] = method(self, *args, **kwargs)
        return result

    return wrapper
