"""Duck typing: judge a value by what it can do, not by what class it is.

"If it walks like a duck and quacks like a duck, it is a duck." Code that asks
``isinstance(value, list)`` rejects tuples, generators, ``range``, dict views and every
user-defined collection that would have worked perfectly well. Ask the value to *behave*
instead -- call ``iter()`` on it and see whether it agrees (EAFP: "easier to ask forgiveness
than permission"). Even ``collections.abc.Iterable`` is a type check in disguise: it misses
old-style sequences that only define ``__getitem__``, which ``iter()`` happily accepts.

A typing note: ``value`` is annotated ``object`` because anything may be passed, and
typeshed's ``iter()`` only accepts values declared iterable -- static types cannot say
"whatever ``iter()`` accepts at run time". Where you deliberately ask at run time, tell
mypy so with a narrow ``# type: ignore[<code>]`` on that one line.
"""


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
        # Static types cannot express "whatever iter() accepts" (the __getitem__ protocol
        # has no ABC), so ask at run time and tell mypy so.
        items = iter(value)  # type: ignore[call-overload]
    except TypeError:
        return [value]
    # Outside the try: a TypeError raised while iterating is a real error, not a "no".
    return list(items)
