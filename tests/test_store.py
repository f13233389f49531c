"""The result store only remembers what a complete run decided about the bytes it graded."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from engine import catalog, store

CATALOG = catalog.load()
REPO = catalog.REPO
DAY = CATALOG.day("day7")
KATA = DAY.katas[0]


def solved_tree(tmp_path: Path) -> Path:
    root = tmp_path / "katas"
    shutil.copytree(REPO / "katas", root)
    shutil.rmtree(root / DAY.package)
    shutil.copytree(REPO / "solutions" / DAY.package, root / DAY.package)
    return root


def progress(root: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    env = {**os.environ, "KATA_STATE_DIR": str(tmp_path / "state")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "engine", "progress", "--root", str(root), "--out", str(out)],
        cwd=REPO, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done, set(re.findall(r"^- \[x\] (.*)$", (out / "PROGRESS.md").read_text(), flags=re.M))


def stored(tmp_path: Path) -> dict[str, dict[str, str]]:
    path = tmp_path / "state" / "results.json"
    return json.loads(path.read_text()) if path.exists() else {}


def test_a_file_saved_during_the_grade_is_not_remembered_as_passed(tmp_path: Path) -> None:
    root = solved_tree(tmp_path)
    bug = next((REPO / "tests" / "mutants" / KATA.package / KATA.name).glob("*.py")).read_bytes()
    # Correct when imported, but it saves a buggy version of itself while being graded.
    source = KATA.source(root)
    source.write_text(source.read_text() + f"\nimport pathlib as _p\n_p.Path(__file__).write_bytes({bug!r})\n")

    _, first = progress(root, tmp_path)
    assert source.read_bytes() == bug
    assert stored(tmp_path).get(KATA.id, {}).get("key") != store.key(KATA, root), (
        "the pass belongs to the bytes graded, not to the file saved during the grade"
    )
    second, ticked = progress(root, tmp_path)
    assert "(1 katas regraded" in second.stdout, second.stdout
    assert not set(KATA.covers) <= ticked, "the buggy file now on disk fails, so its lines are open"


def test_a_stored_pass_for_an_untouched_stub_is_not_trusted(tmp_path: Path) -> None:
    root = tmp_path / "katas"
    shutil.copytree(REPO / "katas", root)
    state = tmp_path / "state"
    state.mkdir()
    forged = {k.id: {"key": store.key(k, root), "status": "passed", "message": "forged"} for k in DAY.katas}
    (state / "results.json").write_text(json.dumps(forged))
    _, ticked = progress(root, tmp_path)
    assert not ticked & set(DAY.checklist), "a stub is not started, whatever the store says"


def test_a_crashed_kata_is_not_cached(tmp_path: Path) -> None:
    root = solved_tree(tmp_path)
    shutil.copyfile(REPO / "tests" / "faults" / "os_exit.py", KATA.source(root))
    progress(root, tmp_path)
    entries = stored(tmp_path)
    assert KATA.id not in entries, f"a crash is never remembered: {entries.get(KATA.id)}"
    assert {entries[k.id]["status"] for k in DAY.katas[1:]} == {"passed"}


def test_a_file_katas_stub_is_its_comments(tmp_path: Path) -> None:
    """A Dockerfile or Compose kata is *not started* while it holds only comments (its spec)."""
    from engine import files

    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("# Write a multi-stage Dockerfile.\n#   FROM python:3.12-slim\n\n   # indented\n")
    assert store.is_stub(dockerfile)
    try:
        files.written(dockerfile)
    except NotImplementedError as exc:
        assert "only comments" in str(exc)
    else:
        raise AssertionError("written() must raise NotImplementedError on a stub")
    dockerfile.write_text("# the spec\nFROM python:3.12-slim\n")
    assert not store.is_stub(dockerfile) and files.written(dockerfile).endswith("slim\n")


def test_a_file_kata_in_the_catalog_names_its_file(tmp_path: Path) -> None:
    entry = tmp_path / "catalog.toml"
    entry.write_text(
        '[[day]]\nsession = "day99"\ntitle = "Infra"\nchecklist = ["Dockerfile"]\n\n'
        '[[day.kata]]\nname = "dockerfile"\ntitle = "A Dockerfile"\nkind = "file"\nfile = "Dockerfile"\n'
        'covers = ["Dockerfile"]\n'
    )
    (kata,) = catalog.load(entry).day("day99").katas
    assert kata.source(tmp_path) == tmp_path / "day99" / "Dockerfile" and not kata.is_python
    assert kata.mutants == [] and kata.subject is None
