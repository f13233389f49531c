"""Command line behind the nox sessions: ``python -m engine COMMAND ...``.

    grade DAY [KATA ...]   nox -s day7 -- [KATA] [--failed] [--solutions] [--json PATH] [-v]
    progress               nox -s progress
    status                 nox -s status (and plain `nox`)
    hint KATA_ID           nox -s hint -- day7.retry [--all]
    solution KATA_ID       nox -s solution -- day7.retry [--force]
    reset KATA_ID          nox -s reset -- day7.retry [--yes]
    restore KATA_ID        nox -s restore -- day7.retry
    watch DAY              nox -s watch -- day7
    workflows              nox -s workflows        (maintainers: regenerate CI files)
    fork-badges            nox -s fork-badges      (point README badges at your fork)

Exit codes: 0 success (for grade: every graded kata passed), 1 not yet, 2 bad usage or a
request that cannot be done (one line on stderr, never a traceback), 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from engine import catalog, runner
from engine.catalog import REPO, CatalogError, UnknownName
from engine.export import export_command
from engine.commands import (
    UsageError,
    fork_badges_command,
    hint_command,
    reset_command,
    restore_command,
    solution_command,
    status_command,
    workflows_command,
)

if TYPE_CHECKING:
    from rich.console import Console

    from engine.catalog import Catalog, Kata
    from engine.progress import Progress


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m engine", description="Grade katas and follow your progress.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    grade = sub.add_parser("grade", help="grade one day")
    grade.add_argument("day", help="session name, e.g. day7 or day4.1")
    grade.add_argument("katas", nargs="*", metavar="KATA", help="grade only these katas")
    grade.add_argument("--failed", action="store_true", help="grade only the katas not passing yet")
    _target_options(grade)
    _timeout_option(grade)
    grade.add_argument("--json", type=Path, metavar="PATH", help="write results.json here")
    grade.add_argument("-v", "--verbose", action="store_true", help="show every failure in full")

    watch = sub.add_parser("watch", help="regrade a day on every save")
    watch.add_argument("day")
    watch.add_argument("katas", nargs="*", metavar="KATA")
    _target_options(watch)
    _timeout_option(watch)

    progress = sub.add_parser("progress", help="tick the plan's checklist, write PROGRESS.md and badges")
    progress.add_argument("--out", type=Path, default=REPO, help=argparse.SUPPRESS)
    progress.add_argument("--root", type=Path, default=REPO / "katas", help=argparse.SUPPRESS)
    progress.add_argument("--all", action="store_true", help="every checklist line, not a line per day")
    _timeout_option(progress)

    hint = sub.add_parser("hint", help="show the next hint of a kata")
    hint.add_argument("kata", metavar="KATA_ID", help="e.g. day7.retry")
    hint.add_argument("--all", action="store_true", help="show every tier")

    solution = sub.add_parser("solution", help="show the reference solution of a kata you passed")
    solution.add_argument("kata", metavar="KATA_ID")
    solution.add_argument("--force", action="store_true", help="show it even before passing")
    solution.add_argument("--full", action="store_true", help="the whole reference file, not a diff")

    reset = sub.add_parser("reset", help="restore a kata's stub (your file is backed up first)")
    reset.add_argument("kata", metavar="KATA_ID")
    reset.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    restore = sub.add_parser("restore", help="bring back your file as it was before the last reset")
    restore.add_argument("kata", metavar="KATA_ID")

    sub.add_parser("status", help="every day's katas with their last status, and what to do next")
    mock = sub.add_parser("mock-interview", help="a timed drill of questions from the whole library")
    mock.add_argument("--minutes", type=float, default=45, help="the countdown (default 45)")
    mock.add_argument("--topics", help="comma-separated topics or days, e.g. async,oop (default: all)")
    mock.add_argument("--questions", type=int, default=6, help="how many questions (default 6)")
    mock.add_argument("--seed", type=int, help="the same questions again for the same seed")
    mock.add_argument("--grade", action="store_true", help="grade the newest drill now")

    export = sub.add_parser("export", help="write a project day's folder out as a standalone git repository")
    export.add_argument("day", help="the project day, e.g. final")
    export.add_argument("dir", metavar="DIR", help="a new or empty folder outside this repository")
    export.add_argument("--solutions", action="store_true", help=argparse.SUPPRESS)  # the reference, for the self-test
    export.add_argument("--cwd", type=Path, default=Path.cwd(), help=argparse.SUPPRESS)

    sub.add_parser("workflows", help="regenerate .github/workflows/<day>.yml from the catalog")
    sub.add_parser("fork-badges", help="point the README's day badges at your fork (origin)")
    return parser


def _timeout_option(parser: argparse.ArgumentParser) -> None:
    """The per-check time limit; for the self-test's hanging faults, not for learners."""
    parser.add_argument("--timeout", type=float, default=runner.DEFAULT_TIMEOUT, help=argparse.SUPPRESS)


