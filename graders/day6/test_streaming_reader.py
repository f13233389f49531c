"""Grader: streaming_reader — records as str.split gives them, bounded memory, laziness, and a
well-behaved generator (checks at call time, file opened late and always closed)."""

import gc
import os
import tracemalloc
import warnings
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day6 import streaming_reader

BIG_RECORDS = 500  # distinct records in one block; the block repeats up to BIG_SIZE
BIG_SIZE = 24_000_000  # characters (ASCII, so bytes too)


class BigFile:
    def __init__(self, path: Path, records: int, characters: int, first: list[str]) -> None:
        self.path = path
        self.records = records
        self.characters = characters  # total length of all records, delimiters excluded
        self.first = first


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> BigFile:
    """A ~24 MB file of newline-terminated records of 8..2000 characters, written in blocks."""
    lines = [f"{i:07d} " + "x" * (i * 7919 % 1993) for i in range(BIG_RECORDS)]
    block = "\n".join(lines) + "\n"
    repeats = BIG_SIZE // len(block) + 1
    path = tmp_path_factory.mktemp("streaming") / "big.log"
    with open(path, "w", encoding="utf-8", newline="") as file:
        for _ in range(repeats):
            file.write(block)
    characters = repeats * (len(block) - len(lines))
    return BigFile(path, repeats * len(lines), characters, lines[:3])


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("streaming-small") / "records.txt"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as file:
        file.write(text)
    return path


def records_oracle(text: str, delimiter: str) -> list[str]:
    parts = text.split(delimiter)
    if parts[-1] == "":
        parts.pop()  # a trailing delimiter (or an empty file) does not start a record
    return parts


def peak_memory_while(
    read: Callable[[], Iterator[str]], keep: int = 0
) -> tuple[int, int, list[str], int]:
    """Call ``read`` and consume (the first ``keep`` of) its records, all under tracemalloc:
    (count, total length, the first ``keep`` records, peak bytes traced)."""
    count = total = 0
    kept: list[str] = []
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        records = read()
        for record in records if not keep else islice(records, keep):
            count += 1
            total += len(record)
            if len(kept) < keep:
                kept.append(record)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return count, total, kept, peak


# Delimiters that cannot overlap themselves; the alphabet makes them appear often, also split
# across chunk boundaries.
delimiters = st.sampled_from(["\n", ";", "<>", ";\n", "--8<"])


@settings(max_examples=100)
@given(text=st.text("ab;<>\n-8é", max_size=60), delimiter=delimiters, chunk_size=st.integers(1, 9))
@example(text="", delimiter="\n", chunk_size=1)  # empty file: no records
@example(text="\n", delimiter="\n", chunk_size=4)  # one empty record
@example(text="a\n\nb", delimiter="\n", chunk_size=1)  # empty record in the middle
@example(text="a\nb", delimiter="\n", chunk_size=1)  # no trailing delimiter: last record kept
@example(text="a\nb\n", delimiter="\n", chunk_size=2)  # trailing delimiter: no empty record
@example(text="ab<>cd<>", delimiter="<>", chunk_size=3)  # delimiter split across two reads
@example(text="aaaaaaa;b", delimiter=";", chunk_size=2)  # record longer than a chunk
def test_records_match_split(scratch: Path, text: str, delimiter: str, chunk_size: int) -> None:
    write(scratch, text)
    got = list(streaming_reader.read_records(scratch, delimiter, chunk_size=chunk_size))
    want = records_oracle(text, delimiter)
    assert got == want, (
        f"read_records(delimiter={delimiter!r}, chunk_size={chunk_size}) yields the text split "
        f"on the delimiter, whatever the chunk size; a trailing delimiter adds no empty record"
    )


def test_default_chunk_size_and_delimiter(tmp_path: Path) -> None:
    text = "".join(f"line {i}\n" for i in range(20_000))
    path = write(tmp_path / "lines.txt", text)
    got = list(streaming_reader.read_records(path))
    assert got == text.splitlines(), "by default read_records yields the lines of the file"


def test_encoding_and_universal_newlines(tmp_path: Path) -> None:
    path = write(tmp_path / "latin.txt", "café\r\nnaïve\r\n", encoding="latin-1")
    got = list(streaming_reader.read_records(path, encoding="latin-1"))
    assert got == ["café", "naïve"], (
        "the file is opened with the given encoding and universal newlines ('\\r\\n' reads as "
        "'\\n')"
    )


def test_whole_big_file_in_bounded_memory(big_file: BigFile) -> None:
    count, total, _, peak = peak_memory_while(lambda: streaming_reader.read_records(big_file.path))
    assert (count, total) == (big_file.records, big_file.characters), (
        "read_records yields every record of a 24 MB file"
    )
    assert peak < 1_000_000, (
        f"read_records streams: memory stays bounded by the chunk and the longest record, not "
        f"the file size — reading a 24 MB file peaked at {peak:,} bytes (limit 1,000,000)"
    )


def test_first_records_of_big_file_are_cheap(big_file: BigFile) -> None:
    _, _, first, peak = peak_memory_while(
        lambda: streaming_reader.read_records(big_file.path), keep=3
    )
    assert first == big_file.first, "read_records yields the records from the start of the file"
    assert peak < 1_000_000, (
        f"read_records is lazy: taking 3 records must not read the whole 24 MB file — it "
        f"peaked at {peak:,} bytes (limit 1,000,000)"
    )


