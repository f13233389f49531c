"""How long grading a learner's *test suite* takes, against one plain pytest run of it.

    python benchmarks/suite_speed.py [DAY] [--runs N]

For each kata of the "tests" kind in DAY (default day11), against the reference suite:
- plain: ``python -m pytest solutions/<pkg>/test_<subject>.py`` once, against the reference
  implementation, in the same venv;
- warm: save -> verdict in ``engine watch`` (benchmarks/watch_speed.py), where the grading
  process is already up: the whole grade (the suite once per correct and per buggy
  implementation, in the kata's one process, and mypy --strict beside it), as a learner
  waits for it;
- one-shot: ``python -m engine grade DAY KATA --solutions``, caches warm: the same grade plus
  starting the command and its grading process;
- kata: of the one-shot time, the kata's own process (the suite against every
  implementation, as the store records it), without the command's start and mypy --strict.
Prints medians and the ratios. Target (Day 11 issue): warm < 2 x plain.
Run it with the day's venv: ``.nox/day11/bin/python benchmarks/suite_speed.py``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from engine import catalog  # noqa: E402


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def kata_seconds(kata: catalog.Kata) -> float:
    """How long the kata's own process took in the last grade (the store's durations)."""
    from engine import store

    return store.durations().get(kata.id, float("nan"))


def implementations(kata: catalog.Kata) -> int:
    """How many implementations the grader runs the suite against: the reference and its own."""
    return 1 + len(list((kata.grader.parent / "impls" / str(kata.subject)).glob("*.py")))


def warm_seconds(day: catalog.Day, env: dict[str, str], saves: int) -> dict[str, float]:
    """Median save -> verdict per kata in watch mode, its state in a temp dir."""
    import shutil
    import tempfile

    from watch_speed import watch_day

    state = tempfile.mkdtemp(prefix="bench-suite-state-")
    try:
        times = watch_day(day, sys.executable, {**env, "KATA_STATE_DIR": state}, saves)
    finally:
        shutil.rmtree(state, ignore_errors=True)
    return {name: statistics.median(samples) for name, samples in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("day", nargs="?", default="day11")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    day = catalog.load().day(args.day)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    python = sys.executable
    warm = warm_seconds(day, env, args.runs)
    for kata in (k for k in day.katas if k.kind == "tests"):
        engine = [python, "-m", "engine", "grade", day.session, kata.name, "--solutions"]
        plain = [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(kata.source(REPO / "solutions"))]
        plain_env = {**env, "PYTHONPATH": str(REPO / "solutions")}
        timed(engine, env)  # warm the caches
        samples = [(timed(engine, env), kata_seconds(kata), timed(plain, plain_env)) for _ in range(args.runs)]
        graded, own, once = (statistics.median(s[i] for s in samples) for i in range(3))
        hot = warm[kata.name]
        print(f"{kata.id}: {implementations(kata)} implementations — one plain pytest run {once:.2f} s; "
              f"warm (watch) {hot:.2f} s, ratio {hot / once:.2f} (target < 2); one-shot command "
              f"{graded:.2f} s, ratio {graded / once:.2f}; the kata's process {own:.2f} s, "
              f"ratio {own / once:.2f}")


if __name__ == "__main__":
    main()