def _target_options(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--solutions", action="store_true", help="grade the reference solutions")
    which.add_argument("--root", type=Path, help=argparse.SUPPRESS)  # a copy, for the self-test
    parser.add_argument("--cwd", type=Path, default=Path.cwd(), help=argparse.SUPPRESS)


def main(argv: list[str] | None = None) -> int:
    from engine.drill import DrillError
    from engine.learner import LearnerError
    from engine.runner import ZygoteError
    from engine.typecheck import TypecheckError

    try:
        args = build_parser().parse_args(argv)
        handler = COMMANDS[args.command]
        return handler(args, catalog.load())
    except (UsageError, UnknownName, CatalogError, LearnerError, TypecheckError, ZygoteError, DrillError) as exc:
        message = exc.args[0] if exc.args else str(exc)
        print(f"error: {message}", file=sys.stderr)
        return 2
    except OSError as exc:  # an unwritable --json path, a full disk…
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        from engine import grade

        grade.close_unused_pools()  # started early for a command that failed before grading


def console() -> Console:
    from rich.console import Console

    # Piped output is read by tools and tests: never wrap it at 80 columns.
    return Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 10_000)


def _root(args: argparse.Namespace) -> tuple[Path, str]:
    if args.root is not None:
        return args.root.resolve(), str(args.root)
    if args.solutions:
        return REPO / "solutions", "solutions"
    return REPO / "katas", "katas"


def _katas(args: argparse.Namespace, cat: Catalog) -> tuple[catalog.Day, list[Kata]]:
    day = cat.day(args.day)
    if not day.katas:
        raise UsageError(f"{day.session} has no katas yet")
    return day, [day.kata(name) for name in args.katas] or list(day.katas)


def grade_command(args: argparse.Namespace, cat: Catalog) -> int:
    day, katas = _katas(args, cat)  # bad names are refused before anything heavy is imported
    root, target = _root(args)
    from engine import grade, progress, report, results

    if args.failed:
        known = progress.known(cat, root)
        katas = [k for k in katas if not known.passed(k)]
        if not katas:
            print(f"Every kata of {day.label} passes (as last graded): nothing to regrade.")
            return 0
    json_path = args.json if args.json is None or args.json.is_absolute() else args.cwd / args.json
    if json_path is not None:
        _check_writable(json_path)  # refused now, not after the grade
    with grade.open_pool() as pool:
        result = grade.grade_day(day, katas, root=root, target=target, timeout=args.timeout, pool=pool)
        pool.stop_soon()  # reported while the pool cleans up; leaving the block waits until it has
        if json_path is not None:
            results.write(result, json_path)
        out = console()
        report.render(result, out, verbose=args.verbose)
        if target != "solutions":  # keyed by the bytes graded: another root's results never match katas/
            progress.remember(result.katas, result.root)
        if target == "katas":
            _next_step(out, progress.known(cat, root), day)
    return 0 if result.passed else 1


def _check_writable(path: Path) -> None:
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if path.is_dir() or not os.access(folder if not path.exists() else path, os.W_OK):
        raise UsageError(f"cannot write the results file {path}")


