'''Explain mutable defaults -- past the first bug: defaults as objects, as memos, as traps.

A default is an expression evaluated **once**, when ``def`` runs (in a class body: when the
class body runs), and the resulting objects are stored on the function --
``f.__defaults__`` (a tuple, for positional parameters) and ``f.__kwdefaults__`` (a dict,
for keyword-only ones). Calls that omit the argument share that one object. Sometimes that
is the bug, sometimes it is the point (a memo), and ``@dataclass`` refuses the most common
case outright.

Part 1 -- :func:`predict`: what each snippet evaluates to. Every snippet runs on its own, in
a fresh namespace; the answer is the value of its last line, or -- when a line raises -- the
exception's class (``ValueError``). Values are plain Python values.

``kwdefaults_after_calls``::

    def tag(item, *, seen=set(), label="new"):
        seen.add(item)
        return label
    tag(1)
    tag(2, label="old")
    tag(1)
    tag.__kwdefaults__

``replaced_defaults``::

    def add(x, bucket=[]):
        bucket.append(x)
        return bucket
    add(1)
    add.__defaults__ = ([],)
    add(2)
    add(3)

``class_body_default``::

    class Registry:
        plugins = []
        def register(self, name, into=plugins):
            into.append(name)
            return into
    Registry().register("a")
    Registry().register("b")
    Registry.plugins

``class_attribute_rebound``::

    class Registry:
        plugins = []
        def register(self, name, into=plugins):
            into.append(name)
            return into
    Registry.plugins = []
    Registry().register("a")
    Registry.plugins

``default_expression_once``::

    log = []
    def record(event, at=len(log)):
        log.append((at, event))
    record("start")
    record("stop")
    log

``loop_defaults_overridable``::

    handlers = [lambda i=i: i * 10 for i in range(3)]
    [handlers[0](), handlers[2](), handlers[1](5)]

``dataclass_list_default``::

    from dataclasses import dataclass
    @dataclass
    class Cart:
        items: list = []
    Cart().items

``dataclass_hashable_mutable``::

    from dataclasses import dataclass
    class Bag:
        def __init__(self):
            self.items = []
    @dataclass
    class Order:
        bag: Bag = Bag()
    first, second = Order(), Order()
    first.bag.items.append("x")
    second.bag.items

``factory_leaves_no_class_attribute``::

    from dataclasses import dataclass, field
    @dataclass
    class Cart:
        items: list = field(default_factory=list)
        owner: str = "guest"
    (hasattr(Cart, "items"), hasattr(Cart, "owner"))

``memo_on_purpose``::

    def fib(n, _memo={0: 0, 1: 1}):
        if n not in _memo:
            _memo[n] = fib(n - 1) + fib(n - 2)
        return _memo[n]
    fib(10)
    fib(5)
    len(fib.__defaults__[0])

Part 2 -- :func:`spot_the_bug`: each listing below has one buggy line. Give its number and
the fixed line; the grader puts your line in place of that line in its own copy (your
leading whitespace is ignored: the line keeps the original's indentation) and checks the
behaviour stated under the listing.

``handlers`` -- every handler must report its own name: ``make_handlers(["a", "b"])["a"]
("x") == "a: x"``, and a handler is still called with one argument, the event::

    1  def make_handlers(names):
    2      handlers = {}
    3      for name in names:
    4          def handler(event):
    5              return f"{name}: {event}"
    6          handlers[name] = handler
    7      return handlers

``inbox`` -- every inbox keeps its own list of messages: two inboxes never share one, and an
inbox made from a caller's list starts with those messages but never changes the caller's
list (``Inbox("ann", mine)`` then ``receive`` leaves ``mine`` as it was)::

    1  class Inbox:
    2      def __init__(self, owner, messages=[]):
    3          self.owner = owner
    4          self.messages = messages
    5
    6      def receive(self, text):
    7          self.messages.append(text)

Part 3 -- :func:`choose`: pick the default for each requirement (a :class:`Design`) and say
why the *rival* named in it is wrong (a :class:`Because`). The grader writes each scenario
once per design, runs the requirement against your design, and runs your reason's failure
against the rival: the reason must be what really breaks it.

- ``get_setting``: ``get_setting(settings, key, fallback)`` returns ``settings[key]``; for a
  missing key it returns ``fallback`` when one was given -- ``None`` included -- and raises
  ``KeyError`` when none was. Rival: ``NONE_SENTINEL``.
- ``add_tag``: ``add_tag(tag, tags)`` appends ``tag`` to ``tags`` and returns it; with no
  ``tags`` -- or ``tags=None``, which callers pass through -- it returns a new list
  ``[tag]``. Rival: ``MUTABLE_LITERAL``.
- ``square_memo``: ``square(n)`` computes each ``n * n`` once per process, however many calls
  ask for it (a cache held in a private defaulted parameter ``_memo``). Rival:
  ``NONE_SENTINEL``.
- ``cart``: a ``@dataclass Cart`` whose field ``items`` is a list, ``[]`` for every new cart,
  never shared between carts. Rival: ``MUTABLE_LITERAL``.
- ``log_event``: ``log_event(message, at)`` records ``(at, message)``; without ``at`` -- or
  ``at=None`` -- ``at`` is the clock's reading *at that call*. Rival: ``CALL_IN_DEFAULT``.
'''

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
    raise NotImplementedError


def spot_the_bug() -> dict[str, Fix]:
    """Return, for each part 2 listing name (``"handlers"``, ``"inbox"``), its :class:`Fix`.

    >>> sorted(spot_the_bug())
    ['handlers', 'inbox']
    """
    raise NotImplementedError


def choose() -> dict[str, Choice]:
    """Return, for each part 3 scenario name, your :class:`Choice`.

    >>> sorted(choose())
    ['add_tag', 'cart', 'get_setting', 'log_event', 'square_memo']
    """
    raise NotImplementedError
