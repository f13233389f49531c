"""``__init__`` vs ``__new__``: two immutable built-in subclasses that only ``__new__`` can build.

``__new__`` *creates* the object (it is a static method that receives the class and returns
the instance); ``__init__`` then *initialises* the object it is handed. For an immutable type
such as ``float`` or ``str`` the value is fixed at creation, so by the time ``__init__`` runs
it is too late to change it: ``self = ...`` in ``__init__`` only rebinds a local name. And only
``__new__`` can hand back an object that already exists (interning, caching, singletons).

Write two classes:

``Angle(degrees)``, a ``float`` subclass: the angle normalised with Python's ``%`` operator,
``float(degrees) % 360``, so it lies in ``[0, 360)`` for finite integer inputs and for the
usual fractions of a degree. ``degrees`` is anything ``float()`` accepts (an ``int``, a
``float``, a numeric string). The result is an ``Angle`` (``type(Angle(5)) is Angle``) and a
``float``; arithmetic on it is plain ``float`` arithmetic and returns plain floats.
``repr(Angle(370))`` is ``'Angle(10.0)'``. A non-finite value (``inf``, ``nan``) raises
``ValueError``, as does a string ``float()`` rejects.

``Symbol(name)``, an interned ``str`` subclass: ``Symbol("x") is Symbol("x")`` — constructing a
symbol whose name was seen before returns the very same object. ``name`` must be a ``str``
that is a Python identifier (``str.isidentifier()``); anything else raises ``ValueError``
(``TypeError`` for a non-``str``). A symbol is a ``str``: ``Symbol("x") == "x"``, same hash,
usable wherever a ``str`` is. ``repr(Symbol("x"))`` is ``"Symbol('x')"``. ``Symbol`` is final
(no subclasses), so every symbol is exactly a ``Symbol``.

Examples::

    >>> Angle(370), Angle(-90), Angle("45")
    (Angle(10.0), Angle(270.0), Angle(45.0))
    >>> Angle(350) + 20
    370.0
    >>> Symbol("pending") is Symbol("pending"), Symbol("pending") == "pending"
    (True, True)
"""

from __future__ import annotations

from typing import Self, final


class Angle(float):
    """An angle in degrees, normalised to ``float(degrees) % 360`` when it is created."""

    def __new__(cls, degrees: float | str = 0.0) -> Self:
        """Build the normalised angle; ``ValueError`` for ``inf``, ``nan`` or a non-number.

        >>> Angle(720.5)
        Angle(0.5)
        """
        raise NotImplementedError

    def __repr__(self) -> str:
        """``Angle(<degrees as a float>)``.

        >>> repr(Angle(-0.5))
        'Angle(359.5)'
        """
        raise NotImplementedError


@final
class Symbol(str):
    """An interned identifier: one object per name, for the life of the program."""

    def __new__(cls, name: str) -> Symbol:
        """Return the symbol for ``name``, creating it the first time the name is seen.

        >>> Symbol("a") is Symbol("a")
        True
        >>> Symbol("not an identifier")
        Traceback (most recent call last):
        ...
        ValueError: a symbol name must be an identifier, got 'not an identifier'
        """
        raise NotImplementedError

    def __repr__(self) -> str:
        """``Symbol('<name>')``.

        >>> repr(Symbol("ready"))
        "Symbol('ready')"
        """
        raise NotImplementedError
