"""How long a grade takes, against running the same graders and mypy by hand.

    python benchmarks/grade_speed.py [DAY] [--runs N]

Measures, for DAY (default day7) against the reference solutions:
- cold: the first-ever ``nox -s DAY`` (a fresh nox env dir: venv created, deps installed);
- warm: ``nox -s DAY`` again (venv reused, install skipped);
- floor: ``python -m pytest graders/DAY`` then ``mypy --strict`` on the day and its type
  cases, one after the other, straight from the same venv with warm caches;
- engine: ``python -m engine grade`` in that venv, without nox;
- fork overhead: what one kata's process costs the zygote with a grader that does nothing
  (fork, private dirs, importing the module, a pytest session, reporting, clean-up).
Prints medians. Targets (engine v2 issue): warm <= 0.7 x floor, fork overhead <= 30 ms,
cold <= 5 s with uv.
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
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from engine import catalog  # noqa: E402


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


@dataclass(frozen=True)
class _NoopKata:
    """Just what a grading job needs of a kata: a module and a grader that does nothing."""

    package: str
    name: str
    grader: Path


def fork_overhead(python: str, env: dict[str, str], runs: int) -> float:
    """Median seconds per kata process, measured inside the venv (the engine needs its deps)."""
    script = f"""
import statistics, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, {str(REPO)!r})
sys.path.insert(0, {str(Path(__file__).parent)!r})
from grade_speed import _NoopKata
from engine import grade, runner
# Under the repository, not /tmp: pytest lists every parent directory of a grader it collects.
work = Path(tempfile.mkdtemp(dir={str(REPO / ".grading")!r}, prefix="bench-noop-"))
(work / "bench_pkg").mkdir()
(work / "bench_pkg" / "__init__.py").write_text("")
(work / "bench_pkg" / "noop.py").write_text("VALUE = 1\\n")
(work / "test_noop.py").write_text("from bench_pkg import noop\\n\\ndef test_noop():\\n    assert noop.VALUE == 1\\n")
kata = _NoopKata("bench_pkg", "noop", work / "test_noop.py")
samples = []
with grade.open_pool() as pool:
    for n in range({runs} + 3):
        start = time.perf_counter()
        result = pool.grade([runner.Job(kata, work, 10.0)])  # type: ignore[arg-type]
        if n >= 3:  # the first ones warm the zygote and the bytecode cache
            samples.append(time.perf_counter() - start)
        assert result[kata].complete and result[kata].tests[0].outcome == "passed", result
print(statistics.median(samples))
import shutil
shutil.rmtree(work)
"""
    done = subprocess.run([python, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


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
    solutions = REPO / "solutions"
    typecases = [str(k.typecase) for k in day.katas if k.typecase.exists()]
    floor_env = {**env, "PYTHONPATH": f"{solutions}{os.pathsep}.", "MYPYPATH": str(solutions),
                 "HYPOTHESIS_STORAGE_DIRECTORY": str(state / "hypothesis")}
    pytest_cmd = [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"graders/{day.package}"]
    mypy_cmd = [python, "-m", "mypy", "--strict", "--cache-dir", str(state / "floor-mypy"),
                str(solutions / day.package), *typecases]
    engine_cmd = [python, "-m", "engine", "grade", day.session, "--solutions"]

    # Interleaved, so that drift in the machine's load hits all three alike.
    samples: dict[str, list[float]] = {"warm": [], "floor": [], "engine": []}
    for run in range(args.runs + 1):
        warm = timed(nox, env)
        floor = timed(pytest_cmd, floor_env) + timed(mypy_cmd, floor_env)
        engine = timed(engine_cmd, env)
        if run:  # the first round only warms the caches
            samples["warm"].append(warm)
            samples["floor"].append(floor)
            samples["engine"].append(engine)
    warm, floor, engine = (statistics.median(samples[k]) for k in ("warm", "floor", "engine"))
    overhead = fork_overhead(python, env, 20)

    shutil.rmtree(envdir, ignore_errors=True)
    shutil.rmtree(state, ignore_errors=True)
    print(f"{day.session}: {len(day.katas)} katas, {os.cpu_count()} cores, median of {args.runs} runs")
    print(f"  cold nox -s {day.session}:        {cold:6.2f} s   (target <= 5 s with uv)")
    print(f"  warm nox -s {day.session}:        {warm:6.2f} s")
    print(f"  engine alone (no nox):     {engine:6.2f} s")
    print(f"  floor pytest; mypy:        {floor:6.2f} s")
    print(f"  warm / floor:              {warm / floor:6.2f}     (target <= 0.7)")
    print(f"  engine / floor:            {engine / floor:6.2f}")
    print(f"  one kata's process:        {overhead * 1000:6.1f} ms (target <= 30 ms)")


if __name__ == "__main__":
    main()
