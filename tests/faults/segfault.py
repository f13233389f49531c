"""Every call dereferences a NULL pointer: the process dies of a segmentation fault."""
import ctypes
from typing import Any


def __getattr__(name: str) -> Any:
    def crash(*args: Any, **kwargs: Any) -> Any:
        return ctypes.string_at(0)

    return crash
