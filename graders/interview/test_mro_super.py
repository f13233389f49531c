"""Grader for interview.mro_super: MRO predictions, a cooperative-init bug fixed, super() rebuilt.

- predict(): each snippet runs here, in a fresh namespace; the truth is its last line's value
  or the class of the exception a line raised;
- spot_the_bug(): the learner's line replaces that line of the grader's own copy of the
  listing, which then runs: every __init__ must run once, for Document and for the mixins in
  another order;
- Super: compared with the real super() on random hierarchies (Hypothesis), attribute by
  attribute, for instances and for classes.
"""

from __future__ import annotations

import ast
import types
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from interview import mro_super as kata

SNIPPETS: dict[str, str] = {
    "depth_first_trap": """
class A: pass
class B(A): pass
class C(A): pass
class D(B): pass
class E(C, D): pass
[k.__name__ for k in E.__mro__]
""",
    "base_before_subclass": """
class A: pass
class B(A): pass
class Z(A, B): pass
[k.__name__ for k in Z.__mro__]
""",
    "object_first": """
class A: pass
class Z(object, A): pass
[k.__name__ for k in Z.__mro__]
""",
    "mixin_reaches_a_stranger": """
class Base:
    def greet(self):
        return ["Base"]
class LoudMixin:
    def greet(self):
        return ["Loud", *super().greet()]
class Polite(Base):
    def greet(self):
        return ["Polite", *super().greet()]
class Service(LoudMixin, Polite):
    pass
Service().greet()
""",
    "mixin_after_a_dead_end": """
class Base:
    def greet(self):
        return ["Base"]
class LoudMixin:
    def greet(self):
        return ["Loud", *super().greet()]
class Polite(Base):
    def greet(self):
        return ["Polite", *super().greet()]
class Service(Polite, LoudMixin):
    pass
Service().greet()
""",
    "forgotten_super_last": """
class Base:
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
class Named(Base):
    def __init__(self, *, name, **kwargs):
        self.name = name
        super().__init__(**kwargs)
class Aged(Base):
    def __init__(self, *, age, **kwargs):
        self.age = age
class Person(Named, Aged):
    pass
sorted(vars(Person(name="Ann", age=30)))
""",
    "forgotten_super_first": """
class Base:
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
class Named(Base):
    def __init__(self, *, name, **kwargs):
        self.name = name
        super().__init__(**kwargs)
class Aged(Base):
    def __init__(self, *, age, **kwargs):
        self.age = age
class Person(Aged, Named):
    pass
sorted(vars(Person(name="Ann", age=30)))
""",
    "leftover_keyword": """
class Base:
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
class Named(Base):
    def __init__(self, *, name, **kwargs):
        self.name = name
        super().__init__(**kwargs)
Named(name="Ann", email="ann@example.com")
""",
    "parents_by_name": """
log = []
class Base:
    def __init__(self):
        log.append("Base")
class Left(Base):
    def __init__(self):
        log.append("Left")
        Base.__init__(self)
class Right(Base):
    def __init__(self):
        log.append("Right")
        Base.__init__(self)
class Child(Left, Right):
    def __init__(self):
        Left.__init__(self)
        Right.__init__(self)
Child()
log
""",
    "super_of_the_object_not_the_class": """
class Base:
    def who(self):
        return "Base"
class Left(Base):
    def who(self):
        return "Left>" + super().who()
class Right(Base):
    def who(self):
        return "Right>" + super().who()
class Child(Left, Right):
    pass
(Left().who(), Child().who(), super(Left, Child()).who())
""",}

LISTING = """\
class Model:
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

class Audited(Model):
    def __init__(self, *, user, **kwargs):
        super().__init__(**kwargs)
        self.user = user

class Versioned(Model):
    def __init__(self, *, version=1, **kwargs):
        Model.__init__(self, **kwargs)
        self.version = version

class SoftDeleted(Model):
    def __init__(self, *, deleted=False, **kwargs):
        super().__init__(**kwargs)
        self.deleted = deleted

class Document(Versioned, SoftDeleted, Audited):
    def __init__(self, *, title, **kwargs):
        super().__init__(**kwargs)
        self.title = title
"""


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
        f"predict()[{name!r}]: the value of the snippet's last line (super() follows the MRO of "
        "the object's class; C3 keeps every class before its bases), or the exception class "
        "when a line raises"
    )
    assert _same_types(got, want), (
        f"predict()[{name!r}]: the right value but the wrong type -- give the value itself, "
        f"a {type(want).__name__}"
    )


def test_predict_answers_every_snippet() -> None:
    answers = kata.predict()
    assert sorted(answers) == sorted(SNIPPETS), (
        "predict(): one answer per snippet name, and no other keys"
    )


# --- Part 2: spot the bug ------------------------------------------------------------------

LINES = LISTING.splitlines()


