"""``__slots__``: vectors without a per-instance ``__dict__``.

By default every instance carries a ``__dict__`` for its attributes. A class that declares
``__slots__ = ("x", "y")`` gets a fixed storage slot per listed name instead: instances are
smaller and faster to read, and assigning a name that is not a slot raises
``AttributeError`` (a typo such as ``v.z = 1`` on a 2-D vector fails loudly instead of
silently creating a new attribute). Slots are not immutability: ``v.x = 5`` still works.

Rules worth knowing: a subclass that does not declare ``__slots__`` itself gets a ``__dict__``
again; a subclass declares only its *new* names (re-listing a base's slot wastes memory and
hides the base's slot); a slot cannot also have a class-level default value (``z: float = 0.0``
in the class body of a slotted class is a ``ValueError`` at class creation), so defaults go in
``__init__``.

Write two classes:

* ``Vector(x, y)`` with ``__slots__`` holding exactly ``x`` and ``y``;
* ``Vector3(x, y, z=0.0)``, a subclass of ``Vector`` whose own ``__slots__`` declares only
  ``z``; it sets ``x`` and ``y`` through ``super().__init__``.

Instances of both have no ``__dict__`` (``vars(v)`` raises ``TypeError``), store and update
their coordinates as plain attributes, and raise ``AttributeError`` when any other attribute
is assigned. ``repr(Vector(1, 2))`` is ``"Vector(1, 2)"`` and ``repr(Vector3(1, 2, 3))`` is
``"Vector3(1, 2, 3)"``: each coordinate shown with ``repr``, not ``str`` -- ints and floats look
the same either way, but ``Vector(Fraction(1, 2), 2)`` shows as ``"Vector(Fraction(1, 2), 2)"``,
not ``"Vector(1/2, 2)"``.

Example::

    >>> v = Vector(1.5, 2)
    >>> v.x = 3.0
    >>> v, hasattr(v, "__dict__")
    (Vector(3.0, 2), False)
    >>> v.z = 1.0
    Traceback (most recent call last):
    ...
    AttributeError: 'Vector' object has no attribute 'z'
    >>> Vector3(1, 2)
    Vector3(1, 2, 0.0)
"""

from __future__ import annotations


class Vector:
    """A 2-D vector stored in slots ``x`` and ``y``."""

    __slots__ = ("x", "y")

    def __init__(self, x: float, y: float) -> None:
        """Store the coordinates.

        >>> Vector(1, 2).y
        2
        """
        self.x = x
        self.y = y

    def __repr__(self) -> str:
        """``Vector(<x>, <y>)``.

        >>> Vector(0.5, -1)
        Vector(0.5, -1)
        """
        return f"Vector({self.x!r}, {self.y!r})"


class Vector3(Vector):
    """A 3-D vector: ``Vector``'s slots plus its own slot ``z``."""

    __slots__ = ("z",)

    def __init__(self, x: float, y: float, z: float = 0.0) -> None:
        """Store ``x`` and ``y`` through ``Vector.__init__`` (via ``super()``), then ``z``.

        >>> Vector3(1, 2, 3).z
        3
        """
        super().__init__(x, y)
        self.z = z

    def __repr__(self) -> str:
        """``Vector3(<x>, <y>, <z>)``.

        >>> Vector3(1, 2, 3)
        Vector3(1, 2, 3)
        """
        return f"Vector3({self.x!r}, {self.y!r}, {self.z!r})"
