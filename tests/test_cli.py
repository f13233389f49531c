"""What a learner sees at the command line: one-line errors, plain output when piped."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine import catalog

CATALOG = catalog.load()
MUTANTS = catalog.REPO / "tests" / "mutants"
DAY = CATALOG.graded_days[0]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "engine", *args], cwd=catalog.REPO, capture_output=True,
        text=True, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["grade", "day99"], "unknown day 'day99'; valid: day1"),
        (["grade", DAY.session, "no_such_kata"], f"unknown kata 'no_such_kata' for {DAY.session}; valid: "),
        (["grade", DAY.session, "--bogus"], "unrecognized arguments: --bogus"),
        (["grade"], "the following arguments are required: day"),
    ],
)
def test_bad_input_gets_one_line_and_exit_2(args: list[str], words: str) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and words in done.stderr, done.stderr


def test_one_kata_by_name_and_plain_output_when_piped(grade) -> None:  # type: ignore[no-untyped-def]
    kata = DAY.katas[-1]
    graded = grade(DAY.session, kata.name, "--solutions")
    assert [k["id"] for k in graded.results["katas"]] == [kata.id]
    assert "\x1b[" not in graded.stdout, "no escape codes when stdout is not a terminal"
    assert f"{DAY.label}: 1 of 1 katas passed." in graded.stdout


def test_results_file_has_the_exercism_shape(grade) -> None:  # type: ignore[no-untyped-def]
    results = grade(DAY.session).results
    assert results["version"] == 3 and results["status"] == "fail"
    assert {"day", "target", "tests", "katas", "message"} <= results.keys()
    test = results["tests"][0]
    assert set(test) == {"name", "status", "message", "task_id", "output"}
    kata = results["katas"][0]
    assert set(kata) == {"id", "title", "status", "plan_items", "message"}
    assert results["target"] == "katas"


def test_grading_writes_nothing_into_the_learners_tree(grade) -> None:  # type: ignore[no-untyped-def]
    before = sorted(p for p in (catalog.REPO / "katas").rglob("*"))
    grade(DAY.session)
    after = sorted(p for p in (catalog.REPO / "katas").rglob("*"))
    assert after == before, f"new files under katas/: {sorted(set(after) - set(before))}"


def test_only_the_first_failing_kata_in_full_unless_verbose(grade, mirror) -> None:  # type: ignore[no-untyped-def]
    broken = [k for k in DAY.katas if any((MUTANTS / k.package / k.name).glob("*.py"))][:2]
    root = mirror(DAY, {k.name: sorted((MUTANTS / k.package / k.name).glob("*.py"))[0] for k in broken})
    quiet = grade(DAY.session, "--root", str(root)).stdout
    loud = grade(DAY.session, "--root", str(root), "-v").stdout
    first, second = (f"{k.name} — {k.title}" for k in broken)
    assert first in quiet and second not in quiet, quiet
    assert first in loud and second in loud, loud


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie (a killed child whose exit nobody has collected yet)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def test_ctrl_c_stops_the_grade_and_its_child(mirror) -> None:  # type: ignore[no-untyped-def]
    # A kata that spins for minutes: left alone, the child would long outlive the test.
    root = mirror(DAY, {DAY.katas[0].name: catalog.REPO / "tests" / "faults" / "busy_loop.py"})
    grading = subprocess.Popen(
        [sys.executable, "-m", "engine", "grade", DAY.session, "--root", str(root), "--timeout", "300"],
        cwd=catalog.REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not (children := _children(grading.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert children, "the grade never started its pytest child"
    time.sleep(1.0)  # let it get going: Ctrl-C lands mid-grade
    grading.send_signal(signal.SIGINT)
    _out, err = grading.communicate(timeout=30)
    assert grading.returncode == 130 and err.strip() == "interrupted"
    deadline = time.monotonic() + 10  # a child still starting up notices at its first hook
    while (alive := [pid for pid in children if _running(pid)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive, "the pytest child must not outlive an interrupted grade"