def test_reads_only_as_far_as_needed(tmp_path: Path) -> None:
    # Valid records, then 200 kB of padding, then bytes that are not UTF-8: a lazy reader
    # never gets to them when only the first records are taken.
    path = tmp_path / "broken-tail.txt"
    path.write_bytes(b"first\nsecond\n" + b"y" * 200_000 + b"\n\xff\xfe\xfd\n")
    try:
        records = streaming_reader.read_records(path, chunk_size=1024)
        got = [next(records), next(records)]
    except UnicodeDecodeError:
        pytest.fail(
            "read_records is lazy: taking the first 2 records must not read (and decode) the "
            "rest of the file — here it fails to decode 200 kB further on"
        )
    assert got == ["first", "second"], (
        "read_records yields records as soon as they are read, without reading the rest of "
        "the file (which here cannot be decoded)"
    )
    error = None
    try:
        list(records)
    except UnicodeDecodeError as exc:
        error = exc
    assert type(error).__name__ == "UnicodeDecodeError", (
        "read_records: bytes that cannot be decoded raise UnicodeDecodeError once the reader gets "
        "to them — they are never skipped or replaced"
    )


def test_bad_bytes_raise_from_next_and_are_never_yielded(tmp_path: Path) -> None:
    path = tmp_path / "bad-record.txt"
    path.write_bytes(b"\xff\n" + b"ok\n" * 10 + b"bad \xe9t\xe9\nafter\n")
    try:
        records = streaming_reader.read_records(path, chunk_size=4)
    except UnicodeDecodeError:
        pytest.fail("read_records raises UnicodeDecodeError from next(), never from the call")
    yielded: list[str] = []
    error = None
    try:
        for record in islice(records, 20):
            yielded.append(record)
    except UnicodeDecodeError as exc:
        error = exc
    assert (type(error).__name__, yielded) == ("UnicodeDecodeError", []), (
        "read_records: bytes that cannot be decoded raise UnicodeDecodeError from next(), at the "
        "latest from the next() that would yield the record holding them — no record with bad "
        "bytes is ever yielded (the file is opened strict: no errors='replace' or 'ignore')"
    )
    path.write_bytes(b"ok\n" * 10 + b"bad \xe9t\xe9\nafter\n")
    yielded, error = [], None
    try:
        for record in islice(streaming_reader.read_records(path, chunk_size=4), 20):
            yielded.append(record)
    except UnicodeDecodeError as exc:
        error = exc
    assert type(error).__name__ == "UnicodeDecodeError", (
        "read_records: bytes that cannot be decoded raise UnicodeDecodeError — they are never "
        "skipped or replaced"
    )
    assert set(yielded) <= {"ok"}, (
        "read_records: no record with bad bytes is ever yielded — the error comes at the latest "
        "from the next() that would yield it"
    )


def open_descriptors(path: Path) -> int:
    """How many of this process's file descriptors are open on ``path`` (Linux /proc)."""
    target = os.path.realpath(path)
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{fd}") == target
        except OSError:
            continue
    return count


def test_close_closes_the_file_at_once(tmp_path: Path) -> None:
    path = write(tmp_path / "short.txt", "a\nb\nc\n")
    records = streaming_reader.read_records(path, chunk_size=1)
    first = next(records)
    assert first == "a", "read_records yields the first line first"
    close = getattr(records, "close", None)
    assert callable(close), (
        "read_records returns a generator (Generator[str, None, None]): it has close()"
    )
    close()
    assert open_descriptors(path) == 0, (
        "read_records: closing the generator (close()) closes its file at once, while the "
        "generator object is still referenced (use `with` inside the generator)"
    )


def test_invalid_arguments_fail_at_call_time(tmp_path: Path) -> None:
    path = write(tmp_path / "ok.txt", "a\n")
    for bad in ({"delimiter": ""}, {"chunk_size": 0}):
        try:
            records = streaming_reader.read_records(path, **bad)  # type: ignore[arg-type]
        except ValueError:
            continue
        pytest.fail(
            f"read_records({bad}) raises ValueError when it is called, before any next() — "
            f"it returned {records!r} instead (a generator function's body only runs at the "
            f"first next(): check the arguments in a plain function that returns the generator)"
        )


def test_file_opened_at_first_next(tmp_path: Path) -> None:
    try:
        records = streaming_reader.read_records(tmp_path / "missing.txt")
    except FileNotFoundError:
        pytest.fail("read_records opens the file at the first next(), not when it is called")
    with pytest.raises(FileNotFoundError):
        next(records)


def unclosed_file_warnings(consume: Callable[[], None]) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        consume()
        gc.collect()
    return [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]


def test_file_closed_when_exhausted(tmp_path: Path) -> None:
    path = write(tmp_path / "short.txt", "a\nb\n")

    def exhaust() -> None:
        got = list(streaming_reader.read_records(path))
        assert got == ["a", "b"], "read_records yields the lines of a small file"

    assert unclosed_file_warnings(exhaust) == [], (
        "read_records closes its file when the records run out (use `with` inside the generator)"
    )


def test_file_closed_when_consumer_stops_early(tmp_path: Path) -> None:
    path = write(tmp_path / "short.txt", "a\nb\nc\n")

    def stop_early() -> None:
        records = streaming_reader.read_records(path)
        for record in records:
            assert record == "a", "read_records yields the first line first"
            break
        del records  # the consumer drops the unfinished generator

    assert unclosed_file_warnings(stop_early) == [], (
        "read_records closes its file when the consumer stops early and drops the generator "
        "(a `with` block inside the generator does it)"
    )

