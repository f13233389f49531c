"""The mutable default argument pitfall -- explained as data, then fixed.

A default value is evaluated once, when the ``def`` statement runs, and stored on the
function object (``func.__defaults__``). Every call that omits the argument gets that same
object. For an immutable default that is harmless; for a list or dict it means state
leaks from one call into the next. This is the function everybody writes once::

    def append_to(item, target=[]):
        target.append(item)
        return target

and this is its tempting half-fix, which breaks a different case::

    def append_or(item, target=None):
        target = target or []
        target.append(item)
        return target

Part 1 -- ``predict()``: explain the bug by predicting what these two functions do.
Part 2 -- ``append_to()``: write the version that behaves.
"""

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
    raise NotImplementedError


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
    raise NotImplementedError
