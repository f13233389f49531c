"""Thread-safe counter: many threads update one count, and no update is ever lost.

``self._value += 1`` is three steps: read the count, add, write the result back. Another
thread may run between any two of them: both threads read 41, both write 42, and one
increment is gone. The GIL does not prevent this — it only makes each single bytecode
indivisible, and this statement is several. A lock makes the whole read-modify-write one
indivisible step: only the thread holding it may read or write the count.

Write ``Counter``:

- ``Counter(start=0)`` starts the count at ``start``.
- ``value`` is a read-only property: the current count.
- ``increment()`` adds 1.
- ``add(n)`` adds ``n`` (zero and negative numbers are fine) and returns the count right after
  *this* addition — the value this very call produced, even while other threads add too.
- ``increment_and_get()`` adds 1 and returns the count this call produced, in the same sense:
  when ``k`` calls run at the same time on a ``Counter(start)`` that nobody else touches,
  they return ``start + 1``, ..., ``start + k``, each number exactly once.

Rules:

- Any number of threads may call any of the methods at the same time, and no update is lost:
  when calls adding up to ``total`` have returned, ``value == start + total``.
- A method never waits for a lock its own thread already holds (``threading.Lock`` is not
  reentrant: a method that calls another locking method while holding the lock hangs for
  ever). Every call returns.
- ``start`` and ``n`` must be ``int``: anything else (``1.5``, ``"1"``, ``None``) raises
  ``TypeError``, and a refused ``add`` leaves the count unchanged.
- Two counters are independent: adding to one never changes the other.
- **Keep the count in the instance attribute ``_value``, and read and write it only as
  ``self._value``** (``self._value += n``, ``return self._value``), never through a copy
  kept elsewhere. The grader replaces ``_value`` with a property that lets other threads run
  in the middle of every read and every write: that is how it makes a race show up every
  time, rather than once in a million runs as it would by itself.

Example::

    >>> import threading
    >>> hits = Counter()
    >>> def visit() -> None:
    ...     for _ in range(1000):
    ...         hits.increment()
    >>> threads = [threading.Thread(target=visit) for _ in range(8)]
    >>> for t in threads:
    ...     t.start()
    >>> for t in threads:
    ...     t.join()
    >>> hits.value
    8000
    >>> hits.add(-8000), hits.increment_and_get()
    (0, 1)
"""

from __future__ import annotations


class Counter:
    """An integer count that any number of threads may update at once without losing updates.

    >>> c = Counter(10)
    >>> c.increment()
    >>> c.add(5), c.increment_and_get(), c.value
    (16, 17, 17)
    """

    def __init__(self, start: int = 0) -> None:
        """Start the count at ``start``; ``TypeError`` unless ``start`` is an ``int``."""
        raise NotImplementedError

    @property
    def value(self) -> int:
        """The current count."""
        raise NotImplementedError

    def increment(self) -> None:
        """Add 1."""
        raise NotImplementedError

    def add(self, n: int) -> int:
        """Add ``n`` and return the count right after this addition.

        ``TypeError`` (and no change) unless ``n`` is an ``int``.

        >>> Counter(3).add(-5)
        -2
        """
        raise NotImplementedError

    def increment_and_get(self) -> int:
        """Add 1 and return the count this call produced.

        >>> Counter().increment_and_get()
        1
        """
        raise NotImplementedError
