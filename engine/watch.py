"""``nox -s watch -- day7``: regrade the day whenever one of its files is saved.

File events come from watchfiles; Enter regrades too, for filesystems whose events never
arrive (some network and VM mounts). Grading runs learner code in a child process, so a hang
or a crash in it costs one timed-out grade, not the watcher. Ctrl-C ends it cleanly.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable, Collection
from pathlib import Path

from engine.files import NOT_WORK
from engine.grade import leave_ctrl_c_to_main


def watch(
    folder: Path,
    regrade: Callable[[set[Path]], None],
    *,
    clear: Callable[[], None],
    names: Collection[str] = (),
    everything: bool = False,
) -> int:
    """Grade now, then again on every save (``regrade`` gets the files saved) or Enter."""
    import watchfiles  # only watching needs it

    triggers: queue.Queue[set[Path]] = queue.Queue()
    stop = threading.Event()

    def on_file_events() -> None:
        leave_ctrl_c_to_main()
        def kata_files(_change: object, path: str) -> bool:  # Python, the file katas' own, a project's
            if everything:
                return not NOT_WORK & set(Path(path).parts)
            return path.endswith(".py") or Path(path).name in names

        for changes in watchfiles.watch(folder, stop_event=stop, watch_filter=kata_files):
            triggers.put({Path(path).resolve() for _change, path in changes})

    def on_enter() -> None:
        leave_ctrl_c_to_main()
        for _line in sys.stdin:
            triggers.put(set())

    threading.Thread(target=on_file_events, daemon=True, name="file-events").start()
    if sys.stdin is not None and not sys.stdin.closed:
        threading.Thread(target=on_enter, daemon=True, name="enter-key").start()
    try:
        saved: set[Path] = set()
        while True:
            clear()
            regrade(saved)
            print(f"\nWatching {folder} — save a file to regrade, Enter to regrade now, Ctrl-C to stop.",
                  flush=True)
            saved = _next(triggers)
            saved |= _drain(triggers)  # an editor's save can fire several events: grade once
    except KeyboardInterrupt:
        print("\nStopped watching.")
        return 0
    finally:
        stop.set()


def _next(triggers: queue.Queue[set[Path]]) -> set[Path]:
    # A timed wait, so that Ctrl-C is seen within a moment even if it reached another thread.
    while True:
        try:
            return triggers.get(timeout=0.25)
        except queue.Empty:
            continue


def _drain(triggers: queue.Queue[set[Path]]) -> set[Path]:
    more: set[Path] = set()
    while True:
        try:
            more |= triggers.get_nowait()
        except queue.Empty:
            return more
