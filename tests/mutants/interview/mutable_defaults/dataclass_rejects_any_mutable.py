"""thinks @dataclass rejects every mutable default, not only unhashable ones"""
from __future__ import annotations

import enum
from dataclasses import dataclass


class Design(enum.Enum):
    """Ways to write a default (``[]`` stands for any mutable object)."""

    MUTABLE_LITERAL = "def f(x=[]) / items: list = [] -- one object, made at def time"
    NONE_SENTINEL = "def f(x=None): if x is None: x = [] -- a fresh object per call"
    PRIVATE_SENTINEL = "_MISSING = object(); def f(x=_MISSING): if x is _MISSING: ..."
    DEFAULT_FACTORY = "items: list = field(default_factory=list) -- a dataclass field"
    CALL_IN_DEFAULT = "def f(at=clock()) -- the call is in the default expression"


class Because(enum.Enum):
    """What goes wrong with a design."""

    SHARED_STATE_LEAKS = "a default object changed by one call is seen by the next"
    NONE_IS_A_VALID_ARGUMENT = "callers may pass None meaning None, not 'nothing given'"
    STATE_MUST_OUTLIVE_THE_CALL = "a fresh object per call forgets what earlier calls stored"
    DATACLASS_REJECTS_MUTABLE_DEFAULT = "@dataclass raises ValueError for a list/dict/set default"
    DEFAULT_EVALUATED_ONCE = "the default expression ran once, at def time, not per call"


@dataclass(frozen=True)
class Fix:
    """A one-line fix: the 1-based ``line`` number in the listing and its replacement ``text``.

    >>> Fix(line=3, text="return total")
    Fix(line=3, text='return total')
    """

    line: int
    text: str


@dataclass(frozen=True)
class Choice:
    """The chosen ``design`` and why the scenario's rival is wrong (``because``).

    >>> Choice(Design.NONE_SENTINEL, Because.SHARED_STATE_LEAKS).design.name
    'NONE_SENTINEL'
    """

    design: Design
    because: Because


def predict() -> dict[str, object]:
    """Return, for each part 1 snippet name, its last line's value or the exception class.

    Example: for a snippet ``def f(a, b=(), *, c=1): pass`` / ``f.__defaults__`` the entry
    would be ``((),)``.
    """
    return {
        "kwdefaults_after_calls": {"seen": {1, 2}, "label": "new"},
        "replaced_defaults": [2, 3],
        "class_body_default": ["a", "b"],
        "class_attribute_rebound": [],
        "default_expression_once": [(0, "start"), (0, "stop")],
        "loop_defaults_overridable": [0, 20, 50],
        "dataclass_list_default": ValueError,
        "dataclass_hashable_mutable": ValueError,
        "factory_leaves_no_class_attribute": (False, True),
        "memo_on_purpose": 11,
    }


def spot_the_bug() -> dict[str, Fix]:
    """Return, for each part 2 listing name (``"handlers"``, ``"inbox"``), its :class:`Fix`.

    >>> sorted(spot_the_bug())
    ['handlers', 'inbox']
    """
    return {
        "handlers": Fix(line=4, text="def handler(event, name=name):"),
        "inbox": Fix(line=4, text="self.messages = list(messages)"),
    }


def choose() -> dict[str, Choice]:
    """Return, for each part 3 scenario name, your :class:`Choice`.

    >>> sorted(choose())
    ['add_tag', 'cart', 'get_setting', 'log_event', 'square_memo']
    """
    return {
        "get_setting": Choice(Design.PRIVATE_SENTINEL, Because.NONE_IS_A_VALID_ARGUMENT),
        "add_tag": Choice(Design.NONE_SENTINEL, Because.SHARED_STATE_LEAKS),
        "square_memo": Choice(Design.MUTABLE_LITERAL, Because.STATE_MUST_OUTLIVE_THE_CALL),
        "cart": Choice(Design.DEFAULT_FACTORY, Because.DATACLASS_REJECTS_MUTABLE_DEFAULT),
        "log_event": Choice(Design.NONE_SENTINEL, Because.DEFAULT_EVALUATED_ONCE),
    }
