"""The "project" kind: the learner's work is a whole folder (the final pet project). Its package
imports from the folder itself, the store hashes every file of it, an untouched skeleton is
*not started*, mypy counts only for the katas that say so, and a mutant replaces some files."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from engine import catalog, files, grade, sources, store

HERE = Path(__file__).parent / "project"


@dataclass(frozen=True)
class ProbeKata(catalog.Kata):
    @property
    def grader(self) -> Path:
        return HERE / "grader_probe.py"


def kata(*, mypy: bool = False) -> ProbeKata:
    return ProbeKata(day="probe", name="core", title="Probe", covers=(), hints=(), kind="project", mypy=mypy)


def copy(tmp_path: Path, tree: str) -> Path:
    shutil.copytree(HERE / tree, tmp_path / tree)
    return tmp_path / tree


def test_a_project_imports_from_its_own_folder_and_passes(tmp_path: Path, pool) -> None:  # type: ignore[no-untyped-def]
    root = copy(tmp_path, "reference")
    (result,) = grade.grade_katas([kata()], root=root, pool=pool)
    assert result.status is grade.Status.PASSED, result.message
    assert kata().source(root) == root / "probe" and kata().import_root(root) == root / "probe"


def test_an_untouched_skeleton_is_not_started(tmp_path: Path, pool) -> None:  # type: ignore[no-untyped-def]
    root = copy(tmp_path, "skeleton")
    assert store.is_stub(root / "probe") and not store.is_stub(HERE / "reference" / "probe")
    (result,) = grade.grade_katas([kata()], root=root, pool=pool)
    assert result.status is grade.Status.NOT_STARTED, result.message


def test_a_mutant_replaces_files_and_is_rejected(tmp_path: Path, pool) -> None:  # type: ignore[no-untyped-def]
    root = copy(tmp_path, "reference")
    shutil.copytree(HERE / "bug", root / "probe", dirs_exist_ok=True)
    (result,) = grade.grade_katas([kata()], root=root, pool=pool)
    assert result.status is grade.Status.FAILED and "add(): the sum" in result.message, result.message


def test_mypy_counts_for_the_kata_that_says_so(tmp_path: Path, pool) -> None:  # type: ignore[no-untyped-def]
    root = copy(tmp_path, "reference")
    (root / "probe" / "taskq" / "loose.py").write_text("def untyped(x):\n    return x\n")
    typed, untyped = grade.grade_katas([kata(mypy=True)], root=root, pool=pool)[0], grade.grade_katas([kata()], root=root, pool=pool)[0]
    assert typed.status is grade.Status.FAILED and typed.own_type_errors, typed.message
    assert untyped.status is grade.Status.PASSED, untyped.message


def test_the_store_key_covers_every_file_but_caches(tmp_path: Path) -> None:
    root = copy(tmp_path, "reference")
    before = store.key(kata(), root)
    (root / "probe" / "taskq" / "__pycache__").mkdir()
    (root / "probe" / "taskq" / "__pycache__" / "core.cpython-311.pyc").write_bytes(b"cache")
    assert store.key(kata(), root) == before, "caches are nobody's work"
    (root / "probe" / "README.md").write_text("# Probe, edited\n")
    assert store.key(kata(), root) != before, "any file of the project is the learner's work"


def test_a_written_readme_or_dockerfile_is_work_even_while_every_function_is_a_stub(tmp_path: Path) -> None:
    """A skeleton ships its Dockerfile and README as comments: writing either one starts the project."""
    root = copy(tmp_path, "skeleton")
    (root / "probe" / "README.md").write_text("<!-- Write the README: what, how, why. -->\n")
    (root / "probe" / "Dockerfile").write_text("# Build the image.\n")
    (root / "probe" / "pyproject.toml").write_text('[project]\nname = "probe"\n')  # configuration: given whole
    assert store.is_stub(root / "probe"), "comments and configuration are not the learner's work"
    (root / "probe" / "README.md").write_text("# Probe\n\nA probe project.\n")
    assert not store.is_stub(root / "probe"), "a README with a heading is written"
    (root / "probe" / "README.md").write_text("<!-- again -->\n")
    (root / "probe" / "Dockerfile").write_text("FROM python:3.11-slim\n")
    assert not store.is_stub(root / "probe"), "a Dockerfile with an instruction is written"


def test_a_markdown_file_is_written_once_it_holds_more_than_html_comments(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("<!--\n# not a heading: inside the comment\n-->\n\n")
    with pytest.raises(NotImplementedError, match="README.md holds only comments"):
        files.written(readme)
    readme.write_text("# taskq\n")
    assert files.written(readme) == "# taskq\n"


def test_the_graders_shared_helpers_are_preloaded_through_their_imports() -> None:
    """A conftest that imports graders.support.web brings httpx and uvicorn into the warm process;
    a project's own package (the learner's code) is never preloaded."""
    conftest = HERE.parents[1] / "graders" / "day12" / "conftest.py"
    modules = sources.third_party_imports([conftest])
    assert {"httpx", "uvicorn", "asgi_lifespan"} <= set(modules) and not any(m.startswith("graders") for m in modules)
