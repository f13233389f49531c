"""A daemon thread started at import spins forever, fighting every check for the GIL."""
import threading
from typing import Any


def _spin() -> None:
    while True:
        pass


threading.Thread(target=_spin, daemon=True).start()


def __getattr__(name: str) -> Any:
    def answer(*args: Any, **kwargs: Any) -> Any:
        return None

    return answer
