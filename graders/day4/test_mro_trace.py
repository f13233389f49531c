"""Grader for day4.mro_trace: cooperative super() chains follow the MRO; C3 by hand."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import example, given
from hypothesis import strategies as st

from day4 import mro_trace as kata

Hierarchy = dict[str, list[str]]


def raised(call: Callable[[], object]) -> BaseException | None:
    """The exception the call raised (None if it returned); a stub's NotImplementedError escapes."""
    try:
        call()
    except NotImplementedError:
        raise
    except Exception as exc:
        return exc
    return None


def mro_names(cls: type) -> list[str]:
    return [c.__name__ for c in cls.__mro__ if c is not object]


def traced(cls: type) -> list[str]:
    trace: list[str] = []
    cls(trace)
    return trace


# --- Part 1: the diamond -------------------------------------------------------------------


def test_child_trace_equals_the_mro() -> None:
    trace = traced(kata.Child)
    assert trace == ["Child", "Left", "Right", "Base"], (
        "Child(trace): every __init__ records its own class name, then calls super().__init__; "
        "the trace equals Child's MRO and each class runs exactly once"
    )
    assert trace == mro_names(kata.Child), "Child(trace): the trace equals Child.__mro__"


def test_single_inheritance_traces() -> None:
    got = {cls.__name__: traced(cls) for cls in (kata.Base, kata.Left, kata.Right)}
    assert got == {"Base": ["Base"], "Left": ["Left", "Base"], "Right": ["Right", "Base"]}, (
        "Left(trace)/Right(trace): without Child in the MRO, super() from Left or Right is Base"
    )


def test_who_follows_the_mro() -> None:
    got = {cls.__name__: cls([]).who() for cls in (kata.Child, kata.Left, kata.Right, kata.Base)}
    assert got == {
        "Child": ["Child", "Left", "Right", "Base"],
        "Left": ["Left", "Base"],
        "Right": ["Right", "Base"],
        "Base": ["Base"],
    }, "who(): its own class name followed by super().who(); Base ends the chain with ['Base']"


def test_swapped_diamond_follows_its_own_mro() -> None:
    class Swapped(kata.Right, kata.Left):
        pass

    trace = traced(Swapped)
    assert trace == ["Right", "Left", "Base"], (
        "class Swapped(Right, Left): super() means 'next in the object's MRO', so Right's "
        "super() is Left here; never call a parent class by name"
    )
    assert Swapped([]).who() == ["Right", "Left", "Base"], (
        "who() on Swapped(Right, Left) follows Swapped's MRO"
    )


def test_an_extra_branch_is_not_skipped() -> None:
    class Extra(kata.Base):
        def __init__(self, trace: list[str]) -> None:
            trace.append("Extra")
            super().__init__(trace)

        def who(self) -> list[str]:
            return ["Extra", *super().who()]

    class Grand(kata.Child, Extra):
        pass

    trace = traced(Grand)
    want = ["Child", "Left", "Right", "Extra", "Base"]  # Grand.__mro__ minus Grand and object
    assert trace == want, (
        "class Grand(Child, Extra): Right's super() is Extra here — every class calls super(), "
        "none calls Base directly, so the whole MRO runs once"
    )
    assert Grand([]).who() == want, "who() on Grand(Child, Extra) follows Grand's MRO"


def test_records_own_name_not_the_objects_class() -> None:
    class Leaf(kata.Left):
        pass

    trace = traced(Leaf)
    assert trace == ["Left", "Base"], (
        "Left.__init__ records 'Left' (its own class), not type(self).__name__ ('Leaf')"
    )


# --- Part 2: C3 linearisation --------------------------------------------------------------

DIAMOND: Hierarchy = {"O": [], "A": ["O"], "B": ["O"], "C": ["A", "B"]}
# The example from "The Python 2.3 Method Resolution Order" (python.org/download/releases/2.3/mro)
K_EXAMPLE: Hierarchy = {
    "O": [], "A": ["O"], "B": ["O"], "C": ["O"], "D": ["O"], "E": ["O"],
    "K1": ["A", "B", "C"], "K2": ["D", "B", "E"], "K3": ["D", "A"], "Z": ["K1", "K2", "K3"],
}  # fmt: skip
CROSSED: Hierarchy = {"X": [], "Y": [], "A": ["X", "Y"], "B": ["Y", "X"], "Z": ["A", "B"]}
# A base listed before its own subclass: class C(O, A) where A(O) cannot be ordered.
BASE_FIRST: Hierarchy = {"O": [], "A": ["O"], "C": ["O", "A"]}
# Local precedence vs monotonicity: a classic that depth-first orders accept but C3 rejects.
LOCAL: Hierarchy = {"O": [], "F": ["O"], "E": ["O"], "G": ["F", "E"], "H": ["E", "F"], "I": ["G", "H"]}


def real_mros(hierarchy: Hierarchy) -> dict[str, list[str] | None]:
    """What Python itself computes: each class's MRO names, or None where type() refuses."""
    built: dict[str, type] = {}
    result: dict[str, list[str] | None] = {}
    for name, bases in hierarchy.items():  # declaration order: bases come first
        if any(base not in built for base in bases):
            result[name] = None
            continue
        try:
            built[name] = type(name, tuple(built[base] for base in bases), {})
        except TypeError:
            result[name] = None
        else:
            result[name] = mro_names(built[name])
    return result


def linearized(hierarchy: Hierarchy, name: str) -> list[str] | str:
    try:
        return kata.linearize(hierarchy, name)
    except NotImplementedError:
        raise
    except TypeError:
        return "TypeError"


@st.composite
def hierarchies(draw: st.DrawFn) -> Hierarchy:
    """Up to 7 classes C0..Cn, each deriving from a few distinct earlier ones, in any order."""
    count = draw(st.integers(min_value=1, max_value=7))
    hierarchy: Hierarchy = {}
    for index in range(count):
        earlier = [f"C{i}" for i in range(index)]
        bases = draw(st.lists(st.sampled_from(earlier), unique=True, max_size=3)) if earlier else []
        hierarchy[f"C{index}"] = bases
    return hierarchy


@given(hierarchy=hierarchies())
@example(hierarchy=DIAMOND)
@example(hierarchy=K_EXAMPLE)
@example(hierarchy=CROSSED)
@example(hierarchy=BASE_FIRST)
@example(hierarchy=LOCAL)
def test_linearize_matches_python(hierarchy: Hierarchy) -> None:
    got = {name: linearized(hierarchy, name) for name in hierarchy}
    want = {name: "TypeError" if mro is None else mro for name, mro in real_mros(hierarchy).items()}
    assert got == want, (
        "linearize(bases, name): the C3 linearisation Python computes for the same classes "
        "(without object), or TypeError where Python cannot create a consistent MRO"
    )


def test_linearize_named_cases() -> None:
    got = {
        "diamond C": linearized(DIAMOND, "C"),
        "Z of the 2.3 MRO paper": linearized(K_EXAMPLE, "Z"),
        "crossed Z": linearized(CROSSED, "Z"),
    }
    assert got == {
        "diamond C": ["C", "A", "B", "O"],
        "Z of the 2.3 MRO paper": ["Z", "K1", "K2", "K3", "D", "A", "B", "C", "E", "O"],
        "crossed Z": "TypeError",
    }, "linearize(): C3 merge — take the first head that is in no list's tail; none -> TypeError"


def test_linearize_unknown_name() -> None:
    error = raised(lambda: kata.linearize(DIAMOND, "Nope"))
    assert isinstance(error, KeyError), "linearize(bases, name): KeyError for an unknown name"
