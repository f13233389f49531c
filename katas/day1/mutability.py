"""Mutable versus immutable types.

Immutable: ``int``, ``float``, ``bool``, ``str``, ``bytes``, ``tuple``, ``frozenset``,
``None``. Mutable: ``list``, ``dict``, ``set``, ``bytearray`` and most user classes.
Variables are names bound to objects: assignment never copies, so two names can share one
mutable object, and a function that changes its argument changes the caller's object.
"Operations" on immutables build new objects (``s.upper()`` leaves ``s`` alone), and
augmented assignment ``+=`` mutates a list in place but rebinds the name for a tuple.
Hashing needs immutability: a ``tuple`` is hashable only if everything inside it is.

Part 1 -- ``predict()``: say what each snippet evaluates to.
Part 2 -- ``freeze()``: a deep, hashable, immutable copy of JSON-like data, e.g. to use a
request body as a cache key.
"""

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
    raise NotImplementedError


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
    raise NotImplementedError
