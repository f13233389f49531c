"""Grader for interview.mutable_defaults: defaults predicted, two one-line fixes, designs chosen.

- predict(): each snippet runs here in a fresh namespace; truth = last line's value or the
  class of the exception a line raised;
- spot_the_bug(): the learner's line replaces that line of the grader's own listing, which
  then runs against the behaviour the spec states;
- choose(): every scenario is written here once per design; the learner's design must meet
  the requirement when run, and the learner's reason must be a failure the rival design
  really shows when run.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

import pytest

from interview import mutable_defaults as kata

SNIPPETS: dict[str, str] = {
    "kwdefaults_after_calls": """
def tag(item, *, seen=set(), label="new"):
    seen.add(item)
    return label
tag(1)
tag(2, label="old")
tag(1)
tag.__kwdefaults__
""",
    "replaced_defaults": """
def add(x, bucket=[]):
    bucket.append(x)
    return bucket
add(1)
add.__defaults__ = ([],)
add(2)
add(3)
""",
    "class_body_default": """
class Registry:
    plugins = []
    def register(self, name, into=plugins):
        into.append(name)
        return into
Registry().register("a")
Registry().register("b")
Registry.plugins
""",
    "class_attribute_rebound": """
class Registry:
    plugins = []
    def register(self, name, into=plugins):
        into.append(name)
        return into
Registry.plugins = []
Registry().register("a")
Registry.plugins
""",
    "default_expression_once": """
log = []
def record(event, at=len(log)):
    log.append((at, event))
record("start")
record("stop")
log
""",
    "loop_defaults_overridable": """
handlers = [lambda i=i: i * 10 for i in range(3)]
[handlers[0](), handlers[2](), handlers[1](5)]
""",
    "dataclass_list_default": """
from dataclasses import dataclass
@dataclass
class Cart:
    items: list = []
Cart().items
""",
    "dataclass_hashable_mutable": """
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
""",
    "factory_leaves_no_class_attribute": """
from dataclasses import dataclass, field
@dataclass
class Cart:
    items: list = field(default_factory=list)
    owner: str = "guest"
(hasattr(Cart, "items"), hasattr(Cart, "owner"))
""",
    "memo_on_purpose": """
def fib(n, _memo={0: 0, 1: 1}):
    if n not in _memo:
        _memo[n] = fib(n - 1) + fib(n - 2)
    return _memo[n]
fib(10)
fib(5)
len(fib.__defaults__[0])
""",}

LISTINGS: dict[str, str] = {
    "handlers": """\
def make_handlers(names):
    handlers = {}
    for name in names:
        def handler(event):
            return f"{name}: {event}"
        handlers[name] = handler
    return handlers
""",
    "inbox": """\
class Inbox:
    def __init__(self, owner, messages=[]):
        self.owner = owner
        self.messages = messages

    def receive(self, text):
        self.messages.append(text)
""",
}


def _same_types(got: object, want: object) -> bool:
    """Same type all the way down (1 is not True, [1] is not (1,)); dict order does not count."""
    if type(got) is not type(want):
        return False
    if isinstance(want, dict) and isinstance(got, dict):
        return all(_same_types(got[k], v) for k, v in want.items())
    if isinstance(want, (list, tuple)) and isinstance(got, (list, tuple)):
        return all(_same_types(g, w) for g, w in zip(got, want))
    return True


def _evaluate(code: str) -> object:
    """Run a snippet in a fresh namespace: its last line's value, or the exception's class."""
    *body, last = ast.parse(code).body
    assert isinstance(last, ast.Expr)
    namespace: dict[str, object] = {"__name__": "snippet"}
    try:
        exec(compile(ast.Module(body=body, type_ignores=[]), "<snippet>", "exec", dont_inherit=True), namespace)
        return eval(compile(ast.Expression(last.value), "<snippet>", "eval", dont_inherit=True), namespace)
    except Exception as exc:  # noqa: BLE001 -- the outcome being predicted
        return type(exc)


# --- Part 1: predict ----------------------------------------------------------------------


@pytest.mark.predict
@pytest.mark.parametrize("name", list(SNIPPETS))
def test_predict(name: str) -> None:
    """predict(): each snippet's last value, or the class of the exception a line raises."""
    answers = kata.predict()
    assert isinstance(answers, dict), "predict(): returns a dict {snippet name: value}"
    assert name in answers, f"predict() must answer the snippet {name!r}"
    got, want = answers[name], _evaluate(SNIPPETS[name])
    assert got == want, (
        f"predict()[{name!r}]: the value of the snippet's last line (a default is evaluated "
        "once, when def runs, and shared by every call that omits it), or the exception "
        "class when a line raises"
    )
    assert _same_types(got, want), (
        f"predict()[{name!r}]: the right value but the wrong type -- give the value itself, "
        f"a {type(want).__name__}"
    )


