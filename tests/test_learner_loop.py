"""Progress, hints, solution, reset, watch and the CI workflows, as a learner meets them."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from engine import catalog, ci, learner

CATALOG = catalog.load()
REPO = catalog.REPO
DAY = CATALOG.day("day7")


def engine(*args: str, state: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KATA_STATE_DIR": str(state)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return subprocess.run(
        [sys.executable, "-m", "engine", *args], cwd=REPO, env=env, capture_output=True,
        text=True, input=stdin, timeout=300,
    )  # fmt: skip


def learner_tree(tmp_path: Path, solved: catalog.Day) -> Path:
    """All stubs, with one day solved: the learner's katas/ after a day of work."""
    root = tmp_path / "katas"
    shutil.copytree(REPO / "katas", root)
    shutil.rmtree(root / solved.package)
    shutil.copytree(REPO / "solutions" / solved.package, root / solved.package)
    return root


def ticked(progress_md: str) -> set[str]:
    return set(re.findall(r"^- \[x\] (.*)$", progress_md, flags=re.M))


def test_progress_ticks_a_solved_day_caches_and_unticks_an_edit(tmp_path: Path) -> None:
    root, out, state = learner_tree(tmp_path, DAY), tmp_path / "out", tmp_path / "state"

    started = time.perf_counter()
    first = engine("progress", "--root", str(root), "--out", str(out), state=state)
    cold = time.perf_counter() - started
    assert first.returncode == 0, first.stderr
    assert ticked((out / "PROGRESS.md").read_text()) == set(DAY.checklist)
    assert {p.name for p in (out / "badges").glob("*.svg")} == {f"{d.session}.svg" for d in CATALOG.graded_days}
    assert "<svg" in (out / "badges" / f"{DAY.session}.svg").read_text()

    started = time.perf_counter()
    second = engine("progress", "--root", str(root), "--out", str(out), state=state)
    warm = time.perf_counter() - started
    assert "(0 katas regraded" in second.stdout, "an unchanged repo regrades nothing"
    assert warm < cold, f"second run ({warm:.2f} s) must be faster than the first ({cold:.2f} s)"

    kata = DAY.katas[0]
    shutil.copyfile(kata.source(REPO / "katas"), kata.source(root))
    third = engine("progress", "--root", str(root), "--out", str(out), state=state)
    assert third.returncode == 0, third.stderr
    still = ticked((out / "PROGRESS.md").read_text())
    for line in kata.covers:
        assert line not in still, f"editing {kata.id} back to a stub must untick {line!r}"


def test_hints_come_one_tier_at_a_time(tmp_path: Path) -> None:
    kata = DAY.katas[0]
    shown = [engine("hint", kata.id, state=tmp_path).stdout for _ in range(len(kata.hints) + 1)]
    for tier, text in enumerate(shown[: len(kata.hints)], start=1):
        assert f"Hint {tier} of {len(kata.hints)}" in text and kata.hints[tier - 1] in text
    assert f"Hint {len(kata.hints)} of" in shown[-1], "past the last tier, the last one is shown again"
    everything = engine("hint", kata.id, "--all", state=tmp_path / "fresh").stdout
    assert all(h in everything for h in kata.hints)


def test_solution_is_locked_until_the_kata_passes(tmp_path: Path) -> None:
    kata = DAY.katas[0]
    locked = engine("solution", kata.id, state=tmp_path)
    assert locked.returncode == 1 and "does not pass yet" in locked.stdout
    assert "def " not in locked.stdout, "the solution must not leak before passing"
    forced = engine("solution", kata.id, "--force", "--full", state=tmp_path)
    assert forced.stdout.strip() == kata.source(REPO / "solutions").read_text().strip()
    diff = engine("solution", kata.id, "--force", state=tmp_path).stdout
    assert diff.startswith(f"--- yours: katas/{kata.package}/{kata.name}.py"), diff
    assert "+++ reference: solutions/" in diff and "\n-    raise NotImplementedError" in diff, diff


def test_unknown_names_get_one_line(tmp_path: Path) -> None:
    for command in ("hint", "solution", "reset"):
        done = engine(command, "day7.nope", state=tmp_path)
        assert done.returncode == 2 and done.stderr.startswith("error: unknown kata 'nope' for day7")
        assert done.stderr.count("\n") == 1


