"""``export``: a project folder written out as its own repository — every file but caches, into
a new or empty folder only, never over anything that exists."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine import export
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
