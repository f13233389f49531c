"""MRO execution tracing: a cooperative diamond, and C3 linearisation by hand.

Part 1 — the diamond. Four classes::

        Base
       /    \\
    Left    Right          class Child(Left, Right)
       \\    /
        Child

``Child.__mro__`` is ``(Child, Left, Right, Base, object)``. ``super()`` does not mean "my
parent": it means "the next class in the MRO of the *object's* class". So ``Left``'s
``super()`` is ``Right`` when the object is a ``Child``, and ``Base`` when it is a plain
``Left``. If every method records itself and then calls ``super()``, each class in the MRO
runs exactly once, in MRO order.

Every class defines:

* ``__init__(self, trace)``: appends its *own* class name (``"Left"`` in ``Left``, whatever
  the object's class is) to the list ``trace``, then calls ``super().__init__(trace)`` —
  except ``Base``, which ends the chain with a plain ``super().__init__()``.
* ``who(self)``: returns a list starting with its own class name followed by what
  ``super().who()`` returns — except ``Base``, which returns ``["Base"]``.

Never name a parent class explicitly (``Base.__init__(self, trace)``): that skips whatever
class the MRO puts in between. The grader also builds classes of its own on top of yours
(``class Swapped(Right, Left)``, or a ``Child`` mixed with one more ``Base`` subclass) and
checks that the trace still equals the MRO.

Part 2 — ``linearize(bases, name)`` computes the C3 linearisation (the MRO) of the class
``name`` in a hierarchy given as data: ``bases`` maps every class name to the names of its
direct base classes, in declaration order (``[]`` for a class that only derives from
``object``; ``object`` itself is never mentioned and never part of the result). The result
is what ``[c.__name__ for c in cls.__mro__][:-1]`` would be had the classes been declared in
Python. C3: the linearisation of ``C(B1, ..., Bn)`` is ``C`` followed by the *merge* of the
linearisations of ``B1 ... Bn`` and of the list ``[B1, ..., Bn]``; the merge repeatedly takes
the first head (first element of one of the lists, scanning the lists in order) that does not
appear in the *tail* (any position but the first) of any list, appends it to the result and
removes it from the front of every list. When no head qualifies, no consistent order exists:
raise ``TypeError`` (what Python raises for ``class Z(A, B)`` in that case). A class whose
bases cannot be linearised cannot be linearised either. ``KeyError`` if ``name`` is not a key
of ``bases``.

Examples::

    >>> trace: list[str] = []
    >>> child = Child(trace)
    >>> trace, child.who()
    (['Child', 'Left', 'Right', 'Base'], ['Child', 'Left', 'Right', 'Base'])
    >>> linearize({"O": [], "A": ["O"], "B": ["O"], "C": ["A", "B"]}, "C")
    ['C', 'A', 'B', 'O']
    >>> linearize({"X": [], "Y": [], "A": ["X", "Y"], "B": ["Y", "X"], "Z": ["A", "B"]}, "Z")
    Traceback (most recent call last):
    ...
    TypeError: Cannot create a consistent method resolution order (MRO) for Z
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class Base:
    """The top of the diamond: ends both cooperative chains."""

    def __init__(self, trace: list[str]) -> None:
        """Append ``"Base"`` to ``trace``, then call ``super().__init__()``.

        >>> trace: list[str] = []
        >>> _ = Base(trace)
        >>> trace
        ['Base']
        """
        raise NotImplementedError

    def who(self) -> list[str]:
        """Return ``["Base"]``.

        >>> Base([]).who()
        ['Base']
        """
        raise NotImplementedError


class Left(Base):
    """Left side of the diamond."""

    def __init__(self, trace: list[str]) -> None:
        """Append ``"Left"`` to ``trace``, then call ``super().__init__(trace)``.

        >>> trace: list[str] = []
        >>> _ = Left(trace)
        >>> trace
        ['Left', 'Base']
        """
        raise NotImplementedError

    def who(self) -> list[str]:
        """Return ``["Left"]`` followed by ``super().who()``.

        >>> Left([]).who()
        ['Left', 'Base']
        """
        raise NotImplementedError


class Right(Base):
    """Right side of the diamond."""

    def __init__(self, trace: list[str]) -> None:
        """Append ``"Right"`` to ``trace``, then call ``super().__init__(trace)``.

        >>> trace: list[str] = []
        >>> _ = Right(trace)
        >>> trace
        ['Right', 'Base']
        """
        raise NotImplementedError

    def who(self) -> list[str]:
        """Return ``["Right"]`` followed by ``super().who()``.

        >>> Right([]).who()
        ['Right', 'Base']
        """
        raise NotImplementedError


class Child(Left, Right):
    """The bottom of the diamond: ``Child(Left, Right)``."""

    def __init__(self, trace: list[str]) -> None:
        """Append ``"Child"`` to ``trace``, then call ``super().__init__(trace)``.

        >>> trace: list[str] = []
        >>> _ = Child(trace)
        >>> trace
        ['Child', 'Left', 'Right', 'Base']
        """
        raise NotImplementedError

    def who(self) -> list[str]:
        """Return ``["Child"]`` followed by ``super().who()``.

        >>> Child([]).who()
        ['Child', 'Left', 'Right', 'Base']
        """
        raise NotImplementedError


def linearize(bases: Mapping[str, Sequence[str]], name: str) -> list[str]:
    """Return the C3 linearisation of class ``name`` (without ``object``).

    ``TypeError`` when no consistent order exists; ``KeyError`` for an unknown ``name``.

    >>> linearize({"A": [], "B": ["A"]}, "B")
    ['B', 'A']
    """
    raise NotImplementedError
