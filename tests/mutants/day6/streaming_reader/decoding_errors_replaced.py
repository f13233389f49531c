"""Opens the file with errors='replace': bad bytes become U+FFFD in a record instead of raising UnicodeDecodeError."""

import os
from collections.abc import Generator


def read_records(
    path: str | os.PathLike[str],
    delimiter: str = "\n",
    *,
    chunk_size: int = 65536,
    encoding: str = "utf-8",
) -> Generator[str, None, None]:
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
    return _records(path, delimiter, chunk_size, encoding)


def _records(
    path: str | os.PathLike[str], delimiter: str, chunk_size: int, encoding: str
) -> Generator[str, None, None]:
    # A separate generator, so that read_records validates its arguments when it is called:
    # a generator function's body — checks included — only runs at the first next().
    with open(path, encoding=encoding, errors="replace") as file:
        tail = ""  # text after the last delimiter seen so far: the unfinished record
        while chunk := file.read(chunk_size):
            *complete, tail = (tail + chunk).split(delimiter)
            yield from complete
        if tail:
            yield tail
