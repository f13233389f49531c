"""Grader for day1.objects: predictions about objects, and type_chain()."""

from __future__ import annotations

import ast
import math
import textwrap

import pytest

from day1 import objects

SNIPPETS = {
    "type_of_type": "type(type).__name__",
    "type_of_object": "type(object).__name__",
    "class_is_instance": "isinstance(int, object)",
    "object_is_instance": "isinstance(object, type)",
    "builtin_type": "type(len).__name__",
    "function_type": """
        def greet():
            return "hi"
        type(greet).__name__
    """,
    "function_attribute": """
        def greet():
            return "hi"
        greet.calls = 3
        greet.calls + len(greet())
    """,
    "bound_method": """
        shout = "abc".upper
        shout()
    """,
    "int_method": "(10).bit_length()",
    "bool_arithmetic": "True + True",
    "class_attribute_later": """
        class Point:
            pass
        p = Point()
        Point.dims = 2
        p.dims
    """,
    "module_type": """
        import math
        type(math).__name__
    """,
}


def _evaluate(code: str) -> object:
    """Run a snippet in a fresh namespace; return the value of its last line."""
    *body, last = ast.parse(textwrap.dedent(code).strip()).body
    assert isinstance(last, ast.Expr)
    namespace: dict[str, object] = {"__name__": "snippet"}
    exec(compile(ast.Module(body=body, type_ignores=[]), "<snippet>", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "<snippet>", "eval"), namespace)


@pytest.mark.predict
@pytest.mark.parametrize("name", list(SNIPPETS))
def test_predict(name: str) -> None:
    answers = objects.predict()
    assert name in answers, f"predict() must answer the snippet {name!r}"
    got, want = answers[name], _evaluate(SNIPPETS[name])
    code = " / ".join(line.strip() for line in SNIPPETS[name].strip().splitlines())
    assert got == want, f"predict()[{name!r}]: what `{code}` evaluates to"
    assert repr(got) == repr(want), (
        f"predict()[{name!r}]: the right value but the wrong type -- give the value itself, "
        f"a {type(want).__name__}"
    )


class Meta(type):
    pass


class Model(metaclass=Meta):
    pass


class SubMeta(Meta):
    pass


class Special(metaclass=SubMeta):
    pass


class Disguised:
    """Claims to be an int through ``__class__``, as mocks do."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # noqa: D105
        return int


def _greet() -> str:
    return "hi"


CASES: list[tuple[str, object, list[str]]] = [
    ("an int", 3, ["int", "type"]),
    ("a str", "s", ["str", "type"]),
    ("None", None, ["NoneType", "type"]),
    ("a builtin function", len, ["builtin_function_or_method", "type"]),
    ("a Python function", _greet, ["function", "type"]),
    ("a module", math, ["module", "type"]),
    ("the class int", int, ["type"]),
    ("the class object", object, ["type"]),
    ("type itself", type, ["type"]),
    ("an instance of a class with a metaclass", Model(), ["Model", "Meta", "type"]),
    ("a class with a metaclass", Model, ["Meta", "type"]),
    ("a metaclass", Meta, ["type"]),
    ("an instance two metaclasses deep", Special(), ["Special", "SubMeta", "type"]),
]


@pytest.mark.parametrize(("label", "obj", "want"), CASES, ids=[c[0] for c in CASES])
def test_type_chain(label: str, obj: object, want: list[str]) -> None:
    got = objects.type_chain(obj)
    assert got == want, (
        f"type_chain({label}): names of type(obj), type(type(obj)), ... up to the first type "
        "that is its own type, listed once"
    )


def test_type_chain_is_not_fooled_by_a_fake_class_attribute() -> None:
    got = objects.type_chain(Disguised())
    assert got == ["Disguised", "type"], (
        "type_chain(): follow type(), not the __class__ attribute an object can fake"
    )


class Outer:
    """A metaclass and a class nested in a class body: their __qualname__ differs from __name__."""

    class InnerMeta(type):
        pass

    class Inner(metaclass=InnerMeta):
        pass


def test_type_chain_names_are_dunder_name_not_qualname() -> None:
    got = objects.type_chain(Outer.Inner())
    assert got == ["Inner", "InnerMeta", "type"], (
        "type_chain(): the __name__s seen -- a class nested in another class is named "
        "'Inner', not its __qualname__ 'Outer.Inner'"
    )
    got = objects.type_chain(Outer.Inner)
    assert got == ["InnerMeta", "type"], (
        "type_chain(): the __name__s seen -- a nested metaclass is named 'InnerMeta', not its "
        "__qualname__ 'Outer.InnerMeta'"
    )
