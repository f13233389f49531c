"""Katas whose learner file is not Python: a Dockerfile, a Compose file, a ``.dockerignore``.

The stub of such a kata holds only comments (the spec) and blank lines: that is how *not
started* is told apart from *wrong*. A grader reads the learner's file through
:func:`written`, which raises ``NotImplementedError`` while the file is still that stub — so on
an untouched kata every check reads *not started*, as a module kata's checks do when they call
a stub. Graders then lint and parse the text with the field's own tools (hadolint,
dockerfile-parse, ``docker-compose config``), never by matching keywords.
"""

from __future__ import annotations

from pathlib import Path

# What a project folder holds that is nobody's work: caches and tools' state.
NOT_WORK = {"__pycache__", ".mypy_cache", ".pytest_cache", ".hypothesis", ".ruff_cache", ".venv", ".git", ".coverage"}


def only_comments(source: bytes) -> bool:
    """Whether every line is blank or a ``#`` comment (a stub, or a file emptied again)."""
    text = source.decode("utf-8", errors="replace")
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def written(path: Path) -> str:
    """The learner's file as text; ``NotImplementedError`` while it holds only comments."""
    data = path.read_bytes()
    if only_comments(data):
        raise NotImplementedError(f"{path.name} holds only comments: write it")
    return data.decode("utf-8")


def project_files(folder: Path) -> list[Path]:
    """Every file of a project folder (a "project" kata's), caches and tools' state left out."""
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and not NOT_WORK & set(p.relative_to(folder).parts) and p.suffix != ".pyc"
    )  # fmt: skip
