"""Right behaviour, but dedupe() loses the item type (list[object])."""

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
    return {
        "new_lists_equal": True,  # equal contents
        "new_lists_identical": False,  # two different list objects
        "alias": ([1, 2], True),  # one list, two names
        "copy": (True, False),  # a[:] is a new, equal list
        "none_vs_false": False,  # None equals only itself
        "zero_vs_false": (True, False),  # bool is an int subclass; still two objects
        "eq_says_yes": (True, False),  # == asks the object; `is` cannot be overridden
        "default_eq": (False, True),  # without __eq__, == falls back to identity
        "nan_equal": False,  # IEEE 754: NaN equals nothing, not even itself
        "nan_in_list": (True, True),  # containers check identity before ==
        "none_type_call": True,  # NoneType() returns the one None
    }


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
    return [key for key, value in record.items() if value is None]


def dedupe(items: Iterable[object]) -> list[object]:
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
    seen: set[int] = set()
    unique: list[object] = []
    for item in items:
        # An id is unique only while its object lives; every object whose id is in `seen`
        # is kept alive by `unique`, so ids cannot be reused here.
        if id(item) not in seen:
            seen.add(id(item))
            unique.append(item)
    return unique
