"""predicts a depth-first MRO: E, C, A, D, B instead of C3's E, C, D, B, A"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fix:
    """A one-line fix: the 1-based ``line`` number in the listing and its replacement ``text``.

    >>> Fix(line=3, text="return total")
    Fix(line=3, text='return total')
    """

    line: int
    text: str


def predict() -> dict[str, object]:
    """Return, for each part 1 snippet name, its last line's value or the exception class.

    Example: for a snippet ``class A: pass`` / ``class B(A, A): pass`` the entry would be
    ``TypeError`` (a duplicate base); for ``class A: pass`` / ``A.__mro__[-1].__name__`` it
    would be ``"object"``.
    """
    return {
        "depth_first_trap": ["E", "C", "A", "D", "B", "object"],
        "base_before_subclass": TypeError,
        "object_first": TypeError,
        "mixin_reaches_a_stranger": ["Loud", "Polite", "Base"],
        "mixin_after_a_dead_end": ["Polite", "Base"],
        "forgotten_super_last": ["age", "name"],
        "forgotten_super_first": ["age"],
        "leftover_keyword": TypeError,
        "parents_by_name": ["Left", "Base", "Right", "Base"],
        "super_of_the_object_not_the_class": ("Left>Base", "Left>Right>Base", "Right>Base"),
    }


def spot_the_bug() -> Fix:
    """Return the part 2 listing's buggy line number and the fixed line.

    >>> isinstance(spot_the_bug(), Fix)
    True
    """
    return Fix(line=12, text="super().__init__(**kwargs)")


class Super:
    """A pure-Python ``super(cls, obj)`` for attribute reads.

    - ``obj`` is an instance of ``cls`` (``super(C, self)`` in a method): the search runs
      over ``type(obj).__mro__``. ``obj`` is a class that is ``cls`` or a subclass of it
      (``super(C, klass)`` in a classmethod): the search runs over ``obj.__mro__``.
      Anything else: ``TypeError``, raised by the constructor.
    - ``Super(cls, obj).name`` looks at the classes that come *after* ``cls`` in that MRO,
      in order, and takes ``name`` from the ``__dict__`` of the first one that has it
      (never from ``obj``'s own instance dict, never from ``cls`` itself). If that value has
      a ``__get__`` method (functions, classmethods, staticmethods, properties are
      descriptors), the result is ``value.__get__(obj, type(obj))`` when ``obj`` is an
      instance, and ``value.__get__(None, obj)`` when ``obj`` is a class; otherwise the
      value itself. No class after ``cls`` has it: ``AttributeError``.
    - Only attribute *reads* of ordinary (non-dunder) names are required.

    >>> class A:
    ...     def hello(self): return "A"
    >>> class B(A):
    ...     def hello(self): return "B"
    >>> Super(B, B()).hello()
    'A'
    >>> Super(A, B()).hello()
    Traceback (most recent call last):
    ...
    AttributeError: 'Super' object has no attribute 'hello'
    """

    def __init__(self, cls: type, obj: object) -> None:
        """Remember where the search starts; ``TypeError`` unless ``obj`` fits ``cls``."""
        if isinstance(obj, type) and issubclass(obj, cls):
            mro, instance, owner = obj.__mro__, None, obj
        elif isinstance(obj, cls):
            mro, instance, owner = type(obj).__mro__, obj, type(obj)
        else:
            raise TypeError("Super(cls, obj): obj must be an instance or subtype of cls")
        self._after = mro[mro.index(cls) + 1 :]
        self._instance = instance
        self._owner = owner

    def __getattr__(self, name: str) -> object:
        """The attribute ``name`` from the first class after ``cls`` that defines it, bound."""
        for klass in self._after:
            if name in vars(klass):
                value = vars(klass)[name]
                get = getattr(type(value), "__get__", None)
                return value if get is None else get(value, self._instance, self._owner)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