def _fixed_namespace() -> dict[str, Any]:
    fix = kata.spot_the_bug()
    assert isinstance(fix.line, int) and 1 <= fix.line <= len(LINES), (
        f"spot_the_bug(): line is a line number of the listing, 1 to {len(LINES)}"
    )
    assert isinstance(fix.text, str) and "\n" not in fix.text.strip(), (
        "spot_the_bug(): text is one line of code"
    )
    original = LINES[fix.line - 1]
    indent = original[: len(original) - len(original.lstrip())]
    lines = list(LINES)
    lines[fix.line - 1] = indent + fix.text.strip()
    namespace: dict[str, Any] = {"__name__": "listing"}
    try:
        exec(compile("\n".join(lines) + "\n", "<listing>", "exec", dont_inherit=True), namespace)
    except SyntaxError:
        raise AssertionError(
            f"spot_the_bug(): with line {fix.line} replaced, the listing must still be valid "
            "Python"
        ) from None
    return namespace


def _counted(namespace: dict[str, Any]) -> Counter[str]:
    """Wrap each listing class's own __init__ to count how often it runs."""
    runs: Counter[str] = Counter()
    for name in ("Model", "Audited", "Versioned", "SoftDeleted", "Document"):
        cls = namespace[name]
        original = cls.__dict__["__init__"]

        def counting(self: object, *args: Any, __o: Any = original, __n: str = name,
                     **kwargs: Any) -> None:
            runs[__n] += 1
            __o(self, *args, **kwargs)

        cls.__init__ = counting
    return runs


def _build(make: Callable[[], object], what: str) -> object:
    try:
        return make()
    except RecursionError:
        raise AssertionError(f"spot_the_bug(): {what} recurses for ever after the fix") from None
    except TypeError as exc:
        raise AssertionError(
            f"spot_the_bug(): {what} must work after the fix, but raised TypeError: {exc}"
        ) from None


def test_document_builds_after_the_fix() -> None:
    """Fixed, Document(title=..., user=...) runs every __init__ of its MRO exactly once."""
    namespace = _fixed_namespace()
    runs = _counted(namespace)
    doc = _build(lambda: namespace["Document"](title="Q3", user="ann"), 'Document(title="Q3", user="ann")')
    got = {k: getattr(doc, k, "<missing>") for k in ("title", "user", "version", "deleted")}
    assert got == {"title": "Q3", "user": "ann", "version": 1, "deleted": False}, (
        "spot_the_bug(): fixed, Document(title=..., user=...) sets title, user and the defaults "
        "version=1, deleted=False"
    )
    assert dict(runs) == dict.fromkeys(["Document", "Versioned", "SoftDeleted", "Audited", "Model"], 1), (
        "spot_the_bug(): fixed, each class's __init__ runs exactly once"
    )


def test_other_orders_cooperate_after_the_fix() -> None:
    """Fixed, the mixins combine in any order: class Memo(SoftDeleted, Versioned, Audited)."""
    namespace = _fixed_namespace()
    runs = _counted(namespace)
    orders = {
        "Memo": ("SoftDeleted", "Versioned", "Audited"),
        "Note": ("Audited", "Versioned"),
        "Draft": ("Versioned", "Audited", "SoftDeleted"),
    }
    takes = {"Audited": "user", "Versioned": "version", "SoftDeleted": "deleted"}
    given_ = {"user": "bo", "version": 2, "deleted": True}
    for name, bases in orders.items():
        cls = type(name, tuple(namespace[b] for b in bases), {})
        keywords = {takes[b]: given_[takes[b]] for b in bases}
        call = f"class {name}({', '.join(bases)})"
        runs.clear()
        made = _build(lambda: cls(**keywords), f"{call}(**{keywords})")
        got = {k: getattr(made, k, "<missing>") for k in keywords}
        assert got == keywords, (
            f"spot_the_bug(): fixed, {call} receives every keyword its mixins take"
        )
        assert dict(runs) == dict.fromkeys([*bases, "Model"], 1), (
            f"spot_the_bug(): fixed, {call} runs each __init__ of its MRO exactly once -- no "
            "class may name the next one explicitly"
        )


def test_user_stays_required_after_the_fix() -> None:
    namespace = _fixed_namespace()
    try:
        namespace["Document"](title="Q3")
    except TypeError:
        pass
    else:
        raise AssertionError("spot_the_bug(): fixed, Document without user still raises TypeError")


# --- Part 3: Super -------------------------------------------------------------------------

KINDS = ("method", "classmethod", "staticmethod", "value", "property")


def _attribute(kind: str, owner: str) -> object:
    tag = f"{kind} of {owner}"

    def function(*args: object) -> str:
        return tag

    function.__name__ = function.__qualname__ = tag
    if kind == "method":
        return function
    if kind == "classmethod":
        return classmethod(function)
    if kind == "staticmethod":
        return staticmethod(function)
    if kind == "property":
        return property(function)
    return tag


def _describe(value: object, instance: object, leaf: type) -> tuple[str, ...]:
    if isinstance(value, types.MethodType):
        bound = (
            "bound to the instance" if value.__self__ is instance
            else "bound to the class" if value.__self__ is leaf
            else "bound to another object"
        )  # fmt: skip
        return ("bound method", value.__func__.__name__, bound)
    if isinstance(value, types.FunctionType):
        return ("plain function", value.__name__)
    if isinstance(value, property):
        return ("the property object", str(value.fget.__name__ if value.fget else None))
    return ("value", repr(value))


