"""Helpers for the library's own tests: grade a day the way a learner would, in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from engine import catalog

REPO = catalog.REPO
CATALOG = catalog.load()
MUTANTS = REPO / "tests" / "mutants"


@dataclass
class Graded:
    """One run of ``python -m engine grade`` and what it wrote."""

    exit_code: int
    stdout: str
    stderr: str
    results: dict[str, Any] | None

    def status(self, kata_id: str) -> str:
        assert self.results is not None, f"no results.json written; stderr: {self.stderr}"
        return next(k["status"] for k in self.results["katas"] if k["id"] == kata_id)

    def kata(self, kata_id: str) -> dict[str, Any]:
        assert self.results is not None, f"no results.json written; stderr: {self.stderr}"
        return next(k for k in self.results["katas"] if k["id"] == kata_id)

    def explain(self) -> str:
        """Everything the learner would have seen, for assertion messages."""
        return f"exit {self.exit_code}\n{self.stdout}\n{self.stderr}"


@pytest.fixture(scope="session")
def state_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Grading caches for this test worker (xdist workers must not share a mypy cache)."""
    return tmp_path_factory.mktemp("grading-state")


@pytest.fixture(scope="session", autouse=True)
def shared_hypothesis_storage(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One Hypothesis directory for all workers: its Unicode tables take seconds to build."""
    shared = tmp_path_factory.getbasetemp().parent / "hypothesis"
    os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = str(shared)


@pytest.fixture
def grade(state_dir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    def run(*args: str, timeout: float | None = None) -> Graded:
        results = tmp_path / "results.json"
        command = [sys.executable, "-m", "engine", "grade", *args, "--json", str(results)]
        if timeout is not None:
            command += ["--timeout", str(timeout)]
        env = {**os.environ, "KATA_STATE_DIR": str(state_dir)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        done = subprocess.run(
            command, cwd=REPO, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
            timeout=300,
        )  # fmt: skip
        data = json.loads(results.read_text()) if results.exists() else None
        return Graded(done.returncode, done.stdout, done.stderr, data)

    return run


@pytest.fixture
def mirror(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Make a source root holding a day's solutions with some kata modules swapped out."""

    def make(day: catalog.Day, replace: dict[str, Path] | None = None) -> Path:
        root = tmp_path / "root"
        shutil.copytree(REPO / "solutions" / day.package, root / day.package)
        for name, source in (replace or {}).items():
            shutil.copyfile(source, root / day.package / f"{name}.py")
        return root

    return make
