"""What a learner sees at the command line: one-line errors, plain output when piped."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
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
    assert re.search(r"\(-v shows (\d+ more failed checks? and )?1 more kata in full\)", quiet), quiet
    assert "-v shows" not in loud
    assert f"stuck? nox -s hint -- {broken[0].id}" in quiet, "the hint pointer sits under the failing kata"


def test_an_unwritable_results_path_is_refused_before_grading(grade, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "engine", "grade", DAY.session, "--json", str(tmp_path)],  # a folder
        cwd=catalog.REPO, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and done.stderr.startswith("error: cannot write the results file"), done.stderr
    assert done.stderr.count("\n") == 1 and not done.stdout, "refused in one line, before any grade"
    assert time.perf_counter() - started < 10


def test_declining_a_reset_changes_nothing_and_exits_0(tmp_path: Path) -> None:
    import pty

    kata = DAY.katas[0]
    before = kata.source(catalog.REPO / "katas").read_bytes()
    primary, secondary = pty.openpty()  # a terminal, so reset asks
    try:
        os.write(primary, b"n\n")
        done = subprocess.run(
            [sys.executable, "-m", "engine", "reset", kata.id], cwd=catalog.REPO, stdin=secondary,
            capture_output=True, text=True, timeout=60, env={**os.environ, "KATA_STATE_DIR": str(tmp_path)},
        )  # fmt: skip
    finally:
        os.close(primary)
        os.close(secondary)
    assert done.returncode == 0 and "Nothing changed." in done.stdout, done.stdout + done.stderr
    assert kata.source(catalog.REPO / "katas").read_bytes() == before


def test_ctrl_c_stops_the_grade_and_everything_it_started(mirror, leftovers) -> None:  # type: ignore[no-untyped-def]
    # A kata that starts sleepers and then spins for minutes: left alone, all would outlive the test.
    faults = catalog.REPO / "tests" / "faults"
    root = mirror(DAY, {DAY.katas[0].name: faults / "busy_workers.py", DAY.katas[1].name: faults / "setsid_daemon.py"})
    mark = uuid.uuid4().hex
    grading = subprocess.Popen(
        [sys.executable, "-m", "engine", "grade", DAY.session, "--root", str(root), "--timeout", "300"],
        cwd=catalog.REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "KATA_FAULT_MARK": mark},
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not any("kata-fault-worker" in p for p in leftovers(mark)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert any("kata-fault-worker" in p for p in leftovers(mark)), "the faulty kata never started its worker"
    time.sleep(0.5)  # Ctrl-C lands mid-grade
    grading.send_signal(signal.SIGINT)
    _out, err = grading.communicate(timeout=30)
    assert grading.returncode == 130 and err.strip() == "interrupted"
    assert leftovers(mark) == [], "no process of an interrupted grade outlives it"


def test_a_day_not_green_yet_ends_on_the_report_not_on_nox_noise() -> None:
    nox = shutil.which("nox")
    assert nox is not None, "nox is installed by .ci/run"
    kata = DAY.katas[0]
    done = subprocess.run(
        [nox, "-s", DAY.session, "--", kata.name], cwd=catalog.REPO, capture_output=True, text=True,
        stdin=subprocess.DEVNULL, timeout=300,
    )  # fmt: skip
    assert done.returncode == 1, "not green yet: exit 1, for CI badges"
    assert f"Next: {kata.name}" in done.stdout
    assert "Session" not in done.stderr.strip().splitlines()[-1], done.stderr


def test_predictions_are_never_answered_in_the_report(grade, mirror) -> None:  # type: ignore[no-untyped-def]
    kata = CATALOG.day("day5").kata("try_trace")
    wrong = next((MUTANTS / kata.package / kata.name).glob("*.py"))
    graded = grade(kata.day, kata.name, "--root", str(mirror(CATALOG.day(kata.day), {kata.name: wrong})), "-v")
    assert graded.status(kata.id) == "failed", graded.explain()
    assert "you said:" in graded.stdout and "expected:" not in graded.stdout, graded.stdout
    assert graded.results is not None
    assert not any("expected:" in (t["message"] or "") for t in graded.results["tests"])


def test_a_grading_process_that_cannot_start_is_one_line_not_a_verdict(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "engine", "grade", DAY.session, "--solutions"], cwd=catalog.REPO,
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120,
        env={**os.environ, "KATA_STATE_DIR": str(tmp_path), "PYTEST_ADDOPTS": "--no-such-option"},
    )  # fmt: skip
    assert done.returncode == 2 and not done.stdout, done.stdout
    assert done.stderr.startswith("error: the grading process could not start:"), done.stderr
    assert "--no-such-option" in done.stderr and done.stderr.count("\n") == 1, done.stderr
