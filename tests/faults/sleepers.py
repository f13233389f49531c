"""Every call starts sleeping subprocesses and never waits for them."""
import os
import subprocess
import sys
from typing import Any

SLEEP = "import time; time.sleep(600)  # kata-fault-sleeper " + os.environ.get("KATA_FAULT_MARK", "")


def __getattr__(name: str) -> Any:
    def spawn(*args: Any, **kwargs: Any) -> Any:
        for _ in range(5):
            subprocess.Popen([sys.executable, "-c", SLEEP])
        return None

    return spawn
