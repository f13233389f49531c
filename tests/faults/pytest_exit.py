"""Every call ends the test session with ``pytest.exit()``."""
from typing import Any

import pytest


def __getattr__(name: str) -> Any:
    def leave(*args: Any, **kwargs: Any) -> Any:
        pytest.exit("enough testing")

    return leave
