"""Writes `target = target or []`, replacing a caller's empty list."""

from typing import TypeVar

T = TypeVar("T")


def predict() -> dict[str, object]:
    """Return, for each snippet below, the value its last line evaluates to.

    Every snippet starts from freshly defined ``append_to`` and ``append_or`` exactly as in
    the module docstring above (the buggy ones, not your fixed version) and runs on its
    own, in a fresh namespace. Values are plain Python values -- ``[1, 2]``, ``True``,
    ``([1],)`` -- not strings describing them. Example: for a snippet named ``example``
    reading ``append_to(1)`` the entry would be ``"example": [1]``.

    ``second_call``::

        append_to(1)
        append_to(2)

    ``first_result_later``::

        first = append_to(1)
        append_to(2)
        first

    ``same_object``::

        first = append_to(1)
        second = append_to(2)
        first is second

    ``explicit_target_between``::

        append_to(1)
        append_to(2, [])
        append_to(3)

    ``defaults_attribute``::

        append_to(1)
        append_to(2)
        append_to.__defaults__

    ``redefined``::

        append_to(1)
        def append_to(item, target=[]):
            target.append(item)
            return target
        append_to(2)

    ``or_without_target``::

        append_or(1)
        append_or(2)

    ``or_with_empty_list``::

        mine = []
        append_or(1, mine)
        mine
    """
    return {
        "second_call": [1, 2],  # both calls appended to the one default list
        "first_result_later": [1, 2],  # `first` IS the default list, which grew
        "same_object": True,  # every call without a target returns the same list
        "explicit_target_between": [1, 3],  # an explicit list leaves the default alone
        "defaults_attribute": ([1, 2],),  # the shared list lives on the function object
        "redefined": [2],  # a new `def` evaluates a new default
        "or_without_target": [2],  # `or` builds a new list per call: no sharing...
        "or_with_empty_list": [],  # ...but an empty target is falsy and gets replaced
    }


def append_to(item: T, target: list[T] | None = None) -> list[T]:
    """Append ``item`` to ``target`` and return ``target``; without one, use a new list.

    - Given a ``target`` -- any list, an empty one included -- change that very list and
      return it: the caller's object, not a copy.
    - Without a ``target`` (or with ``target=None``) every call starts from its own
      brand-new list: nothing is shared between calls, and changing a returned list never
      affects a later call.

    >>> append_to(1)
    [1]
    >>> append_to(2)
    [2]
    >>> mine: list[str] = []
    >>> append_to("x", mine) is mine, mine
    (True, ['x'])
    """
    target = target or []
    target.append(item)
    return target