def test_predict_answers_every_snippet() -> None:
    answers = kata.predict()
    assert sorted(answers) == sorted(SNIPPETS), "predict(): one answer per snippet name, and no other keys"


# --- Part 2: spot the bug ------------------------------------------------------------------


def _fixed(listing: str) -> dict[str, Any]:
    fixes = kata.spot_the_bug()
    assert isinstance(fixes, dict) and listing in fixes, f"spot_the_bug() must answer the listing {listing!r}"
    fix = fixes[listing]
    lines = LISTINGS[listing].splitlines()
    assert isinstance(fix.line, int) and 1 <= fix.line <= len(lines), (
        f"spot_the_bug()[{listing!r}]: line is a line number of the listing, 1 to {len(lines)}"
    )
    assert isinstance(fix.text, str) and "\n" not in fix.text.strip(), (
        f"spot_the_bug()[{listing!r}]: text is one line of code"
    )
    original = lines[fix.line - 1]
    indent = original[: len(original) - len(original.lstrip())]
    lines[fix.line - 1] = indent + fix.text.strip()
    namespace: dict[str, Any] = {"__name__": "listing"}
    try:
        exec(compile("\n".join(lines) + "\n", f"<{listing}>", "exec", dont_inherit=True), namespace)
    except SyntaxError:
        raise AssertionError(
            f"spot_the_bug()[{listing!r}]: with line {fix.line} replaced, the listing must still "
            "be valid Python"
        ) from None
    return namespace


def _run(call: Callable[[], object], rule: str) -> object:
    try:
        return call()
    except Exception as exc:  # noqa: BLE001
        raise AssertionError(f"{rule} -- raised {type(exc).__name__}: {exc}") from None


def test_handlers_fixed() -> None:
    """handlers: fixed, each handler reports its own name, called with the event alone."""
    namespace = _fixed("handlers")
    rule = "spot_the_bug()['handlers']: fixed, make_handlers(names)[n](event) == f'{n}: {event}'"
    handlers = _run(lambda: namespace["make_handlers"](["a", "b", "c"]), rule)
    assert isinstance(handlers, dict), rule
    got = _run(lambda: {n: handlers[n](f"e{n}") for n in ("a", "b", "c")}, rule)
    assert got == {"a": "a: ea", "b": "b: eb", "c": "c: ec"}, (
        "spot_the_bug()['handlers']: fixed, every handler reports its own name -- a closure "
        "reads the loop variable when it is called (late binding)"
    )


def test_inbox_fixed() -> None:
    """inbox: fixed, inboxes never share messages, nor change the caller's list."""
    namespace = _fixed("inbox")
    inbox = namespace["Inbox"]
    rule = "spot_the_bug()['inbox']: fixed, Inbox(owner) and Inbox(owner, messages) work"
    first, second = _run(lambda: inbox("ann"), rule), _run(lambda: inbox("bob"), rule)
    _run(lambda: first.receive("hi"), rule)
    assert list(second.messages) == [], "spot_the_bug()['inbox']: fixed, two inboxes never share messages"
    assert list(first.messages) == ["hi"], "spot_the_bug()['inbox']: fixed, receive adds to that inbox"
    mine = ["old"]
    third = _run(lambda: inbox("cy", mine), rule)
    _run(lambda: third.receive("new"), rule)
    assert list(third.messages) == ["old", "new"], (
        "spot_the_bug()['inbox']: fixed, an inbox made from a list starts with its messages"
    )
    assert mine == ["old"], (
        "spot_the_bug()['inbox']: fixed, receive never changes the caller's list"
    )
    empty: list[str] = []
    fourth = _run(lambda: inbox("di", empty), rule)
    _run(lambda: fourth.receive("x"), rule)
    assert empty == [], "spot_the_bug()['inbox']: fixed, a caller's empty list stays empty too"
    assert list(_run(lambda: inbox("ed"), rule).messages) == [], (
        "spot_the_bug()['inbox']: fixed, a new inbox without messages starts empty"
    )


