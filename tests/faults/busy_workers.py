"""Every call starts a worker process that spins forever, then hangs in a bare-except loop."""
import os
import subprocess
import sys
import time
from typing import Any

SPIN = "while True: pass  # kata-fault-worker " + os.environ.get("KATA_FAULT_MARK", "")


def __getattr__(name: str) -> Any:
    def spawn_and_hang(*args: Any, **kwargs: Any) -> Any:
        subprocess.Popen([sys.executable, "-c", SPIN])
        while True:
            try:
                time.sleep(0.01)
            except:  # noqa: E722  (swallows the timeout: only the watchdog can stop this)
                continue

    return spawn_and_hang
