"""Every call raises KeyboardInterrupt (a learner's Ctrl-C handling gone wrong)."""
from typing import Any


def __getattr__(name: str) -> Any:
    def interrupt(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    return interrupt
