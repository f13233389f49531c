"""Helpers for the library's own tests: grade a day the way a learner would, in a subprocess."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from engine import catalog, files

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
    mark: str = ""  # in the environment of every process this grade started
    results_size: int = 0

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
    # Build them now, once: every kata's process would otherwise race to build them (~1 s each).
    subprocess.run([sys.executable, "-c", WARM_UNICODE_TABLES], check=True, capture_output=True, timeout=120)


WARM_UNICODE_TABLES = """
import warnings
from hypothesis import given, settings, strategies as st
warnings.simplefilter("ignore")
given(st.text(), st.characters())(settings(max_examples=5, database=None)(lambda a, b: None))()
"""


@pytest.fixture(scope="session")
def pool(state_dir: Path):  # type: ignore[no-untyped-def]
    """One warm grading process per test worker, for grading many roots in-process."""
    from engine import grade

    os.environ["KATA_STATE_DIR"] = str(state_dir)
    with grade.open_pool() as warm:
        yield warm


@pytest.fixture
def grade_kata(pool):  # type: ignore[no-untyped-def]
    """Grade one kata against a source root in this process (what ``grade`` does, minus the
    command line): for the hundreds of mutants, where a process start per grade adds up."""
    from engine import grade

    def run(kata: catalog.Kata, root: Path) -> grade.KataResult:
        return grade.grade_katas([kata], root=root, pool=pool)[0]

    return run


@pytest.fixture
def grade(state_dir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    def run(*args: str, timeout: float | None = None) -> Graded:
        results = tmp_path / "results.json"
        command = [sys.executable, "-m", "engine", "grade", *args, "--json", str(results)]
        if timeout is not None:
            command += ["--timeout", str(timeout)]
        mark = uuid.uuid4().hex
        env = {**os.environ, "KATA_STATE_DIR": str(state_dir), "KATA_FAULT_MARK": mark}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        done = subprocess.run(
            command, cwd=REPO, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
            timeout=300,
        )  # fmt: skip
        data = json.loads(results.read_text()) if results.exists() else None
        size = results.stat().st_size if results.exists() else 0
        return Graded(done.returncode, done.stdout, done.stderr, data, mark, size)

    return run


@pytest.fixture
def mirror(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Make a source root holding a day's solutions with some kata modules swapped out."""

    def make(day: catalog.Day, replace: dict[str, Path] | None = None) -> Path:
        root = tmp_path / "root"
        caches = shutil.ignore_patterns(*files.NOT_WORK)  # a local mypy cache is tens of MB
        shutil.copytree(REPO / "solutions" / day.package, root / day.package, ignore=caches)
        for kata in day.katas:  # another day's project a kata's verdict depends on comes along
            folder = kata.project_folder(REPO / "solutions")
            if folder is not None and not (root / folder.name).exists():
                shutil.copytree(folder, root / folder.name, ignore=caches)
        for name, source in (replace or {}).items():
            target = day.kata(name).source(root)
            if source.is_dir():  # a project's mutant: the files that replace the reference's
                shutil.copytree(source, target, dirs_exist_ok=True)
            else:
                shutil.copyfile(source, target)
        return root

    return make


@pytest.fixture
def leftovers():  # type: ignore[no-untyped-def]
    return leftover_processes


def leftover_processes(mark: str) -> list[str]:
    """Command lines of live processes whose environment carries ``mark``: every process a
    grade started inherits it (the engine, the zygote, each kata's process, what they spawn)."""
    needle = f"KATA_FAULT_MARK={mark}".encode()
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if needle not in environ.read_bytes():
                continue
            status = (environ.parent / "stat").read_text().rpartition(")")[2].split()[0]
            cmdline = (environ.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if status != "Z":  # a zombie is already dead; its parent (the test runner) reaps it
            found.append(f"{environ.parent.name}: {cmdline}")
    return found


def tree_digest(root: Path) -> str:
    """One hash of every file under ``root`` (names and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def digest():  # type: ignore[no-untyped-def]
    return tree_digest


@pytest.fixture
def read_until():  # type: ignore[no-untyped-def]
    """Read a process's output line by line until a line holds ``marker``; fail after ``limit`` s."""

    def read(stream, marker: str, limit: float = 120.0) -> str:  # type: ignore[no-untyped-def]
        deadline, seen = time.monotonic() + limit, []
        while time.monotonic() < deadline:
            line = stream.readline()
            if not line:
                break
            seen.append(line)
            if marker in line:
                return "".join(seen)
        pytest.fail(f"no {marker!r} within {limit} s:\n{''.join(seen)}")

    return read
