"""What the learner reads after a grade: a line per kata, then the first problem in full.

Rendered with rich, which drops colour by itself when stdout is not a terminal. Learner text
(messages, output) always goes in as ``Text``, never as markup, so brackets in it are safe.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from engine.catalog import REPO
from engine.grade import DayResult, KataResult, Status
from engine.runner import TestResult

LABELS = {
    Status.PASSED: ("passed", "bold green"),
    Status.FAILED: ("failed", "bold red"),
    Status.NOT_STARTED: ("not started", "yellow"),
    Status.ERROR: ("error", "bold magenta"),
    Status.TIMEOUT: ("timed out", "bold magenta"),
}


def render(result: DayResult, console: Console, *, verbose: bool = False) -> None:
    day = result.day
    console.print(
        Text.assemble((f"{day.label} — {day.title}", "bold"), f"  ·  grading {_shown(result.root / day.package)}")
    )
    table = Table.grid(padding=(0, 2))
    for kata in result.katas:
        label, style = LABELS[kata.status]
        note = "" if kata.status in (Status.PASSED, Status.NOT_STARTED) else kata.message
        table.add_row(Text(label, style), Text(kata.kata.name), Text(kata.kata.title, "dim"), Text(note))
    console.print(Padding(table, (0, 0, 0, 2)))

    problems = [k for k in result.katas if k.status not in (Status.PASSED, Status.NOT_STARTED)]
    for kata in problems if verbose else problems[:1]:
        console.print()
        console.print(_details(kata, result.root, verbose=verbose))

    console.print()
    console.print(summary(result))


def summary(result: DayResult) -> Text:
    passed = sum(k.status is Status.PASSED for k in result.katas)
    line = Text(f"{result.day.label}: {passed} of {len(result.katas)} katas passed.", "bold")
    upcoming = next((k for k in result.katas if k.status is not Status.PASSED), None)
    if upcoming is not None:
        path = _shown(upcoming.kata.source(result.root))
        line.append(f" Next: {upcoming.kata.name} — {path}")
    return line


def _details(kata: KataResult, root: Path, *, verbose: bool) -> Group:
    source = _shown(kata.kata.source(root))
    parts: list[Text | Padding] = [
        Text.assemble((kata.kata.name, "bold"), f" — {kata.kata.title}  ({source})")
    ]
    failures = [t for t in kata.tests if t.outcome != "passed"]
    if kata.status in (Status.ERROR, Status.TIMEOUT) or not failures:
        parts.append(Padding(Text(kata.message), (0, 0, 0, 2)))
    shown = failures if verbose else [kata.first_failure] if kata.first_failure else []
    for test in shown:
        parts.append(Padding(_test(test), (0, 0, 0, 2)))
    if kata.type_errors:
        errors = Text("mypy --strict:\n", "bold")
        errors.append("\n".join(e.render(Path.cwd()) for e in kata.type_errors))
        parts.append(Padding(errors, (0, 0, 0, 2)))
    return Group(*parts)


def _test(test: TestResult) -> Text:
    text = Text(f"✗ {test.name}\n", "red")
    text.append(test.message + "\n", "bold")
    if test.expected is not None:
        text.append("expected: ", "green")
        text.append(f"{test.expected}\n")
        text.append("actual:   ", "red")
        text.append(f"{test.actual}\n")
    elif test.detail:
        text.append(test.detail + "\n", "dim")
    if test.where:
        text.append(f"raised at {_shown(Path(test.where['file']))}:{test.where['line']} "
                    f"in {test.where['function']}()\n", "dim")
    if test.case:
        text.append(test.case + "\n")
    if test.output:
        text.append("your output:\n", "dim")
        text.append(test.output + "\n")
    text.rstrip()
    return text


def _shown(path: Path) -> str:
    for base in (Path.cwd(), REPO):
        try:
            return str(path.resolve().relative_to(base))
        except ValueError:
            continue
    return str(path)
