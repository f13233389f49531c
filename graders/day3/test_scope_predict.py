"""Grader for day3.scope_predict: run each snippet, compare with the learner's prediction."""

from __future__ import annotations

import contextlib
import io

import pytest

from day3 import scope_predict as kata

# The grader's own copy of the spec's snippets: what is graded does not depend on the
# learner's file, and test_snippets_are_unchanged tells the learner if the two differ.
SNIPPETS: dict[str, str] = {
    "lookup_at_call_time": """\
x = "global"

def outer():
    x = "enclosing"
    def inner():
        print(x)
    inner()
    x = "enclosing, rebound"
    inner()

outer()
print(x)
""",
    "builtins_come_last": """\
print(len("abc"))
len = lambda text: -1
print(len("abc"))
del len
print(len("abc"))
""",
    "assignment_makes_local": """\
total = 10

def add(n):
    print("adding", n)
    total += n
    return total

print(add(5))
""",
    "global_vs_nonlocal": """\
x = "module"

def outer():
    x = "outer"
    def set_global():
        global x
        x = "set by global"
    def set_nonlocal():
        nonlocal x
        x = "set by nonlocal"
    set_global()
    print(x)
    set_nonlocal()
    print(x)

outer()
print(x)
""",
    "mutate_vs_rebind": """\
def make_log():
    entries = []
    def add(entry):
        entries.append(entry)
    def clear():
        entries = []
    return add, clear, entries

add, clear, entries = make_log()
add("a")
clear()
add("b")
print(entries)
""",
    "class_body_is_not_enclosing": """\
x = "global"

class Config:
    x = "class"
    def show(self):
        print(x)

Config().show()
print(Config.x)
""",
    "nonlocal_needs_a_function": """\
count = 0

def bump():
    nonlocal count
    count += 1

print("start")
bump()
print(count)
""",
}


def run(name: str) -> list[str]:
    """What the snippet prints, line by line; "raises <Name>" last if it stops with an exception."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            code = compile(SNIPPETS[name], f"<snippet {name}>", "exec")
            exec(code, {"__name__": "__snippet__"})
    except Exception as exc:  # noqa: BLE001 — the exception is the snippet's output
        return [*out.getvalue().splitlines(), f"raises {type(exc).__name__}"]
    return out.getvalue().splitlines()


@pytest.mark.predict
@pytest.mark.parametrize("name", list(SNIPPETS))
def test_prediction_matches_what_the_snippet_prints(name: str) -> None:
    predicted = kata.predictions().get(name)
    assert predicted == run(name), (
        f"predictions()[{name!r}]: must list the lines the snippet prints, in order "
        f"(an exception as its last item: 'raises <ExceptionClassName>')"
    )


def test_every_snippet_has_a_prediction_and_nothing_else() -> None:
    got = sorted(kata.predictions())
    assert got == sorted(SNIPPETS), (
        "predictions(): has exactly one entry per snippet name in SNIPPETS"
    )


def test_snippets_are_unchanged() -> None:
    kata.predictions()
    assert kata.SNIPPETS == SNIPPETS, (
        "SNIPPETS is part of the spec: do not edit it (restore the original from the kata)"
    )
