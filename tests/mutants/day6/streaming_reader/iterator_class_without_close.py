"""Returns a hand-written iterator class instead of a generator: it has no close(), the promised way to close the file early."""

import os
from collections.abc import Iterator
from typing import TextIO


def read_records(
    path: str | os.PathLike[str],
    delimiter: str = "\n",
    *,
    chunk_size: int = 65536,
    encoding: str = "utf-8",
) -> Iterator[str]:
    """Yield the records of the text file at ``path``, lazily, in order.

    The records are the pieces of the file's text between occurrences of ``delimiter``; the
    delimiter itself is not part of any record. That is ``text.split(delimiter)``, except that a
    delimiter at the very end of the text does not start an empty last record (like
    ``str.splitlines``), and an empty file has no records at all. Empty records between two
    adjacent delimiters are yielded as ``""``.

    The file is opened as ``open(path, encoding=encoding)`` — text mode, universal newlines, so
    ``"\\r\\n"`` is read as ``"\\n"`` — and read with ``read(chunk_size)``: at most
    ``chunk_size`` characters at a time. Memory is bounded by ``chunk_size`` plus the longest
    record, whatever the size of the file.

    Bytes that cannot be decoded raise ``UnicodeDecodeError`` from ``next()``, never from the
    call, and at the latest from the ``next()`` that would yield the record holding them (no
    record with bad bytes is ever yielded). Text mode decodes a whole ``read(chunk_size)`` and a
    few kilobytes more at once, so the error may come a few records early; but records far
    before the bad bytes (with ``chunk_size=1024``, those 200 kB before them) are yielded first.

    Raises ``ValueError`` *at call time* (before any ``next()``) if ``delimiter`` is empty or
    ``chunk_size`` is less than 1. The file is opened at the first ``next()``, so a missing file
    raises ``FileNotFoundError`` there. The file is closed when the records run out, and when
    the generator is closed (``close()``: at once) or garbage-collected before that. The result
    is a generator — typed ``Generator[str, None, None]`` — so ``close()`` is always there.

    Example — a file containing ``"id=1;id=2;;id=3;"``:

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "records.txt"
    >>> _ = path.write_text("id=1;id=2;;id=3;", encoding="utf-8")
    >>> list(read_records(path, ";"))
    ['id=1', 'id=2', '', 'id=3']
    >>> list(read_records(path, ";", chunk_size=3))   # same records, whatever the chunk size
    ['id=1', 'id=2', '', 'id=3']
    >>> read_records(path, "")
    Traceback (most recent call last):
    ValueError: delimiter must not be empty
    """
    if not delimiter:
        raise ValueError("delimiter must not be empty")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, got {chunk_size}")
    return _Records(path, delimiter, chunk_size, encoding)


class _Records:
    """A hand-written iterator: the file opens at the first next() and closes at the end."""

    def __init__(
        self, path: str | os.PathLike[str], delimiter: str, chunk_size: int, encoding: str
    ) -> None:
        self._path, self._delimiter = path, delimiter
        self._chunk_size, self._encoding = chunk_size, encoding
        self._file: TextIO | None = None
        self._ready: list[str] = []
        self._tail = ""
        self._done = False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        while not self._ready:
            if self._done:
                raise StopIteration
            if self._file is None:
                self._file = open(self._path, encoding=self._encoding)
            chunk = self._file.read(self._chunk_size)
            if not chunk:
                self._file.close()
                self._done = True
                if self._tail:
                    self._ready.append(self._tail)
                continue
            *complete, self._tail = (self._tail + chunk).split(self._delimiter)
            self._ready.extend(complete)
        return self._ready.pop(0)

    def __del__(self) -> None:
        if self._file is not None:
            self._file.close()
