"""``None``, and ``is`` versus ``==``.

``a is b`` asks "the same object?" -- it compares identities and no class can change its
answer. ``a == b`` asks "equal?" -- it calls ``a.__eq__(b)``, which a class may define to
mean anything, and may even return something that is not a bool: an ORM column answers
``column == None`` with a SQL expression object, a numpy array answers with an array that
refuses ``bool()``. ``None`` is a singleton, so "is it None?" is spelled ``x is None``.

Part 1 -- ``predict()``: say what each snippet evaluates to.
Part 2 -- ``missing_fields()`` and ``dedupe()``: code that must hold up against values with
strange ``__eq__`` methods.
"""

from collections.abc import Iterable, Mapping
from typing import TypeVar

T = TypeVar("T")


def predict() -> dict[str, object]:
    """Return, for each snippet below, the value its last line evaluates to.

    Keys are the snippet names. Values are plain Python values -- ``True``,
    ``(True, False)`` -- not strings describing them. Each snippet runs on its own, in a
    fresh namespace. Example: for a snippet named ``example`` reading ``None is None`` the
    entry would be ``"example": True``.

    ``new_lists_equal``::

        [] == []

    ``new_lists_identical``::

        [] is []

    ``alias``::

        a = [1]
        b = a
        b.append(2)
        (a, b is a)

    ``copy``::

        a = [1]
        b = a[:]
        (b == a, b is a)

    ``none_vs_false``::

        None == False

    ``zero_vs_false``::

        zero = 0
        (zero == False, zero is False)

    ``eq_says_yes``::

        class Anything:
            def __eq__(self, other):
                return True
        x = Anything()
        (x == None, x is None)

    ``default_eq``::

        class Plain:
            pass
        p = Plain()
        (p == Plain(), p == p)

    ``nan_equal``::

        nan = float("nan")
        nan == nan

    ``nan_in_list``::

        nan = float("nan")
        (nan in [nan], [nan] == [nan])

    ``none_type_call``::

        type(None)() is None
    """
    raise NotImplementedError


def missing_fields(record: Mapping[str, object]) -> list[str]:
    """Return the keys of ``record`` whose value is ``None``, in the record's order.

    "Is None" means *is* the ``None`` object. Values may be arbitrary objects with their
    own ``__eq__``: one that claims to equal everything, or one whose ``== None`` returns an
    expression object that refuses ``bool()`` (as ORM columns and numpy arrays do). Such
    values are present, not missing -- and must not make ``missing_fields`` fail. Falsy
    values (``0``, ``""``, ``[]``, ``False``) are present too.

    >>> missing_fields({"id": 7, "email": None, "name": "", "age": 0, "phone": None})
    ['email', 'phone']
    """
    raise NotImplementedError


def dedupe(items: Iterable[T]) -> list[T]:
    """Drop repeated *objects*, keeping the first occurrence of each, in order.

    Two items are repeats only if they are the same object (``a is b``): equal but
    distinct objects are all kept, and whatever ``__eq__`` or ``__hash__`` the items define
    is never consulted. Items need not be hashable. Typical use: the same listener object
    registered twice, among listeners that compare equal by configuration.

    >>> a, b = [1], [1]
    >>> result = dedupe([a, b, a])
    >>> result == [a, b] and result[0] is a and result[1] is b
    True
    """
    raise NotImplementedError
