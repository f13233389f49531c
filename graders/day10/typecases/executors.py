"""Type cases for day10.executors: Literal kinds, an Executor, a pipeline generic in parse."""

import json
from concurrent.futures import Executor
from typing import Literal, assert_type

from day10.executors import classify, executor_for, fetch_and_parse

assert_type(classify(), dict[str, Literal["cpu", "io"]])
assert_type(executor_for("io", 4), Executor)
assert_type(fetch_and_parse(str.encode, len, ["a"], io_workers=1, cpu_workers=1), list[int])
assert_type(fetch_and_parse(str.encode, bytes.decode, iter(["a"]), io_workers=1, cpu_workers=1),
            list[str])
executor_for("gpu", 4)  # type: ignore[arg-type]
fetch_and_parse(str.encode, json.loads, ["{}"], 1, 1)  # type: ignore[call-arg]
fetch_and_parse(len, len, ["a"], io_workers=1, cpu_workers=1)  # type: ignore[arg-type]
