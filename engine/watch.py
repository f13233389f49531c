"""``nox -s watch -- day7``: regrade the day whenever one of its files is saved.

File events come from watchfiles; Enter regrades too, for filesystems whose events never
arrive (some network and VM mounts). Grading runs learner code in a child process, so a hang
or a crash in it costs one timed-out grade, not the watcher. Ctrl-C ends it cleanly.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable
from pathlib import Path


def watch(folder: Path, regrade: Callable[[], None], *, clear: Callable[[], None]) -> int:
    import watchfiles  # only watching needs it

    triggers: queue.Queue[str] = queue.Queue()
    stop = threading.Event()

    def on_file_events() -> None:
        for _changes in watchfiles.watch(folder, stop_event=stop, watch_filter=_python_sources):
            triggers.put("saved")

    def on_enter() -> None:
        for _line in sys.stdin:
            triggers.put("enter")

    threading.Thread(target=on_file_events, daemon=True, name="file-events").start()
    if sys.stdin is not None and not sys.stdin.closed:
        threading.Thread(target=on_enter, daemon=True, name="enter-key").start()
    try:
        while True:
            clear()
            regrade()
            print(f"\nWatching {folder} — save a file to regrade, Enter to regrade now, Ctrl-C to stop.",
                  flush=True)
            triggers.get()
            _drain(triggers)  # an editor's save can fire several events: grade once
    except KeyboardInterrupt:
        print("\nStopped watching.")
        return 0
    finally:
        stop.set()


def _python_sources(_change: object, path: str) -> bool:
    return path.endswith(".py")


def _drain(triggers: queue.Queue[str]) -> None:
    while True:
        try:
            triggers.get_nowait()
        except queue.Empty:
            return
