"""Grader for day4.slots: slotted vectors have no __dict__ and refuse unknown attributes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

from day4 import slots as kata


def raised(call: Callable[[], object]) -> BaseException | None:
    """The exception the call raised (None if it returned); a stub's NotImplementedError escapes."""
    try:
        call()
    except NotImplementedError:
        raise
    except Exception as exc:
        return exc
    return None


def own_slots(cls: type) -> set[str] | None:
    """The names a class declares in its own __slots__ (None if it declares none)."""
    declared = vars(cls).get("__slots__")
    if declared is None:
        return None
    return {declared} if isinstance(declared, str) else set(declared)


def test_vector_stores_coordinates() -> None:
    v = kata.Vector(1.5, 2)
    assert (v.x, v.y) == (1.5, 2), "Vector(x, y): stores x and y as attributes"
    v.x = 3.0
    assert (v.x, v.y) == (3.0, 2), "Vector: slots are not immutability — v.x = 3.0 works"
    assert repr(v) == "Vector(3.0, 2)", "repr(Vector(x, y)) is 'Vector(<x!r>, <y!r>)'"


def test_vector_has_no_dict() -> None:
    v = kata.Vector(1, 2)
    assert hasattr(v, "__dict__") is False, (
        "Vector: a slotted instance has no __dict__ (declare __slots__, without '__dict__')"
    )
    assert own_slots(kata.Vector) == {"x", "y"}, "Vector.__slots__ holds exactly 'x' and 'y'"


def test_vector_refuses_unknown_attributes() -> None:
    v = kata.Vector(1, 2)
    error = raised(lambda: setattr(v, "z", 3))
    assert isinstance(error, AttributeError), (
        "Vector: assigning a name that is not a slot (v.z = 3) raises AttributeError"
    )
    assert isinstance(raised(lambda: vars(v)), TypeError), (
        "Vector: vars(v) raises TypeError — there is no __dict__ to return"
    )


def test_vector3_extends_vector() -> None:
    v = kata.Vector3(1, 2, 3)
    assert (v.x, v.y, v.z) == (1, 2, 3), "Vector3(x, y, z): stores all three coordinates"
    assert isinstance(v, kata.Vector), "Vector3 is a subclass of Vector"
    assert kata.Vector3(1, 2).z == 0.0, "Vector3(x, y): z defaults to 0.0"
    assert repr(v) == "Vector3(1, 2, 3)", "repr(Vector3(x, y, z)) is 'Vector3(<x!r>, <y!r>, <z!r>)'"
    v.z = 4
    assert v.z == 4, "Vector3: z can be reassigned"


def test_vector3_has_no_dict_and_declares_only_z() -> None:
    v = kata.Vector3(1, 2, 3)
    assert hasattr(v, "__dict__") is False, (
        "Vector3: a subclass needs its own __slots__, or its instances get a __dict__ again"
    )
    assert isinstance(raised(lambda: setattr(v, "w", 4)), AttributeError), (
        "Vector3: assigning a name that is not a slot (v.w = 4) raises AttributeError"
    )
    assert own_slots(kata.Vector3) == {"z"}, (
        "Vector3.__slots__ declares only its new name 'z' (x and y are Vector's slots already)"
    )


class Meters(float):
    """A float whose repr differs from its str, as Decimal's and Fraction's do."""

    def __repr__(self) -> str:
        return f"Meters({float(self)!r})"

    def __str__(self) -> str:
        return f"{float(self)} m"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def test_repr_shows_each_coordinate_with_repr() -> None:
    got = [
        repr(kata.Vector(Fraction(1, 2), Decimal("2.5"))),  # type: ignore[arg-type]
        repr(kata.Vector3(Meters(1.5), Fraction(3, 4), Decimal("-1"))),  # type: ignore[arg-type]
        repr(kata.Vector(Meters(2.0), Meters(-0.5))),
    ]
    assert got == [
        "Vector(Fraction(1, 2), Decimal('2.5'))",
        "Vector3(Meters(1.5), Fraction(3, 4), Decimal('-1'))",
        "Vector(Meters(2.0), Meters(-0.5))",
    ], (
        "repr(Vector(x, y)) and repr(Vector3(x, y, z)) show each coordinate with repr, not str "
        "(ints and floats look the same either way; Fraction(1, 2) does not)"
    )


def test_zero_coordinates_are_stored_as_given() -> None:
    got = [repr(kata.Vector(0, 0)), repr(kata.Vector3(0, 0, 0)), repr(kata.Vector3(1, 2, -0.0))]
    assert got == ["Vector(0, 0)", "Vector3(0, 0, 0)", "Vector3(1, 2, -0.0)"], (
        "Vector3(x, y, z): a z of 0 is stored as given (only an omitted z defaults to 0.0)"
    )
