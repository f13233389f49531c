"""Type cases: streaming_reader — read_records returns a generator, so close() type-checks."""

from collections.abc import Generator
from pathlib import Path
from typing import assert_type

from day6.streaming_reader import read_records

records = read_records(Path("app.log"), ";", chunk_size=4096, encoding="latin-1")
assert_type(records, Generator[str, None, None])
records.close()  # promised by the spec: a consumer that stops early closes the generator
for record in read_records("app.log"):
    assert_type(record, str)
read_records("app.log", chunk_size="4096")  # type: ignore[arg-type]
