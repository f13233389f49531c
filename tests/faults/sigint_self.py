"""Every call sends SIGINT to its own process."""
import os
import signal
from typing import Any


def __getattr__(name: str) -> Any:
    def interrupt(*args: Any, **kwargs: Any) -> Any:
        os.kill(os.getpid(), signal.SIGINT)
        return None

    return interrupt