def test_reset_backs_up_then_restores_the_newest_committed_stub(tmp_path: Path) -> None:
    kata = DAY.katas[0]
    repo = tmp_path / "clone"
    path = kata.source(repo / "katas")
    path.parent.mkdir(parents=True)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git[:3], "init", "-q"], check=True)
    stub = kata.source(REPO / "katas").read_bytes()
    path.write_bytes(stub)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "stub"], check=True)
    solution = kata.source(REPO / "solutions").read_bytes()
    path.write_bytes(solution)  # the learner's work, committed, then edited further
    subprocess.run([*git, "commit", "-qam", "my work"], check=True)
    path.write_bytes(solution + b"\n# more work\n")

    backup = learner.reset(kata, repo=repo, now=datetime(2026, 1, 2, 3, 4, 5))

    assert path.read_bytes() == stub, "reset restores the stub, not the learner's last commit"
    assert backup is not None and backup.name == f"{kata.name}-20260102-030405.py"
    assert backup.read_bytes() == solution + b"\n# more work\n", "the learner's file is kept intact"


def test_reset_without_a_terminal_asks_for_yes(tmp_path: Path) -> None:
    done = engine("reset", DAY.katas[0].id, state=tmp_path, stdin="")
    assert done.returncode == 2 and "--yes" in done.stderr


