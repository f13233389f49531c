"""Builds the reprs from str() of the coordinates instead of repr()."""

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
        return f"Vector({self.x}, {self.y})"


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
        return f"Vector3({self.x}, {self.y}, {self.z})"
