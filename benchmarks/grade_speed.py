"""How long a grade takes, and what the engine costs over plain pytest + mypy.

    python benchmarks/grade_speed.py [DAY] [--runs N]

Measures, for DAY (default day7) against the reference solutions:
- cold: the first-ever ``nox -s DAY`` (a fresh nox env dir: venv created, deps installed);
- warm: ``nox -s DAY`` again (venv reused, install skipped);
- direct: the same pytest run + ``mypy --strict`` invoked straight from the same venv,
  one after the other, with warm caches — the floor the engine is compared with;
- engine: ``python -m engine grade`` in that venv, without nox.
Prints medians; targets from the foundation issue: warm <= 1.15 x direct, cold <= 5 s (uv).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from engine import catalog  # noqa: E402


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("day", nargs="?", default="day7")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    day = catalog.load().day(args.day)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    envdir = Path(tempfile.mkdtemp(prefix="bench-nox-"))
    state = Path(tempfile.mkdtemp(prefix="bench-state-"))
    env["KATA_STATE_DIR"] = str(state)
    nox = ["nox", "--envdir", str(envdir), "-s", day.session, "--", "--solutions"]
    cold = timed(nox, env)

    python = str(envdir / day.session / "bin" / "python")
    graders = [str(k.grader) for k in day.katas]
    sources = [str(k.source(REPO / "solutions")) for k in day.katas]
    sources += [str(k.typecase) for k in day.katas if k.typecase.exists()]
    direct_env = {**env, "PYTHONPATH": str(REPO / "solutions"), "MYPYPATH": str(REPO / "solutions"),
                  "HYPOTHESIS_STORAGE_DIRECTORY": str(state / "hypothesis")}
    pytest_cmd = [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--import-mode=importlib", *graders]
    mypy_cmd = [python, "-m", "mypy", "--strict", "--cache-dir", str(state / "direct-mypy"), *sources]
    engine_cmd = [python, "-m", "engine", "grade", day.session, "--solutions"]

    # Interleaved, so that drift in the machine's load hits all three alike.
    samples: dict[str, list[float]] = {"warm": [], "direct": [], "engine": []}
    for run in range(args.runs + 1):
        warm = timed(nox, env)
        direct = timed(pytest_cmd, direct_env) + timed(mypy_cmd, direct_env)
        engine = timed(engine_cmd, env)
        if run:  # the first round only warms the caches
            samples["warm"].append(warm)
            samples["direct"].append(direct)
            samples["engine"].append(engine)
    warm, direct, engine = (statistics.median(samples[k]) for k in ("warm", "direct", "engine"))

    shutil.rmtree(envdir, ignore_errors=True)
    shutil.rmtree(state, ignore_errors=True)
    print(f"{day.session}: {len(day.katas)} katas, median of {args.runs} runs")
    print(f"  cold nox -s {day.session}:       {cold:6.2f} s   (target <= 5 s with uv)")
    print(f"  warm nox -s {day.session}:       {warm:6.2f} s")
    print(f"  direct pytest + mypy:     {direct:6.2f} s")
    print(f"  engine alone (no nox):    {engine:6.2f} s")
    print(f"  warm / direct:            {warm / direct:6.2f}     (target <= 1.15)")


if __name__ == "__main__":
    main()
