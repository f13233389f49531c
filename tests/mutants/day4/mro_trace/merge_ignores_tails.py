"""The merge takes the first head without checking it is in no other list's tail."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache


class Base:
    """The top of the diamond: ends both cooperative chains."""

    def __init__(self, trace: list[str]) -> None:
        """Append ``"Base"`` to ``trace``, then call ``super().__init__()``.

        >>> trace: list[str] = []
        >>> _ = Base(trace)
        >>> trace
        ['Base']
        """
        trace.append("Base")
        super().__init__()

    def who(self) -> list[str]:
        """Return ``["Base"]``.

        >>> Base([]).who()
        ['Base']
        """
        return ["Base"]


class Left(Base):
    """Left side of the diamond."""

    def __init__(self, trace: list[str]) -> None:
        """Append ``"Left"`` to ``trace``, then call ``super().__init__(trace)``.

        >>> trace: list[str] = []
        >>> _ = Left(trace)
        >>> trace
        ['Left', 'Base']
        """
        trace.append("Left")
        super().__init__(trace)

    def who(self) -> list[str]:
        """Return ``["Left"]`` followed by ``super().who()``.

        >>> Left([]).who()
        ['Left', 'Base']
        """
        return ["Left", *super().who()]


class Right(Base):
    """Right side of the diamond."""

    def __init__(self, trace: list[str]) -> None:
        """Append ``"Right"`` to ``trace``, then call ``super().__init__(trace)``.

        >>> trace: list[str] = []
        >>> _ = Right(trace)
        >>> trace
        ['Right', 'Base']
        """
        trace.append("Right")
        super().__init__(trace)

    def who(self) -> list[str]:
        """Return ``["Right"]`` followed by ``super().who()``.

        >>> Right([]).who()
        ['Right', 'Base']
        """
        return ["Right", *super().who()]


class Child(Left, Right):
    """The bottom of the diamond: ``Child(Left, Right)``."""

    def __init__(self, trace: list[str]) -> None:
        """Append ``"Child"`` to ``trace``, then call ``super().__init__(trace)``.

        >>> trace: list[str] = []
        >>> _ = Child(trace)
        >>> trace
        ['Child', 'Left', 'Right', 'Base']
        """
        trace.append("Child")
        super().__init__(trace)

    def who(self) -> list[str]:
        """Return ``["Child"]`` followed by ``super().who()``.

        >>> Child([]).who()
        ['Child', 'Left', 'Right', 'Base']
        """
        return ["Child", *super().who()]


def linearize(bases: Mapping[str, Sequence[str]], name: str) -> list[str]:
    """Return the C3 linearisation of class ``name`` (without ``object``).

    ``TypeError`` when no consistent order exists; ``KeyError`` for an unknown ``name``.

    >>> linearize({"A": [], "B": ["A"]}, "B")
    ['B', 'A']
    """

    @cache
    def mro(cls: str) -> tuple[str, ...]:
        parents = bases[cls]
        merged = _merge([list(mro(parent)) for parent in parents] + [list(parents)], cls)
        return (cls, *merged)

    return list(mro(name))


def _merge(sequences: list[list[str]], owner: str) -> list[str]:
    result: list[str] = []
    pending = [seq for seq in sequences if seq]
    while pending:
        head = next(
            (
                seq[0]
                for seq in pending
                if seq[0] not in result
            ),
            None,
        )
        if head is None:
            raise TypeError(
                f"Cannot create a consistent method resolution order (MRO) for {owner}"
            )
        result.append(head)
        pending = [rest for seq in pending if (rest := seq[1:] if seq[0] == head else seq)]
    return result
