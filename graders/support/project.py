"""The learner's final project as its graders handle it: the project's own alembic
configuration aimed at a check's database, and copies of the project in which a grader runs
tools (lint-imports, the learner's suite) without writing into the learner's folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from alembic.config import Config

# What a copy of the project leaves out: nobody's work, and big.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "venv", ".nox", ".tox", "__pycache__", "*.pyc", ".mypy_cache", ".pytest_cache",
    ".hypothesis", ".ruff_cache", ".import_linter_cache", "*.db", "*.db-journal", "*.db-wal", ".coverage*",
)  # fmt: skip


def alembic_config(project: Path, url: str) -> Config:
    """The project's alembic configuration, aimed at ``url`` (its env.py reads TASKQ_DATABASE_URL;
    the ``migrated_url`` fixture restores that variable afterwards)."""
    config = Config(str(project / "alembic.ini"))
    config.set_main_option("script_location", str(project / "migrations"))
    config.set_main_option("sqlalchemy.url", url)
    os.environ["TASKQ_DATABASE_URL"] = url
    return config


def copy_project(project: Path, target: Path) -> Path:
    """``project`` copied to ``target``, caches and databases left out."""
    shutil.copytree(project, target, ignore=NOT_COPIED, symlinks=True)
    return target