# --- Part 3: choose ------------------------------------------------------------------------

D, B = kata.Design, kata.Because

# Each scenario written once per design that can express it (the grader's own code).
IMPLEMENTATIONS: dict[str, dict[str, str]] = {
    "get_setting": {
        "NONE_SENTINEL": """
def get_setting(settings, key, fallback=None):
    if key in settings:
        return settings[key]
    if fallback is None:
        raise KeyError(key)
    return fallback
""",
        "PRIVATE_SENTINEL": """
_MISSING = object()
def get_setting(settings, key, fallback=_MISSING):
    if key in settings:
        return settings[key]
    if fallback is _MISSING:
        raise KeyError(key)
    return fallback
""",
    },
    "add_tag": {
        "MUTABLE_LITERAL": """
def add_tag(tag, tags=[]):
    tags.append(tag)
    return tags
""",
        "NONE_SENTINEL": """
def add_tag(tag, tags=None):
    if tags is None:
        tags = []
    tags.append(tag)
    return tags
""",
        "PRIVATE_SENTINEL": """
_MISSING = object()
def add_tag(tag, tags=_MISSING):
    if tags is _MISSING:
        tags = []
    tags.append(tag)
    return tags
""",
    },
    "square_memo": {
        "MUTABLE_LITERAL": """
COMPUTED = []
def square(n, _memo={}):
    if n not in _memo:
        COMPUTED.append(n)
        _memo[n] = n * n
    return _memo[n]
""",
        "NONE_SENTINEL": """
COMPUTED = []
def square(n, _memo=None):
    if _memo is None:
        _memo = {}
    if n not in _memo:
        COMPUTED.append(n)
        _memo[n] = n * n
    return _memo[n]
""",
    },
    "cart": {
        "MUTABLE_LITERAL": """
from dataclasses import dataclass
@dataclass
class Cart:
    items: list = []
""",
        "NONE_SENTINEL": """
from dataclasses import dataclass
@dataclass
class Cart:
    items: list = None
""",
        "DEFAULT_FACTORY": """
from dataclasses import dataclass, field
@dataclass
class Cart:
    items: list = field(default_factory=list)
""",
    },
    "log_event": {
        "CALL_IN_DEFAULT": """
LOG = []
def log_event(message, at=CLOCK()):
    LOG.append((at, message))
""",
        "NONE_SENTINEL": """
LOG = []
def log_event(message, at=None):
    if at is None:
        at = CLOCK()
    LOG.append((at, message))
""",
        "PRIVATE_SENTINEL": """
LOG = []
_MISSING = object()
def log_event(message, at=_MISSING):
    if at is _MISSING:
        at = CLOCK()
    LOG.append((at, message))
""",
    },
}

RIVALS = {
    "get_setting": "NONE_SENTINEL",
    "add_tag": "MUTABLE_LITERAL",
    "square_memo": "NONE_SENTINEL",
    "cart": "MUTABLE_LITERAL",
    "log_event": "CALL_IN_DEFAULT",
}


def _load(scenario: str, design: str) -> dict[str, Any] | None:
    """The scenario written with ``design``: its namespace, or None if defining it raised."""
    ticks = iter(range(100, 1000))
    namespace: dict[str, Any] = {"__name__": scenario, "CLOCK": lambda: next(ticks)}
    try:
        exec(compile(IMPLEMENTATIONS[scenario][design], f"<{scenario}>", "exec", dont_inherit=True), namespace)
    except ValueError:
        return None
    return namespace


def _outcome(call: Callable[[], object]) -> object:
    try:
        return call()
    except Exception as exc:  # noqa: BLE001
        return type(exc)


def _requirement(scenario: str, ns: dict[str, Any] | None) -> bool:
    """Does this version of the scenario meet the scenario's requirement?"""
    if ns is None:
        return False
    if scenario == "get_setting":
        f = ns["get_setting"]
        return [
            _outcome(lambda: f({"k": 1}, "k")), _outcome(lambda: f({}, "k", 0)),
            _outcome(lambda: f({}, "k", None)), _outcome(lambda: f({}, "k")),
        ] == [1, 0, None, KeyError]  # fmt: skip
    if scenario == "add_tag":
        f = ns["add_tag"]
        mine: list[str] = ["x"]
        got = [_outcome(lambda: f("a")), _outcome(lambda: f("b")), _outcome(lambda: f("c", None))]
        return got == [["a"], ["b"], ["c"]] and f("y", mine) is mine and mine == ["x", "y"]
    if scenario == "square_memo":
        f = ns["square"]
        return [f(3), f(4), f(3), f(4)] == [9, 16, 9, 16] and ns["COMPUTED"] == [3, 4]
    if scenario == "cart":
        first, second = ns["Cart"](), ns["Cart"]()
        if first.items != [] or second.items != []:
            return False
        first.items.append(1)
        return second.items == []
    f = ns["log_event"]
    f("a")
    f("b", None)
    f("c", 7)
    stamps = [at for at, _ in ns["LOG"]]
    return all(isinstance(at, int) for at in stamps) and len(set(stamps[:2])) == 2 and stamps[2] == 7


