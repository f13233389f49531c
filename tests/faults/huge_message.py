"""The first call prints 20 MB and raises an exception with a 20 MB message; later ones raise a
small one (so the run is about the size of the report, not about pytest formatting 20 MB)."""
from typing import Any

_flooded: list[bool] = []


def __getattr__(name: str) -> Any:
    def flood(*args: Any, **kwargs: Any) -> Any:
        if _flooded:
            raise ValueError("small")
        _flooded.append(True)
        print("y" * 20_000_000)
        raise ValueError("x" * 20_000_000)

    return flood
