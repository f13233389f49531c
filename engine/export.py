"""``export``: a project day's folder written out as a standalone repository, ready to push.

The project folder already is one (its own ``pyproject.toml``, README, tests, Dockerfile and a
GitHub Actions workflow): export copies its files — caches and tools' state left out — into a
new directory and makes it a git repository with everything staged. Nothing of the kata
library goes with it, and nothing that exists is ever overwritten.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

from engine import files, store
from engine.catalog import REPO, Catalog, Day
from engine.commands import UsageError


def project_day(cat: Catalog, session: str) -> Day:
    day = cat.day(session)
    if not any(k.is_project for k in day.katas):
        projects = ", ".join(d.session for d in cat.days if any(k.is_project for k in d.katas)) or "none"
        raise UsageError(f"{session} is not a project day (project days: {projects})")
    return day


def export(source: Path, target: Path) -> list[Path]:
    """Copy every file of the project ``source`` into the new directory ``target``; the copies."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{target} already exists and is not empty: export writes only into a new or empty folder")
    copies = []
    for path in files.project_files(source):
        copy = target / path.relative_to(source)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
        copies.append(copy)
    return copies


def export_command(args: argparse.Namespace, cat: Catalog) -> int:
    day = project_day(cat, args.day)
    root = REPO / ("solutions" if args.solutions else "katas")
    source = root / day.package
    if not args.solutions and store.is_stub(source):
        raise UsageError(f"{source.relative_to(REPO)}/ is still the untouched skeleton: write the project first")
    target = (Path(args.cwd) / args.dir).resolve()
    if target == source.resolve() or source.resolve() in target.parents or REPO in [target, *target.parents]:
        raise UsageError(f"export into a folder outside this repository, not {target}")
    copies = export(source, target)
    print(f"Wrote {len(copies)} files of {source.relative_to(REPO)}/ to {target}")
    if shutil.which("git") and not (target / ".git").exists():
        subprocess.run(["git", "init", "-q", str(target)], check=True)
        subprocess.run(["git", "-C", str(target), "add", "-A"], check=True)
        print("It is a new git repository with every file staged. Next:")
        print(f"  cd {target} && git commit -m '{day.title}' && git remote add origin <your repo> && git push -u origin HEAD")
    return 0
