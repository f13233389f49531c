"""A mock interview end to end, driven without a terminal: questions drawn from the library's
mutants, answered with the reference solutions, graded by the katas' own graders; the planted
bugs score nothing and come back first; PROGRESS.md shows the drills."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine import catalog

REPO = catalog.REPO
CATALOG = catalog.load()
DRILL = ["--questions", "3", "--topics", "basics,functions", "--minutes", "5"]


@pytest.fixture
def drill_env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "KATA_STATE_DIR": str(tmp_path / "state"), "KATA_MOCK_INTERVIEW_DIR": str(tmp_path / "drills")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _manifest(env: dict[str, str]) -> tuple[Path, dict]:  # type: ignore[type-arg]
    (folder,) = sorted(Path(env["KATA_MOCK_INTERVIEW_DIR"]).glob("*/questions.json"))[-1:]
    return folder.parent, json.loads(folder.read_text())


def test_a_drill_answered_with_the_reference_scores_full_marks(drill_env: dict[str, str], read_until) -> None:  # type: ignore[no-untyped-def]
    drill = subprocess.Popen(
        [sys.executable, "-m", "engine", "mock-interview", *DRILL, "--seed", "7"], cwd=REPO, env=drill_env,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert drill.stdin is not None and drill.stdout is not None
    read_until(drill.stdout, "one bug hides in its code")
    folder, manifest = _manifest(drill_env)
    assert len(manifest["questions"]) == 3 and len({q["kata"] for q in manifest["questions"]}) == 3
    for question in manifest["questions"]:
        kata = CATALOG.find_kata(question["kata"])
        assert CATALOG.day(kata.day).topic in ("basics", "functions")
        text = (folder / question["file"]).read_text()
        bug = next(m for m in kata.mutants if m.stem == question["mutant"]).read_text().split('"""')[1]
        assert bug.strip() not in text, "a question never names its bug"
        shutil.copyfile(kata.source(REPO / "solutions"), folder / question["file"])  # the reference answer
    drill.stdin.write("\n")
    drill.stdin.close()
    out = drill.stdout.read()
    assert drill.wait(timeout=300) == 0, out
    assert "Score: 3 of 3" in out, out


def test_the_planted_bugs_score_nothing_and_come_back_first(drill_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "engine", "mock-interview", *DRILL, *extra]
        return subprocess.run(command, cwd=REPO, env=drill_env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)

    first = run("--seed", "1")  # stdin at its end: graded at once, every file as it was written
    assert first.returncode == 1 and "Score: 0 of 3" in first.stdout, first.stdout + first.stderr
    _, asked = _manifest(drill_env)
    again = run("--seed", "2")
    _, next_time = _manifest(drill_env)
    keys = lambda m: {(q["kata"], q["mutant"]) for q in m["questions"]}  # noqa: E731
    assert keys(next_time) == keys(asked), "questions answered wrongly come back in the next drill"
    assert "Score: 0 of 3" in again.stdout

    from engine import progress

    monkeypatch.setenv("KATA_STATE_DIR", drill_env["KATA_STATE_DIR"])
    shown = "\n".join(progress._drills())
    assert "## Mock interviews" in shown and shown.count("| 0/3 |") == 2, shown


def test_unknown_topics_are_one_clear_line(drill_env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "engine", "mock-interview", "--topics", "astrology"], cwd=REPO, env=drill_env,
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and done.stderr.startswith("error: no questions on astrology: topics are "), done.stderr
