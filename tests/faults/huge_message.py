"""Every call raises an exception with a 20 MB message and prints 20 MB."""
from typing import Any


def __getattr__(name: str) -> Any:
    def flood(*args: Any, **kwargs: Any) -> Any:
        print("y" * 20_000_000)
        raise ValueError("x" * 20_000_000)

    return flood
