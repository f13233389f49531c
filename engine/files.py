"""Katas whose learner file is not Python: a Dockerfile, a Compose file, a ``.dockerignore``, a README.

The stub of such a kata holds only comments (the spec) and blank lines: that is how *not
started* is told apart from *wrong*. A grader reads the learner's file through
:func:`written`, which raises ``NotImplementedError`` while the file is still that stub — so on
an untouched kata every check reads *not started*, as a module kata's checks do when they call
a stub. Graders then lint and parse the text with the field's own tools (hadolint,
dockerfile-parse, ``docker-compose config``), never by matching keywords.
"""

from __future__ import annotations

import re
from pathlib import Path

# What a project folder holds that is nobody's work: caches and tools' state.
NOT_WORK = {"__pycache__", ".mypy_cache", ".pytest_cache", ".hypothesis", ".ruff_cache", ".venv", ".git", ".coverage"}


def only_comments(source: bytes) -> bool:
    """Whether every line is blank or a ``#`` comment (a stub, or a file emptied again)."""
    text = source.decode("utf-8", errors="replace")
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def only_markdown_comments(source: bytes) -> bool:
    """Whether a Markdown file holds nothing but ``<!-- -->`` comments and blank lines (its stub:
    ``#`` there starts a heading, which is work)."""
    return not re.sub(r"<!--.*?-->", "", source.decode("utf-8", errors="replace"), flags=re.S).strip()


def is_project_code(path: Path) -> bool:
    """Whether a project's Python file is the learner's code: a module of one of its packages,
    or a test module. Scripts the skeleton gives whole (alembic's ``env.py``) are not, and a
    revision alone does not start a project."""
    return (path.parent / "__init__.py").exists() or path.name == "conftest.py" or path.name.startswith("test_")


def has_stub_form(path: Path) -> bool:
    """Whether a project's non-Python file is one a skeleton ships as comments to be written (its
    Dockerfile, Compose file, README); configuration (``pyproject.toml``, a workflow) is given whole."""
    return path.name.startswith(("Dockerfile", "compose.", "docker-compose.")) or path.name == ".dockerignore" or path.suffix == ".md"


def is_stub_file(path: Path) -> bool:
    """Whether a non-Python file still holds only its comments."""
    return is_stub_text(path.read_bytes(), markdown=path.suffix == ".md")


def is_stub_text(source: bytes, *, markdown: bool) -> bool:
    """A non-Python stub's test: ``#`` comment lines, or for Markdown ``<!-- -->`` comments."""
    return only_markdown_comments(source) if markdown else only_comments(source)


def written(path: Path) -> str:
    """The learner's file as text; ``NotImplementedError`` while it holds only comments."""
    if is_stub_file(path):
        raise NotImplementedError(f"{path.name} holds only comments: write it")
    return path.read_text(encoding="utf-8")


def project_files(folder: Path) -> list[Path]:
    """Every file of a project folder (a "project" kata's), caches and tools' state left out."""
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and not NOT_WORK & set(p.relative_to(folder).parts) and p.suffix != ".pyc"
    )  # fmt: skip