def _next_step(out: Console, known: Progress, day: catalog.Day) -> None:
    upcoming = known.next_kata(after=day.katas)
    if upcoming is None:
        out.print("Every kata of the plan passes. Run `nox -s progress` for the full picture.")
    elif upcoming.day != day.session:
        out.print(f"{day.label} is done. Next: {upcoming.id} — nox -s {upcoming.day}")


def watch_command(args: argparse.Namespace, cat: Catalog) -> int:
    from engine import grade, report, watch

    day, katas = _katas(args, cat)
    root, target = _root(args)
    out = console()

    with grade.open_pool() as pool:  # one warm grading process for every save

        def regrade(saved: set[Path]) -> None:
            # The kata just saved first, on its own: its verdict is on screen before the rest.
            first = [k for k in katas if any(_belongs(p, k.source(root).resolve()) for p in saved)]
            done = grade.grade_katas(first, root=root, timeout=args.timeout, pool=pool) if first else []
            for kata in done:
                out.print(report.kata_line(kata, len(kata.kata.name)))
            if done:
                out.print()
            rest = grade.grade_katas([k for k in katas if k not in first], root=root, timeout=args.timeout, pool=pool)
            by_kata = {k.kata: k for k in [*done, *rest]}
            result = grade.DayResult(day, target, root, [by_kata[k] for k in katas])
            report.render(result, out)
            if target != "solutions":
                from engine import progress

                progress.remember(result.katas, result.root)

        files = {k.file for k in day.katas if k.file}
        everything = any(k.is_project for k in day.katas)  # a project: any file of it
        return watch.watch(root / day.package, regrade, clear=out.clear, names=files, everything=everything)


def _belongs(saved: Path, source: Path) -> bool:
    """A saved file is the kata's file, or a file of its project folder."""
    return saved == source or saved.is_relative_to(source)


def progress_command(args: argparse.Namespace, cat: Catalog) -> int:
    import time

    from rich.progress_bar import ProgressBar
    from rich.text import Text

    from engine import progress

    started = time.perf_counter()
    state, graded = progress.measure(cat, args.root.resolve(), timeout=args.timeout)
    out = console()
    width = max(len(f"{d.label} — {d.title}") for d in cat.days)
    for day in cat.days:
        ticks = state.ticked(day)
        if not args.all:
            bar = "█" * round(10 * sum(ticks) / len(ticks)) if ticks else ""
            out.print(Text.assemble(f"{day.label} — {day.title}".ljust(width + 2), (bar.ljust(10, "░"), "green"),
                                    f"  {sum(ticks)}/{len(ticks)} checklist lines"))
            continue
        out.print(Text(f"{day.label} — {day.title}  {sum(ticks)}/{len(ticks)}", "bold"))
        for line, tick in zip(day.checklist, ticks):
            out.print(Text.assemble("  ", ("[x]", "green") if tick else "[ ]", f" {line}"))
    done, total = state.lines_done, state.lines_total
    out.print()
    out.print(ProgressBar(total=total, completed=done, width=40))
    out.print()  # the bar leaves the cursor on its own line
    out.print(f"{done} of {total} checklist lines done ({graded} katas regraded in "
              f"{time.perf_counter() - started:.1f} s).")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "PROGRESS.md").write_text(progress.markdown(state, badges=args.out / "badges"))
    badges = progress.write_badges(state, args.out / "badges")
    out.print(f"Wrote PROGRESS.md and {len(badges)} badges in badges/.")
    upcoming = state.next_kata()
    if upcoming is not None:
        out.print(f"Next: {upcoming.id} — nox -s {upcoming.day}")
    return 0


def mock_interview_command(args: argparse.Namespace, cat: Catalog) -> int:
    from engine import mock_interview

    return mock_interview.run(args, cat)


COMMANDS = {
    "grade": grade_command,
    "mock-interview": mock_interview_command,
    "watch": watch_command,
    "progress": progress_command,
    "hint": hint_command,
    "solution": solution_command,
    "reset": reset_command,
    "restore": restore_command,
    "status": status_command,
    "workflows": workflows_command,
    "export": export_command,
    "fork-badges": fork_badges_command,
}
