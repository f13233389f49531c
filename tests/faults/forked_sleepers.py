"""Every call forks children that sleep, and never waits for them."""
import os
import time
from typing import Any


def __getattr__(name: str) -> Any:
    def spawn(*args: Any, **kwargs: Any) -> Any:
        for _ in range(3):
            if os.fork() == 0:
                time.sleep(600)
                os._exit(0)
        return None

    return spawn
