"""Converts only the outer container: nested lists and dicts stay mutable."""

from collections.abc import Hashable


def predict() -> dict[str, object]:
    """Return, for each snippet below, the value its last line evaluates to.

    Keys are the snippet names. Values are plain Python values -- ``[1, 2]``, ``(1,)``,
    ``'abc'`` -- not strings describing them (unless the value is itself a string). Each
    snippet runs on its own, in a fresh namespace. Example: for a snippet named
    ``example`` reading ``a = [1]; b = a; b.append(2); a`` the entry would be
    ``"example": [1, 2]``.

    ``list_plus_equals``::

        a = [1]
        b = a
        b += [2]
        a

    ``tuple_plus_equals``::

        a = (1,)
        b = a
        b += (2,)
        a

    ``list_plus``::

        a = [1]
        b = a
        b = b + [2]
        a

    ``str_method``::

        s = "abc"
        s.upper()
        s

    ``tuple_holding_list``::

        t = (1, [])
        t[1].append(2)
        t

    ``tuple_item_plus_equals``::

        t = ([],)
        try:
            t[0] += [1]
        except TypeError:
            pass
        t

    ``grid``::

        grid = [[0] * 2] * 2
        grid[0][0] = 1
        grid

    ``rebinding_parameter``::

        def extend(xs):
            xs = xs + [1]
            return xs
        a = [0]
        extend(a)
        a

    ``mutating_parameter``::

        def extend(xs):
            xs.append(1)
            return xs
        a = [0]
        extend(a)
        a

    ``hash_tuple_with_list``::

        try:
            hash((1, [2]))
            outcome = "hashable"
        except TypeError:
            outcome = "TypeError"
        outcome
    """
    return {
        "list_plus_equals": [1, 2],  # list += extends the one shared list in place
        "tuple_plus_equals": (1,),  # tuple += builds a new tuple and rebinds b only
        "list_plus": [1],  # + builds a new list; only b is rebound
        "str_method": "abc",  # str methods return new strings
        "tuple_holding_list": (1, [2]),  # the tuple is fixed; the list inside is not
        "tuple_item_plus_equals": ([1],),  # the list is extended, then the item store fails
        "grid": [[1, 0], [1, 0]],  # * 2 repeats references to the same inner list
        "rebinding_parameter": [0],  # rebinding a parameter never touches the caller
        "mutating_parameter": [0, 1],  # mutating it does: caller and callee share the object
        "hash_tuple_with_list": "TypeError",  # a tuple hashes its items; lists cannot hash
    }


def freeze(value: object) -> Hashable:
    """Return a deep, immutable, hashable copy of ``value``; never modify ``value``.

    Conversions, applied recursively to everything inside:

    - ``list`` and ``tuple`` -> ``tuple`` of the frozen items, in order
    - ``set`` and ``frozenset`` -> ``frozenset`` of the frozen items
    - ``dict`` -> ``frozenset`` of ``(key, frozen value)`` pairs (keys are hashable already)
    - ``bytearray`` -> ``bytes``
    - any other value that ``hash()`` accepts (numbers, strings, bytes, ``None``, frozen
      dataclasses...) is returned as it is -- the very same object
    - any other value raises ``TypeError`` whose message names its type (e.g. an object
      whose class defines ``__eq__`` without ``__hash__``)

    Subclasses count as their base class (a ``defaultdict`` is frozen like a ``dict``).
    Equal inputs give equal results with equal hashes -- dicts with the same items in a
    different order included.

    >>> freeze([1, [2, 3], {"a": [4]}])
    (1, (2, 3), frozenset({('a', (4,))}))
    >>> freeze({"b": 2, "a": 1}) == freeze({"a": 1, "b": 2})
    True
    """
    if isinstance(value, (list, tuple)):
        return tuple(value)
    if isinstance(value, (set, frozenset)):
        return frozenset(value)
    if isinstance(value, dict):
        return frozenset(value.items())
    if isinstance(value, bytearray):
        return bytes(value)
    try:
        hash(value)
    except TypeError:
        raise TypeError(f"cannot freeze a {type(value).__name__!r}: it is not hashable") from None
    return value
