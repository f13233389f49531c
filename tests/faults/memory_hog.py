"""Every call grows its data, doubling each time, until memory runs out."""
from typing import Any


def __getattr__(name: str) -> Any:
    def hoard(*args: Any, **kwargs: Any) -> Any:
        chunks, size = [], 64 * 1024 * 1024
        while True:
            chunks.append(bytes(size))
            size *= 2

    return hoard
