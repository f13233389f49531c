"""Every call grows a list until memory runs out."""
from typing import Any


def __getattr__(name: str) -> Any:
    def hoard(*args: Any, **kwargs: Any) -> Any:
        chunks = []
        while True:
            chunks.append(bytearray(64 * 1024 * 1024))

    return hoard
