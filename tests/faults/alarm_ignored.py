"""Ignores SIGALRM at import, then every call waits forever: only the outer watchdog stops it."""
import signal
import time
from typing import Any

signal.signal(signal.SIGALRM, signal.SIG_IGN)


def __getattr__(name: str) -> Any:
    def wait(*args: Any, **kwargs: Any) -> Any:
        while True:
            signal.signal(signal.SIGALRM, signal.SIG_IGN)
            time.sleep(0.01)

    return wait
