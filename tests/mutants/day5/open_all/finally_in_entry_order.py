"""Closes all in a finally, in entry order (not reverse), never showing __exit__ the exception."""

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def open_all(factories: Iterable[Callable[[], AbstractContextManager[T]]]) -> Iterator[list[T]]:
    """Create and enter ``factory()`` for each factory; the block gets the list of the values.

    The list holds what each ``__enter__`` returned, in the factories' order; an empty
    iterable gives an empty list.

    >>> from pathlib import Path
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> paths = [folder / name for name in ("a.txt", "b.txt", "c.txt")]
    >>> with open_all([lambda p=p: open(p, "w") for p in paths]) as files:
    ...     for file in files:
    ...         _ = file.write("hello")
    >>> [file.closed for file in files]
    [True, True, True]
    >>> paths[2].unlink()
    >>> with open_all([lambda p=p: open(p) for p in paths]) as files:  # doctest: +ELLIPSIS
    ...     pass    # c.txt is gone: a.txt and b.txt are opened, then closed (b first)
    Traceback (most recent call last):
    FileNotFoundError: [Errno 2] No such file or directory: '.../c.txt'
    """
    entered: list[AbstractContextManager[T]] = []
    values: list[T] = []
    try:
        for factory in factories:
            manager = factory()
            values.append(manager.__enter__())
            entered.append(manager)
        yield values
    finally:
        for manager in entered:
            manager.__exit__(None, None, None)
