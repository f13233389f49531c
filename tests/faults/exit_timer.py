"""A ``threading.Timer`` started at import calls ``os._exit(3)`` a moment later, mid-check."""
import os
import threading
import time
from typing import Any

threading.Timer(0.3, os._exit, (3,)).start()


def __getattr__(name: str) -> Any:
    def wait(*args: Any, **kwargs: Any) -> Any:
        time.sleep(2)
        return None

    return wait
