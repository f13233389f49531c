"""Command line: ``python -m engine grade DAY [KATA ...] [options]`` (what ``nox -s dayN`` runs).

Exit codes: 0 every graded kata passed, 1 some did not, 2 bad usage (one line on stderr).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from engine import catalog, runner
from engine.catalog import REPO, CatalogError, UnknownName


class UsageError(Exception):
    """Bad command-line input: reported as one line, never a traceback."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nox -s DAY --", description="Grade a plan day's katas.")
    sub = parser.add_subparsers(dest="command", required=True)
    grade = sub.add_parser("grade", help="grade one day")
    grade.add_argument("day", help="session name, e.g. day7 or day4.1")
    grade.add_argument("katas", nargs="*", metavar="KATA", help="grade only these katas")
    which = grade.add_mutually_exclusive_group()
    which.add_argument("--solutions", action="store_true", help="grade the reference solutions")
    which.add_argument("--root", type=Path, help=argparse.SUPPRESS)  # a copy, for the self-test
    grade.add_argument("--json", type=Path, metavar="PATH", help="write results.json here")
    grade.add_argument("-v", "--verbose", action="store_true", help="show every failure in full")
    grade.add_argument("--timeout", type=float, default=runner.DEFAULT_TIMEOUT, help=argparse.SUPPRESS)
    grade.add_argument("--cwd", type=Path, default=Path.cwd(), help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return _grade(args)
    except (UsageError, UnknownName, CatalogError) as exc:
        message = exc.args[0] if exc.args else str(exc)
        print(f"error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _grade(args: argparse.Namespace) -> int:
    from rich.console import Console  # after argument checks: a typo gets its answer fast

    from engine import grade, report, results

    cat = catalog.load()
    day = cat.day(args.day)
    if not day.katas:
        raise UsageError(f"{day.session} has no katas yet")
    katas = [day.kata(name) for name in args.katas] or list(day.katas)
    if args.root is not None:
        root, target = args.root.resolve(), str(args.root)
    elif args.solutions:
        root, target = REPO / "solutions", "solutions"
    else:
        root, target = REPO / "katas", "katas"
    json_path = args.json if args.json is None or args.json.is_absolute() else args.cwd / args.json

    result = grade.grade_day(day, katas, root=root, target=target, timeout=args.timeout)
    if json_path is not None:
        results.write(result, json_path)
    report.render(result, Console(highlight=False, soft_wrap=True, width=10_000 if not sys.stdout.isatty() else None), verbose=args.verbose)
    return 0 if result.passed else 1
