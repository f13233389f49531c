"""Wraps list(value) in the try, so a TypeError raised while iterating is swallowed."""


def as_list(value: object) -> list[object]:
    """Return ``value`` as a list of items, deciding by behaviour, not by type.

    - ``str``, ``bytes`` and ``bytearray`` (and their subclasses) are iterable but are
      treated as single values: ``as_list("abc") == ["abc"]``.
    - Anything else that ``iter()`` accepts -- lists, tuples, sets, dicts (their keys),
      generators, ``range``, any class with ``__iter__``, old-style sequences that define
      only ``__getitem__`` -- becomes a new list of the items it yields (never the argument
      itself, even when that is a list). ``iter(value)`` is called exactly once.
    - Anything ``iter()`` rejects with ``TypeError`` (numbers, ``None``, plain objects, a
      class that sets ``__iter__ = None`` to opt out) becomes ``[value]``.
    - An exception raised *while iterating* propagates unchanged -- even a ``TypeError``:
      only ``iter()`` refusing the value means "not iterable".

    >>> as_list((1, 2))
    [1, 2]
    >>> as_list(x * x for x in range(3))
    [0, 1, 4]
    >>> as_list("abc")
    ['abc']
    >>> as_list(42)
    [42]
    """
    if isinstance(value, (str, bytes, bytearray)):
        return [value]
    try:
        return list(value)  # type: ignore[call-overload]
    except TypeError:
        return [value]
