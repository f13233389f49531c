"""Stores `z or 0.0`, so a z of 0 (or -0.0) is replaced by the default 0.0."""

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
        self.z = z or 0.0

    def __repr__(self) -> str:
        """``Vector3(<x>, <y>, <z>)``.

        >>> Vector3(1, 2, 3)
        Vector3(1, 2, 3)
        """
        return f"Vector3({self.x!r}, {self.y!r}, {self.z!r})"
