"""Right behaviour, but take() loses the item type (list[Any])."""

from collections.abc import Iterable, Mapping
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")
V = TypeVar("V")


def predict() -> dict[str, object]:
    """Return, for each snippet below, the value its last line evaluates to.

    Keys are the snippet names. Values are plain Python values -- ``True``, ``0``,
    ``'fallback'``, ``[]`` -- not strings describing them (unless the value is itself a
    string). Each snippet runs on its own, in a fresh namespace. Example: for a snippet
    named ``example`` reading ``bool([])`` the entry would be ``"example": False``.

    ``list_of_zero``::

        bool([0])

    ``string_zero``::

        bool("0")

    ``string_false``::

        bool("False")

    ``nan``::

        bool(float("nan"))

    ``empty_range``::

        bool(range(3, 3))

    ``len_zero``::

        class Box:
            def __len__(self):
                return 0
        bool(Box())

    ``bool_beats_len``::

        class Full:
            def __bool__(self):
                return True
            def __len__(self):
                return 0
        bool(Full())

    ``plain_object``::

        class Plain:
            pass
        bool(Plain())

    ``or_returns_operand``::

        [] or {} or "fallback"

    ``or_all_falsy``::

        "" or 0 or None or []

    ``and_short_circuits``::

        0 and 1 / 0

    ``and_returns_last``::

        "a" and "b"
    """
    return {
        "list_of_zero": True,  # a non-empty list, whatever is inside
        "string_zero": True,  # a non-empty string
        "string_false": True,  # ditto: bool() does not parse text
        "nan": True,  # NaN is not zero
        "empty_range": False,  # range(3, 3) has length 0
        "len_zero": False,  # no __bool__, so __len__ decides
        "bool_beats_len": True,  # __bool__ is asked first
        "plain_object": True,  # neither method: objects are truthy
        "or_returns_operand": "fallback",  # the first truthy operand
        "or_all_falsy": [],  # none is truthy: the last operand
        "and_short_circuits": 0,  # the first falsy operand; 1 / 0 never runs
        "and_returns_last": "b",  # all truthy: the last operand
    }


def take(items: Iterable[Any], limit: int | None = None) -> list[Any]:
    """Return the first ``limit`` items of ``items`` as a list.

    ``limit=None`` (the default) means "no limit": all the items. ``limit=0`` is a real
    limit and gives ``[]``. A negative limit raises ``ValueError``. At most ``limit`` items
    are pulled from ``items`` (it may be an endless iterator), so the rest stay unconsumed.

    >>> take("abcde", 2)
    ['a', 'b']
    >>> take([1, 2, 3], 0)
    []
    >>> take([1, 2, 3])
    [1, 2, 3]
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be None or >= 0, got {limit}")
    return list(islice(items, limit))


def merge_update(current: Mapping[str, V], update: Mapping[str, V | None]) -> dict[str, V]:
    """Apply a partial update (HTTP PATCH style); return the merged record as a new dict.

    In ``update``, ``None`` means "not provided -- leave it alone": the key keeps its value
    from ``current`` (and is not added if ``current`` lacks it). Every other value replaces
    or adds, falsy ones included: ``0``, ``""``, ``False``, ``[]`` and ``{}`` are deliberate
    new values (a counter reset, a nickname cleared, a tag list emptied). Neither argument
    is modified. Key order: ``current``'s keys, then new keys in ``update``'s order.

    >>> merge_update({"name": "Ann", "visits": 3, "tags": ["vip"]},
    ...              {"name": None, "visits": 0, "tags": [], "nick": ""})
    {'name': 'Ann', 'visits': 0, 'tags': [], 'nick': ''}
    """
    merged = dict(current)
    for key, value in update.items():
        if value is not None:
            merged[key] = value
    return merged
