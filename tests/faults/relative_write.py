"""At import, writes files by relative path, into HOME and into the temp dir."""
import os
import tempfile
from pathlib import Path
from typing import Any

Path("kata-fault-relative.txt").write_text("written by learner code")
Path(os.path.expanduser("~/kata-fault-home.txt")).write_text("written by learner code")
Path(tempfile.gettempdir(), "kata-fault-tmp.txt").write_text("written by learner code")


def __getattr__(name: str) -> Any:
    def answer(*args: Any, **kwargs: Any) -> Any:
        return None

    return answer