def _outcome(read: Callable[[], object], instance: object, leaf: type) -> tuple[str, ...]:
    try:
        value = read()
    except NotImplementedError:
        raise
    except Exception as exc:  # noqa: BLE001 -- the outcome compared
        return ("raises", type(exc).__name__)
    return _describe(value, instance, leaf)


Spec = list[tuple[list[int], str]]  # per class: indices of earlier bases, kind of "attr" or ""


def _build_classes(spec: Spec) -> list[type]:
    classes: list[type] = []
    for index, (bases, kind) in enumerate(spec):
        name = f"C{index}"
        body = {"attr": _attribute(kind, name)} if kind else {}
        try:
            classes.append(type(name, tuple(classes[b] for b in bases if b < len(classes)), body))
        except TypeError:  # no consistent MRO: leave it out, keep the numbering simple
            classes.append(type(name, (), body))
    return classes


@st.composite
def hierarchies(draw: st.DrawFn) -> Spec:
    count = draw(st.integers(min_value=1, max_value=6))
    spec: Spec = []
    for index in range(count):
        bases = draw(st.lists(st.integers(0, index - 1), unique=True, max_size=3)) if index else []
        spec.append((bases, draw(st.sampled_from(("", *KINDS)))))
    return spec


def _compare(spec: Spec, instance_attr: bool) -> tuple[dict[str, object], dict[str, object]]:
    classes = _build_classes(spec)
    leaf = classes[-1]
    instance = leaf()
    if instance_attr:
        vars(instance)["attr"] = "the instance's own attr"
    got: dict[str, object] = {}
    want: dict[str, object] = {}
    for cls in leaf.__mro__:
        for obj, label in ((instance, "an instance"), (leaf, "the class")):
            key = f"Super({cls.__name__}, {label} of {leaf.__name__}).attr"
            got[key] = _outcome(lambda: kata.Super(cls, obj).attr, instance, leaf)
            want[key] = _outcome(lambda: getattr(super(cls, obj), "attr"), instance, leaf)
    return got, want


DIAMOND: Spec = [([], "method"), ([0], "method"), ([0], "method"), ([1, 2], "")]
CLASSMETHODS: Spec = [([], "classmethod"), ([0], ""), ([0], "classmethod"), ([1, 2], "classmethod")]
PROPERTIES: Spec = [([], "property"), ([0], "value"), ([1], "property")]
STATICS: Spec = [([], "staticmethod"), ([], "method"), ([0, 1], "staticmethod"), ([2], "")]


@given(spec=hierarchies(), instance_attr=st.booleans())
@example(spec=DIAMOND, instance_attr=False)
@example(spec=CLASSMETHODS, instance_attr=False)
@example(spec=PROPERTIES, instance_attr=True)
@example(spec=STATICS, instance_attr=True)
def test_super_matches_the_real_super(spec: Spec, instance_attr: bool) -> None:
    """Super(cls, obj).attr is what super(cls, obj).attr is, for every class of the MRO."""
    got, want = _compare(spec, instance_attr)
    assert got == want, (
        "Super(cls, obj).attr: the attribute from the first class AFTER cls in obj's MRO "
        "(type(obj).__mro__, or obj.__mro__ when obj is a class), bound with "
        "__get__(obj, type(obj)) or __get__(None, obj); AttributeError when no later class has it"
    )


def test_super_is_the_objects_mro_not_the_parent() -> None:
    """In a diamond, Super(Left, child) finds Right's method: the next class in Child's MRO."""

    class Base:
        def who(self) -> str:
            return "Base"

    class Left(Base):
        def who(self) -> str:
            return "Left"

    class Right(Base):
        def who(self) -> str:
            return "Right"

    class Child(Left, Right):
        pass

    child = Child()
    found = kata.Super(Left, child).who
    assert isinstance(found, types.MethodType) and found() == "Right", (
        "Super(Left, child).who: the next class after Left in type(child).__mro__ is Right, "
        "not Left's parent Base"
    )
    assert found.__self__ is child, "Super(cls, obj).method is bound to obj"


def test_super_rejects_an_unrelated_object() -> None:
    """TypeError from the constructor when obj is neither an instance nor a subclass of cls."""

    class A:
        pass

    class B(A):
        pass

    for cls, obj, what in ((B, A(), "an instance of a base"), (B, A, "a base class"), (A, 42, "an int")):
        try:
            kata.Super(cls, obj)
        except NotImplementedError:
            raise
        except TypeError:
            continue
        except Exception as exc:  # noqa: BLE001
            raise AssertionError(
                f"Super(cls, obj) with obj {what}: TypeError, not {type(exc).__name__}"
            ) from None
        raise AssertionError(f"Super(cls, obj) with obj {what}: the constructor raises TypeError")
