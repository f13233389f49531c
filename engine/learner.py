"""The learner's loop around grading: hints, the solution after passing, and reset."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from engine import store
from engine.catalog import REPO, Kata
from engine.store import state_dir

BACKUPS = Path(".backups")  # under the repository root


class LearnerError(Exception):
    """Something the learner asked for that cannot be done; the message says why."""


# -- hints ------------------------------------------------------------------------------------

def _hints_seen_path() -> Path:
    return state_dir() / "hints-seen.json"


def _hints_seen() -> dict[str, int]:
    try:
        return {k: int(v) for k, v in json.loads(_hints_seen_path().read_text()).items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def next_hints(kata: Kata, *, show_all: bool = False) -> list[tuple[int, str]]:
    """The next unseen tier (or all tiers), numbered from 1; remembers what was shown."""
    if not kata.hints:
        raise LearnerError(f"{kata.id} has no hints")
    seen = _hints_seen()
    shown = seen.get(kata.id, 0)
    numbered = list(enumerate(kata.hints, start=1))
    # Past the last tier, the last one is shown again.
    tiers = numbered if show_all else [numbered[min(shown, len(numbered) - 1)]]
    seen[kata.id] = max(shown, tiers[-1][0])
    path = _hints_seen_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(seen, indent=1))
    return tiers


# -- reset ------------------------------------------------------------------------------------

def pristine_stub(kata: Kata, repo: Path = REPO) -> bytes:
    """The newest committed version of the kata's file that is still an untouched stub.

    Walking back from HEAD (not just taking HEAD) keeps a learner who commits their work able
    to reset, and still picks up any later fix to the stub's spec.
    """
    relative = kata.source(repo / "katas").relative_to(repo).as_posix()
    try:
        log = _git(repo, "log", "--format=%H", "--", relative)
    except LearnerError:
        raise LearnerError("reset needs the git history of this clone (git log failed)") from None
    for commit in log.split():
        content = _git_bytes(repo, "show", f"{commit}:{relative}")
        if store.is_stub_source(content, python=kata.is_python, markdown=relative.endswith(".md")):
            return content
    raise LearnerError(f"no committed stub of {relative} found in the git history")


def reset(kata: Kata, *, repo: Path = REPO, now: datetime | None = None) -> Path | None:
    """Back the learner's file up (returned; None if there was none), then restore the stub."""
    source = kata.source(repo / "katas")
    stub = pristine_stub(kata, repo)
    backup = None
    if source.exists() and source.read_bytes() != stub:  # an untouched stub needs no backup
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
        backup = repo / BACKUPS / kata.package / _backup_name(kata, stamp)
        backup.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, backup)  # copy first: nothing is lost even if the write fails
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(stub)
    return backup


def _backup_name(kata: Kata, stamp: str) -> str:
    """``retry-20261202-101500.py``; a file kata's keeps its file's name: ``dockerfile-…-Dockerfile``."""
    return f"{kata.name}-{stamp}.py" if kata.is_python else f"{kata.name}-{stamp}-{kata.file}"


def restore(kata: Kata, *, repo: Path = REPO, now: datetime | None = None) -> tuple[Path, Path | None]:
    """Bring back the newest backup of the kata's file; the current file is backed up first.
    Returns (the backup restored, the backup of the current file or None)."""
    source = kata.source(repo / "katas")
    backups = sorted((repo / BACKUPS / kata.package).glob(_backup_name(kata, "*")))
    if not backups:
        raise LearnerError(f"no backup of {kata.id} in {BACKUPS}/ yet (reset makes them)")
    newest = backups[-1]
    saved = None
    if source.exists() and source.read_bytes() != newest.read_bytes():
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
        saved = repo / BACKUPS / kata.package / _backup_name(kata, f"{stamp}-before-restore")
        shutil.copy2(source, saved)
    source.write_bytes(newest.read_bytes())
    return newest, saved


def _git(repo: Path, *args: str) -> str:
    return _git_bytes(repo, *args).decode()


def _git_bytes(repo: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=repo, capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise LearnerError(f"git {args[0]} failed") from exc
    return done.stdout
