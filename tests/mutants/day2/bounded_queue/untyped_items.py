"""Type-level: right behaviour, but items are typed Any, so pop() and peek() lose T."""

from collections import deque
from collections.abc import Iterator
from typing import Any, Generic, Literal, TypeVar

T = TypeVar("T")

OverflowPolicy = Literal["drop_oldest", "reject"]


class QueueEmpty(LookupError):
    """Raised by pop() and peek() on an empty queue."""


class QueueFull(Exception):
    """Raised by push() on a full queue whose overflow policy is "reject"."""


class BoundedQueue(Generic[T]):
    def __init__(self, maxlen: int, *, on_full: OverflowPolicy = "drop_oldest") -> None:
        if maxlen < 1 or on_full not in ("drop_oldest", "reject"):
            raise ValueError(maxlen, on_full)
        self._on_full: OverflowPolicy = on_full
        self._items: deque[Any] = deque(maxlen=maxlen)

    @property
    def maxlen(self) -> int:
        return self._items.maxlen or 0

    @property
    def on_full(self) -> OverflowPolicy:
        return self._on_full

    def is_full(self) -> bool:
        return len(self._items) == self.maxlen

    def push(self, item: T) -> None:
        if self._on_full == "reject" and self.is_full():
            raise QueueFull()
        self._items.append(item)

    def pop(self) -> Any:
        if not self._items:
            raise QueueEmpty()
        return self._items.popleft()

    def peek(self) -> Any:
        if not self._items:
            raise QueueEmpty()
        return self._items[0]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)
