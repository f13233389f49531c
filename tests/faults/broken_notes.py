"""Every call raises an exception whose ``__notes__`` is not a list."""
from typing import Any


def __getattr__(name: str) -> Any:
    def fail(*args: Any, **kwargs: Any) -> Any:
        error = ValueError("bad value")
        error.__notes__ = 5  # type: ignore[assignment]
        raise error

    return fail
