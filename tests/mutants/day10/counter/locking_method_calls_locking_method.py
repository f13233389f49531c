"""increment() holds the (non-reentrant) Lock while calling add(), which takes it again: deadlock."""

from __future__ import annotations

import threading


class Counter:
    """An integer count that any number of threads may update at once without losing updates.

    >>> c = Counter(10)
    >>> c.increment()
    >>> c.add(5), c.increment_and_get(), c.value
    (16, 17, 17)
    """

    def __init__(self, start: int = 0) -> None:
        """Start the count at ``start``; ``TypeError`` unless ``start`` is an ``int``."""
        if not isinstance(start, int):
            raise TypeError(f"start must be an int, not {type(start).__name__}")
        self._lock = threading.Lock()
        self._value = start

    @property
    def value(self) -> int:
        """The current count."""
        with self._lock:  # one read is atomic under the GIL; the lock keeps it so without one
            return self._value

    def increment(self) -> None:
        """Add 1."""
        with self._lock:
            self.add(1)

    def add(self, n: int) -> int:
        """Add ``n`` and return the count right after this addition.

        ``TypeError`` (and no change) unless ``n`` is an ``int``.

        >>> Counter(3).add(-5)
        -2
        """
        if not isinstance(n, int):
            raise TypeError(f"n must be an int, not {type(n).__name__}")
        with self._lock:  # read, add and write as one step: nobody else runs in between
            self._value += n
            return self._value  # read before releasing: after it, the count may move on

    def increment_and_get(self) -> int:
        """Add 1 and return the count this call produced.

        >>> Counter().increment_and_get()
        1
        """
        return self.add(1)
