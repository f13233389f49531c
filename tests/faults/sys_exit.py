"""Every call ends the program with ``sys.exit(3)``."""
import sys
from typing import Any


def __getattr__(name: str) -> Any:
    def leave(*args: Any, **kwargs: Any) -> Any:
        sys.exit(3)

    return leave
