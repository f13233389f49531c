"""A retry loop whose bare ``except:`` swallows the time limit's interrupt, so it never ends."""
import time
from typing import Any


def __getattr__(name: str) -> Any:
    def retry_forever(*args: Any, **kwargs: Any) -> Any:
        while True:
            try:
                time.sleep(0.01)  # waiting for a server that never answers
                raise ConnectionError("still down")
            except:  # noqa: E722  (the bug under test)
                continue

    return retry_forever
