"""A retry loop whose bare ``except:`` swallows the time limit's interrupt, so it never ends."""
from typing import Any


def __getattr__(name: str) -> Any:
    def retry_forever(*args: Any, **kwargs: Any) -> Any:
        while True:
            try:
                sum(range(100_000))
                raise ConnectionError("still down")
            except:  # noqa: E722  (the bug under test)
                continue

    return retry_forever
