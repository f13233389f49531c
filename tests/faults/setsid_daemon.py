"""Every call double-forks a ``setsid`` daemon, the classic way to escape one's parent."""
import os
import sys
from typing import Any

SLEEP = "import time; time.sleep(600)  # kata-fault-daemon " + os.environ.get("KATA_FAULT_MARK", "")


def __getattr__(name: str) -> Any:
    def daemonize(*args: Any, **kwargs: Any) -> Any:
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                os.execv(sys.executable, [sys.executable, "-c", SLEEP])
            os._exit(0)
        return None

    return daemonize
