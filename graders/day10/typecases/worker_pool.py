"""Type cases for day10.worker_pool: run_pool() returns a list of func's result type."""

import math
import operator
from pathlib import Path
from typing import assert_type

from day10.worker_pool import WorkerError, run_pool

assert_type(run_pool(math.factorial, [1, 2]), list[int])
assert_type(run_pool(Path.read_bytes, [Path("/proc/self/cmdline")], workers=1), list[bytes])
assert_type(run_pool(str.upper, iter(["a"]), start_method="spawn"), list[str])
assert_type(WorkerError(1, ValueError()).cause, Exception)
run_pool(math.factorial, ["three"])  # type: ignore[arg-type]
run_pool(operator.neg, [1], 2)  # type: ignore[call-arg]
