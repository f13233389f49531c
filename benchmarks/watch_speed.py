"""Save → that kata's verdict on screen, in watch mode, for every kata of every graded day.

    python benchmarks/watch_speed.py [DAY ...] [--saves N]

For each day, watch runs on a copy of the reference solutions; each kata's file is saved
(re-written with one more comment line) N times, and the time from the write to the kata's
verdict line is taken from watch's own output. Prints the median and the slowest kata per day.
Targets (learner-loop issue): median <= 1 s, slowest <= 2 s, warm, on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from engine import catalog  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("days", nargs="*")
    parser.add_argument("--saves", type=int, default=3)
    parser.add_argument("--python", default=sys.executable, help="a venv with the grading tools")
    args = parser.parse_args()
    cat = catalog.load()
    days = [cat.day(d) for d in args.days] or list(cat.graded_days)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["KATA_STATE_DIR"] = tempfile.mkdtemp(prefix="bench-watch-state-")
    every: list[float] = []
    for day in days:
        times = watch_day(day, args.python, env, args.saves)
        every += [t for samples in times.values() for t in samples]
        medians = {name: statistics.median(samples) for name, samples in times.items()}
        slowest = max(medians, key=medians.__getitem__)
        print(f"{day.session:7} median {statistics.median(list(medians.values())):5.2f} s   "
              f"slowest {slowest} {medians[slowest]:5.2f} s", flush=True)
    print(f"all {len(every)} saves: median {statistics.median(every):.2f} s, max {max(every):.2f} s")
    shutil.rmtree(env["KATA_STATE_DIR"], ignore_errors=True)


def watch_day(day: catalog.Day, python: str, env: dict[str, str], saves: int) -> dict[str, list[float]]:
    root = Path(tempfile.mkdtemp(prefix="bench-watch-"))
    shutil.copytree(REPO / "solutions" / day.package, root / day.package)
    watcher = subprocess.Popen(
        [python, "-m", "engine", "watch", day.session, "--root", str(root)], cwd=REPO, env=env,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def read() -> None:
        assert watcher.stdout is not None
        for line in watcher.stdout:
            lines.put((time.perf_counter(), line))

    threading.Thread(target=read, daemon=True).start()
    _wait_for(lines, "Watching")
    times: dict[str, list[float]] = {k.name: [] for k in day.katas}
    try:
        for n in range(saves):
            for kata in day.katas:
                path = kata.source(root)
                saved = time.perf_counter()
                path.write_text(path.read_text() + f"# save {n}\n")
                seen = _wait_for(lines, f" {kata.name} ")
                times[kata.name].append(seen - saved)
                _wait_for(lines, "Watching")  # the rest of the day, before the next save
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)
    return times


def _wait_for(lines: queue.Queue[tuple[float, str]], marker: str, limit: float = 60.0) -> float:
    deadline = time.perf_counter() + limit
    while True:
        stamp, line = lines.get(timeout=max(0.1, deadline - time.perf_counter()))
        if marker in line:
            return stamp


if __name__ == "__main__":
    main()