# How each reason shows itself, run against one version of a scenario: True = the failure shows.
def _leaks(scenario: str, ns: dict[str, Any] | None) -> bool:
    if ns is None or scenario not in ("add_tag", "cart"):
        return False
    if scenario == "add_tag":
        ns["add_tag"]("a")
        return ns["add_tag"]("b") != ["b"]
    first, second = ns["Cart"](), ns["Cart"]()
    return first.items is second.items


def _none_valid(scenario: str, ns: dict[str, Any] | None) -> bool:
    return ns is not None and scenario == "get_setting" and _outcome(lambda: ns["get_setting"]({}, "k", None)) is not None


def _forgets(scenario: str, ns: dict[str, Any] | None) -> bool:
    if ns is None or scenario != "square_memo":
        return False
    ns["square"](5)
    ns["square"](5)
    return ns["COMPUTED"] != [5]


def _rejected(scenario: str, ns: dict[str, Any] | None) -> bool:
    return scenario == "cart" and ns is None


def _once(scenario: str, ns: dict[str, Any] | None) -> bool:
    if ns is None or scenario != "log_event":
        return False
    ns["log_event"]("a")
    ns["log_event"]("b")
    first, second = (at for at, _ in ns["LOG"])
    return first == second


SHOWS: dict[str, Callable[[str, dict[str, Any] | None], bool]] = {
    "SHARED_STATE_LEAKS": _leaks,
    "NONE_IS_A_VALID_ARGUMENT": _none_valid,
    "STATE_MUST_OUTLIVE_THE_CALL": _forgets,
    "DATACLASS_REJECTS_MUTABLE_DEFAULT": _rejected,
    "DEFAULT_EVALUATED_ONCE": _once,
}


def _choice(scenario: str) -> Any:
    choices = kata.choose()
    assert isinstance(choices, dict) and scenario in choices, f"choose() must answer the scenario {scenario!r}"
    choice = choices[scenario]
    assert isinstance(choice.design, D) and isinstance(choice.because, B), (
        f"choose()[{scenario!r}]: a Choice(design=Design.…, because=Because.…)"
    )
    return choice


@pytest.mark.predict
@pytest.mark.parametrize("scenario", list(IMPLEMENTATIONS))
def test_design_meets_the_requirement(scenario: str) -> None:
    """choose(): the design, written out by the grader, meets the scenario's requirement."""
    design = _choice(scenario).design.name
    assert design in IMPLEMENTATIONS[scenario] and _requirement(scenario, _load(scenario, design)), (
        f"choose()[{scenario!r}].design: written that way, the scenario must meet its stated "
        "requirement (the grader runs it)"
    )


@pytest.mark.predict
@pytest.mark.parametrize("scenario", list(IMPLEMENTATIONS))
def test_reason_is_what_breaks_the_rival(scenario: str) -> None:
    """choose(): the reason is a failure the rival design really shows, and the choice does not."""
    choice = _choice(scenario)
    shows = SHOWS[choice.because.name]
    rival = RIVALS[scenario]
    assert shows(scenario, _load(scenario, rival)), (
        f"choose()[{scenario!r}].because: the grader runs the rival design {rival} and this "
        "reason's failure does not happen there -- name what really breaks it"
    )
    design = choice.design.name
    assert design in IMPLEMENTATIONS[scenario] and not shows(scenario, _load(scenario, design)), (
        f"choose()[{scenario!r}]: the chosen design must not show the failure named as the "
        "rival's flaw"
    )


def test_choose_answers_every_scenario() -> None:
    assert sorted(kata.choose()) == sorted(IMPLEMENTATIONS), (
        "choose(): one Choice per scenario name, and no other keys"
    )
