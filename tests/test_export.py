"""``export``: a project folder written out as its own repository — every file but caches, into
a new or empty folder only, never over anything that exists."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine import export
from engine.catalog import REPO
from engine.commands import UsageError

PROBE = Path(__file__).parent / "project" / "reference" / "probe"


def test_every_file_but_caches_is_copied(tmp_path: Path) -> None:
    source = tmp_path / "probe"
    shutil.copytree(PROBE, source)
    (source / "taskq" / "__pycache__").mkdir()
    (source / "taskq" / "__pycache__" / "core.cpython-311.pyc").write_bytes(b"cache")
    (source / ".pytest_cache").mkdir()
    (source / ".pytest_cache" / "README.md").write_text("cache")
    copies = export.export(source, tmp_path / "out")
    names = sorted(str(p.relative_to(tmp_path / "out")) for p in copies)
    assert names == sorted(str(p.relative_to(PROBE)) for p in PROBE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert (tmp_path / "out" / "README.md").read_bytes() == (PROBE / "README.md").read_bytes()


def test_nothing_that_exists_is_overwritten(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "README.md").write_text("mine")
    with pytest.raises(UsageError, match="already exists and is not empty"):
        export.export(PROBE, tmp_path / "out")
    assert (tmp_path / "out" / "README.md").read_text() == "mine"
    (tmp_path / "file").write_text("a file")
    with pytest.raises(UsageError, match="already exists"):
        export.export(PROBE, tmp_path / "file")


def test_an_empty_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    assert export.export(PROBE, tmp_path / "out")


def test_the_exported_reference_project_passes_its_own_tests_in_a_fresh_clone(tmp_path: Path) -> None:
    """``nox -s export-final -- DIR`` on the reference: a git repository with nothing of the kata
    library in it, whose clone passes its own suite and lints its own workflow."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    done = subprocess.run([sys.executable, "-m", "engine", "export", "final", str(tmp_path / "taskq"), "--solutions"],
                          cwd=REPO, capture_output=True, text=True, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    subprocess.run(["git", "-C", str(tmp_path / "taskq"), "commit", "-q", "-m", "taskq"], check=True, env=env)
    subprocess.run(["git", "clone", "-q", str(tmp_path / "taskq"), str(tmp_path / "clone")], check=True)
    clone = tmp_path / "clone"
    shipped = {p.relative_to(clone).parts[0] for p in clone.rglob("*") if ".git" not in p.relative_to(clone).parts[:1]}
    assert not shipped & {"engine", "graders", "katas", "solutions", "catalog.toml", "noxfile.py"}, shipped
    assert {"pyproject.toml", "README.md", "Dockerfile", "tests", "taskq", ".github"} <= shipped, shipped
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"],
                           cwd=clone, capture_output=True, text=True, env={**env, "PYTHONDONTWRITEBYTECODE": "1"})  # fmt: skip
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
    lint = subprocess.run([str(Path(sys.executable).with_name("actionlint")), *map(str, (clone / ".github" / "workflows").glob("*.yml"))],
                          capture_output=True, text=True)  # fmt: skip
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_export_refuses_a_day_that_is_not_a_project(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "engine", "export", "day7", str(tmp_path / "out")],
                          cwd=REPO, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 2 and "day7 is not a project day (project days: final)" in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()


def test_export_refuses_the_untouched_skeleton(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "engine", "export", "final", str(tmp_path / "out")],
                          cwd=REPO, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 2 and "still the untouched skeleton" in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()
