"""Every call kills the interpreter with ``os._exit(0)``: no cleanup, no report."""
import os
from typing import Any


def __getattr__(name: str) -> Any:
    def die(*args: Any, **kwargs: Any) -> Any:
        os._exit(0)

    return die
