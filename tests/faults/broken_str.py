"""Every call raises an exception whose ``__str__`` and ``__repr__`` raise."""
from typing import Any


class BrokenStr(Exception):
    def __str__(self) -> str:
        raise RuntimeError("no text for you")

    def __repr__(self) -> str:
        raise RuntimeError("no repr either")


def __getattr__(name: str) -> Any:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise BrokenStr()

    return fail