def test_watch_regrades_when_a_file_is_saved(tmp_path: Path, read_until) -> None:  # type: ignore[no-untyped-def]
    kata = DAY.katas[0]
    root = tmp_path / "root"
    shutil.copytree(REPO / "katas" / DAY.package, root / DAY.package)
    env = {**os.environ, "KATA_STATE_DIR": str(tmp_path / "state")}
    watcher = subprocess.Popen(
        [sys.executable, "-m", "engine", "watch", DAY.session, kata.name, "--root", str(root)],
        cwd=REPO, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        assert watcher.stdout is not None
        first = read_until(watcher.stdout, "Watching")
        assert "not started" in first
        shutil.copyfile(kata.source(REPO / "solutions"), kata.source(root))  # the learner saves
        second = read_until(watcher.stdout, "Watching")
        assert "1 of 1 katas passed" in second, second
        assert re.match(rf"\s*passed\s+{kata.name}\s", second), "the saved kata's verdict comes first"
        watcher.send_signal(signal.SIGINT)  # Ctrl-C
        rest, _ = watcher.communicate(timeout=30)
        assert watcher.returncode == 0 and "Stopped watching." in rest, "Ctrl-C ends watch cleanly"
        assert "Traceback" not in rest
    finally:
        if watcher.poll() is None:
            watcher.kill()
            watcher.wait(timeout=30)


def test_workflows_are_generated_from_the_catalog() -> None:
    for path, text in ci.generated_workflows(CATALOG).items():
        assert path.exists() and path.read_text() == text, f"run `nox -s workflows`: {path.name} is stale"
    readme = (REPO / "README.md").read_text()
    assert ci.badge_row(CATALOG, ci.upstream().repository) in readme, "README badge row is stale"


def test_workflows_pass_actionlint() -> None:
    actionlint = shutil.which("actionlint")
    assert actionlint, "actionlint (requirements/selftest.txt) must be installed"
    files = sorted(str(p) for p in (REPO / ".github" / "workflows").glob("*.yml"))
    done = subprocess.run([actionlint, *files], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("url", "repository"),
    [
        ("https://github.com/ann/katas.git", "ann/katas"),
        ("git@github.com:ann/katas.git", "ann/katas"),
        ("https://github.com/ann/py.katas", "ann/py.katas"),
    ],
)
def test_fork_urls_are_understood(url: str, repository: str) -> None:
    assert ci.parse_github_url(url) == repository


def test_fork_badges_rewrite_only_the_badge_row(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{ci.badge_row(CATALOG, 'up/stream')}\noutro\n")
    ci.rewrite_readme_badges(CATALOG, "ann/katas", readme)
    text = readme.read_text()
    assert text.startswith("intro\n") and text.endswith("\noutro\n")
    assert "up/stream" not in text and text.count("github.com/ann/katas/actions/workflows/") == 2 * len(CATALOG.graded_days)


def test_status_lists_every_day_and_the_next_kata(tmp_path: Path) -> None:
    done = engine("status", state=tmp_path)
    assert done.returncode == 0, done.stderr
    for day in CATALOG.days:
        assert f"{day.label} — {day.title}" in done.stdout
    first = CATALOG.katas[0]
    assert re.search(rf"^  not started +{first.name}$", done.stdout, re.M), done.stdout
    assert done.stdout.rstrip().endswith(f"Next: {first.id} — nox -s {first.day}"), done.stdout


def test_failed_regrades_only_what_does_not_pass(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(REPO / "solutions" / DAY.package, root / DAY.package)
    shutil.copyfile(REPO / "katas" / DAY.package / f"{DAY.katas[0].name}.py", DAY.katas[0].source(root))
    first = engine("grade", DAY.session, "--root", str(root), state=tmp_path)
    assert first.returncode == 1, first.stdout
    again = engine("grade", DAY.session, "--root", str(root), "--failed", state=tmp_path)
    assert re.search(rf"^  not started +{DAY.katas[0].name} ", again.stdout, re.M), again.stdout
    for kata in DAY.katas[1:]:
        assert f" {kata.name} " not in again.stdout, "a passing kata is not regraded"
    shutil.copyfile(REPO / "solutions" / DAY.package / f"{DAY.katas[0].name}.py", DAY.katas[0].source(root))
    engine("grade", DAY.session, "--root", str(root), "--failed", state=tmp_path)
    last = engine("grade", DAY.session, "--root", str(root), "--failed", state=tmp_path)
    assert last.returncode == 0 and "nothing to regrade" in last.stdout, last.stdout


def test_hints_take_a_bare_name_and_say_when_they_run_out(tmp_path: Path) -> None:
    kata = DAY.katas[0]
    shown = [engine("hint", kata.name, state=tmp_path).stdout for _ in kata.hints]
    assert f"Hint 1 of {len(kata.hints)} for {kata.id}" in shown[0]
    assert f"That was the last hint. Still stuck? nox -s solution -- {kata.id} --force" in shown[-1]
    assert "last hint" not in shown[0]


def test_progress_shows_a_line_per_day_and_every_line_with_all(tmp_path: Path) -> None:
    root, out = learner_tree(tmp_path, DAY), tmp_path / "out"
    short = engine("progress", "--root", str(root), "--out", str(out), state=tmp_path / "state").stdout
    assert re.search(rf"^{re.escape(DAY.label)} — .*█+ *{len(DAY.checklist)}/{len(DAY.checklist)} checklist lines$", short, re.M), short
    assert "[x]" not in short
    full = engine("progress", "--root", str(root), "--out", str(out), "--all", state=tmp_path / "state").stdout
    assert all(f"[x] {line}" in full for line in DAY.checklist), full
    assert "checklist" in (out / "PROGRESS.md").read_text() and "lines" in (out / "badges" / f"{DAY.session}.svg").read_text()


def test_restore_brings_back_the_file_reset_backed_up(tmp_path: Path) -> None:
    kata = DAY.katas[0]
    repo = tmp_path / "clone"
    path = kata.source(repo / "katas")
    path.parent.mkdir(parents=True)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git[:3], "init", "-q"], check=True)
    path.write_bytes(kata.source(REPO / "katas").read_bytes())
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "stub"], check=True)
    work = b"# my work\n" + kata.source(REPO / "solutions").read_bytes()
    path.write_bytes(work)
    assert learner.reset(kata, repo=repo, now=datetime(2026, 1, 2, 3, 4, 5)) is not None
    assert learner.reset(kata, repo=repo, now=datetime(2026, 1, 2, 3, 4, 6)) is None, "a stub needs no backup"
    restored, saved = learner.restore(kata, repo=repo)
    assert path.read_bytes() == work and restored.name == f"{kata.name}-20260102-030405.py"
    assert saved is not None, "the stub it replaced is backed up first"
