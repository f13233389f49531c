"""Believes nonlocal falls back to the module variable, so the snippet runs."""

from __future__ import annotations

from typing import Final

SNIPPETS: Final[dict[str, str]] = {
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


def predictions() -> dict[str, list[str]]:
    """Return, for every snippet name in ``SNIPPETS``, the lines that snippet prints.

    Each value is a list of strings, one per printed line, in order; a snippet that stops with
    an exception ends with ``"raises <ExceptionClassName>"``, e.g.
    ``["start", "2", "raises NameError"]``.
    """
    return {
        # Free variables are looked up when inner() runs, so it sees the rebinding.
        "lookup_at_call_time": ["enclosing", "enclosing, rebound", "global"],
        # A global named len shadows the builtin; once deleted, the builtin shows through again.
        "builtins_come_last": ["3", "-1", "3"],
        # `total += n` assigns, so total is local to add() and is read before it has a value.
        "assignment_makes_local": ["adding 5", "raises UnboundLocalError"],
        # global skips outer()'s x and rebinds the module's; nonlocal rebinds outer()'s.
        "global_vs_nonlocal": ["outer", "set by nonlocal", "set by global"],
        # append mutates the shared list; `entries = []` in clear() only binds a new local.
        "mutate_vs_rebind": ["['a', 'b']"],
        # A class body is not an enclosing scope for its methods: show() finds the global x.
        "class_body_is_not_enclosing": ["global", "class"],
        # nonlocal needs an enclosing *function* variable: a compile error, nothing runs.
        "nonlocal_needs_a_function": ["start", "1"],
    }
