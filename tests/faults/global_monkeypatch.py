"""Replaces process-wide functions at import: clocks, ``random``, ``os.getcwd``."""
import os
import random
import time
from typing import Any

time.perf_counter = lambda: 0.0
time.monotonic = lambda: 0.0
random.random = lambda: 0.5
os.getcwd = lambda: "/"


def __getattr__(name: str) -> Any:
    def answer(*args: Any, **kwargs: Any) -> Any:
        return None

    return answer
