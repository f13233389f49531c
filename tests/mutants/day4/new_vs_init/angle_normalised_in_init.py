"""Normalises the angle in __init__, which cannot change the float's value."""

from __future__ import annotations

import math
from typing import ClassVar, Self, final


class Angle(float):
    """An angle in degrees, normalised to ``float(degrees) % 360`` when it is created."""

    def __new__(cls, degrees: float | str = 0.0) -> Self:
        """Build the normalised angle; ``ValueError`` for ``inf``, ``nan`` or a non-number.

        >>> Angle(720.5)
        Angle(0.5)
        """
        return super().__new__(cls, degrees)

    def __init__(self, degrees: float | str = 0.0) -> None:
        value = float(degrees)
        if not math.isfinite(value):
            raise ValueError(f"an angle must be finite, got {degrees!r}")
        self = super().__new__(type(self), value % 360)  # noqa: F841 - rebinds a local only

    def __repr__(self) -> str:
        """``Angle(<degrees as a float>)``.

        >>> repr(Angle(-0.5))
        'Angle(359.5)'
        """
        return f"Angle({float(self)!r})"


@final
class Symbol(str):
    """An interned identifier: one object per name, for the life of the program."""

    _interned: ClassVar[dict[str, Symbol]] = {}

    def __new__(cls, name: str) -> Symbol:
        """Return the symbol for ``name``, creating it the first time the name is seen.

        >>> Symbol("a") is Symbol("a")
        True
        >>> Symbol("not an identifier")
        Traceback (most recent call last):
        ...
        ValueError: a symbol name must be an identifier, got 'not an identifier'
        """
        if not isinstance(name, str):
            raise TypeError(f"a symbol name must be a str, got {type(name).__name__}")
        if not name.isidentifier():
            raise ValueError(f"a symbol name must be an identifier, got {name!r}")
        key = str(name)  # a plain str key, so the cache does not depend on what was passed
        symbol = cls._interned.get(key)
        if symbol is None:
            symbol = cls._interned[key] = super().__new__(cls, key)
        return symbol

    def __repr__(self) -> str:
        """``Symbol('<name>')``.

        >>> repr(Symbol("ready"))
        "Symbol('ready')"
        """
        return f"Symbol({str(self)!r})"
