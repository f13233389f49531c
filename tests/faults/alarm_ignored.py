"""Ignores SIGALRM at import, then every call spins: only the outer watchdog can stop it."""
import signal
from typing import Any

signal.signal(signal.SIGALRM, signal.SIG_IGN)


def __getattr__(name: str) -> Any:
    def spin(*args: Any, **kwargs: Any) -> Any:
        while True:
            signal.signal(signal.SIGALRM, signal.SIG_IGN)

    return spin
