"""The learner's commands around grading: status, hints, solution, reset and restore, and the
maintainers' workflows and fork badges. Each is ``NAME_command(args, catalog) -> exit code``."""

from __future__ import annotations

import argparse
import sys

from pathlib import Path

from engine.catalog import REPO, Catalog, Kata


class UsageError(Exception):
    """Bad command-line input: reported as one line, never a traceback."""


def hint_command(args: argparse.Namespace, cat: Catalog) -> int:
    from engine import learner

    kata = cat.find_kata(args.kata)
    tiers = learner.next_hints(kata, show_all=args.all)
    for number, text in tiers:
        print(f"Hint {number} of {len(kata.hints)} for {kata.id}:\n  {text}\n")
    if not args.all and tiers[-1][0] < len(kata.hints):
        print(f"Run the same command again for hint {tiers[-1][0] + 1}.")
    else:
        print(f"That was the last hint. Still stuck? nox -s solution -- {kata.id} --force")
    return 0


def solution_command(args: argparse.Namespace, cat: Catalog) -> int:
    from engine import grade, progress, store

    kata = cat.find_kata(args.kata)
    root = REPO / "katas"
    if not args.force:
        stored = store.load().get(kata.id)
        if stored is None or stored.key != store.key(kata, root):
            result = grade.grade_day(cat.day(kata.day), [kata], root=root, target="katas")
            progress.remember(result.katas, result.root)
            status = result.katas[0].status.value
        else:
            status = stored.status
        if status != grade.Status.PASSED.value:
            print(f"{kata.id} does not pass yet ({status.replace('_', ' ')}): the solution unlocks once it does.")
            print(f"Stuck? nox -s hint -- {kata.id}   (or add --force to see it anyway)")
            return 1
    reference = kata.source(REPO / "solutions")
    mine = kata.source(REPO / "katas")
    if kata.is_project:
        return _project_diff(mine, reference, full=args.full)
    if args.full or not mine.exists():
        print(reference.read_text(encoding="utf-8"))
        return 0
    import difflib

    diff = difflib.unified_diff(
        mine.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True),
        reference.read_text(encoding="utf-8").splitlines(keepends=True),
        fromfile=f"yours: {mine.relative_to(REPO)}", tofile=f"reference: {reference.relative_to(REPO)}",
    )
    text = "".join(diff)
    print(text or "Your file is the reference solution, byte for byte.")
    print(f"(the whole reference: nox -s solution -- {kata.id} --full)")
    return 0


def _project_diff(mine: Path, reference: Path, *, full: bool) -> int:
    """A project's reference against the learner's, file by file."""
    import difflib

    from engine.files import project_files

    theirs = {p.relative_to(reference): p for p in project_files(reference)}
    yours = {p.relative_to(mine): p for p in project_files(mine)} if mine.exists() else {}
    for name in sorted(theirs):
        text = theirs[name].read_text(encoding="utf-8")
        if full:
            print(f"=== {reference.relative_to(REPO) / name}\n{text}")
            continue
        own = yours[name].read_text(encoding="utf-8", errors="replace") if name in yours else ""
        print("".join(difflib.unified_diff(
            own.splitlines(keepends=True), text.splitlines(keepends=True),
            fromfile=f"yours: {mine.relative_to(REPO) / name}", tofile=f"reference: {reference.relative_to(REPO) / name}",
        )), end="")  # fmt: skip
    return 0


def _not_for_a_project(kata: Kata, command: str) -> None:
    if kata.is_project:
        folder = kata.source(REPO / "katas").relative_to(REPO)
        raise UsageError(f"{command} works on one kata's file; {folder}/ is a whole project: "
                         f"use git for its files (git checkout -- {folder}/<file>)")


def reset_command(args: argparse.Namespace, cat: Catalog) -> int:
    from engine import learner

    kata = cat.find_kata(args.kata)
    _not_for_a_project(kata, "reset")
    path = kata.source(REPO / "katas").relative_to(REPO)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError("reset asks for confirmation: run it in a terminal or pass --yes")
        if input(f"Restore the stub of {path}? Your file is backed up first. [y/N] ").strip().lower() != "y":
            print("Nothing changed.")
            return 0  # declining is an answer, not an error
    backup = learner.reset(kata)
    if backup is not None:
        print(f"Your previous {path} is saved as {backup.relative_to(REPO)}")
    print(f"{path} is the stub again.")
    return 0


PLAN_DAY_HOURS = "1–2 h"  # what the study plan gives each day


def status_command(args: argparse.Namespace, cat: Catalog) -> int:
    """Plain text and no grading, so it runs without a venv and at once."""
    from engine import progress

    known = progress.known(cat, REPO / "katas")
    for day in cat.days:
        if not day.katas:
            print(f"{day.label} — {day.title}: no katas yet")
            continue
        passed = sum(known.passed(k) for k in day.katas)
        print(f"{day.label} — {day.title}  ({passed}/{len(day.katas)} passed, ~{PLAN_DAY_HOURS})"
              f"  nox -s {day.session}")
        for kata in day.katas:
            status = known.statuses.get(kata.id, "not graded yet").replace("_", " ")
            print(f"  {status:<14} {kata.name}")
    upcoming = known.next_kata()
    print(f"\nNext: {upcoming.id} — nox -s {upcoming.day}" if upcoming else "\nEvery kata passes.")
    return 0


def restore_command(args: argparse.Namespace, cat: Catalog) -> int:
    from engine import learner

    kata = cat.find_kata(args.kata)
    _not_for_a_project(kata, "restore")
    restored, saved = learner.restore(kata)
    if saved is not None:
        print(f"Your current file is saved as {saved.relative_to(REPO)}")
    print(f"{kata.source(REPO / 'katas').relative_to(REPO)} is back as in {restored.relative_to(REPO)}")
    return 0


def workflows_command(args: argparse.Namespace, cat: Catalog) -> int:
    from engine import ci

    for path in ci.write_workflows(cat):
        print(f"wrote {path.relative_to(REPO)}")
    ci.rewrite_readme_badges(cat, ci.upstream().repository)
    print("rewrote the README badge row")
    return 0


def fork_badges_command(args: argparse.Namespace, cat: Catalog) -> int:
    from engine import ci

    repository = ci.origin_repository()
    ci.rewrite_readme_badges(cat, repository)
    print(f"README badges now show {repository}'s workflows. Commit README.md and push.")
    return 0
