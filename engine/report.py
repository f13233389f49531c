"""What the learner reads after a grade: a line per kata, then the first problem in full.

Rendered with rich, which drops colour by itself when stdout is not a terminal. Learner text
(messages, output) always goes in as ``Text``, never as markup, so brackets in it are safe.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.text import Text

from engine.grade import DayResult, KataResult, Status, shown
from engine.runner import TestResult

LABELS = {
    Status.PASSED: ("passed", "bold green"),
    Status.FAILED: ("failed", "bold red"),
    Status.NOT_STARTED: ("not started", "yellow"),
    Status.ERROR: ("error", "bold magenta"),
    Status.TIMEOUT: ("timed out", "bold magenta"),
}
LABEL_WIDTH = max(len(label) for label, _ in LABELS.values())


def render(result: DayResult, console: Console, *, verbose: bool = False) -> None:
    day = result.day
    console.print(Text.assemble((f"{day.label} — {day.title}", "bold"), f"  ·  grading {shown(result.root / day.package)}"))
    name_width = max(len(k.kata.name) for k in result.katas)
    for kata in result.katas:
        console.print(kata_line(kata, name_width))

    problems = [k for k in result.katas if k.status not in (Status.PASSED, Status.NOT_STARTED)]
    for kata in problems if verbose else problems[:1]:
        console.print()
        console.print(details(kata, result.root, verbose=verbose))
    if problems and not verbose and (hidden := _hidden(problems)):
        console.print(Text(f"  (-v shows {hidden})", "dim"))

    console.print()
    console.print(summary(result))


def _hidden(problems: list[KataResult]) -> str:
    """What the default report leaves out: ``2 more failed checks and 1 more kata in full``."""
    checks = sum(t.outcome != "passed" for t in problems[0].tests) - (problems[0].first_failure is not None)
    parts = [f"{checks} more failed check{'s' * (checks != 1)}"] if checks else []
    parts += [f"{len(problems) - 1} more kata{'s' * (len(problems) != 2)} in full"] if len(problems) > 1 else []
    return " and ".join(parts)


def kata_line(kata: KataResult, name_width: int) -> Text:
    """``  passed       timed          Timing decorator``: status, name, title or message."""
    label, style = LABELS[kata.status]
    line = Text("  ")
    line.append(label.ljust(LABEL_WIDTH), style)
    line.append(f"  {kata.kata.name.ljust(name_width)}  ")
    if kata.status in (Status.PASSED, Status.NOT_STARTED):
        line.append(kata.kata.title, "dim")
    else:
        line.append(kata.message)
    return line


def summary(result: DayResult) -> Text:
    passed = sum(k.status is Status.PASSED for k in result.katas)
    line = Text(f"{result.day.label}: {passed} of {len(result.katas)} katas passed.", "bold")
    upcoming = next((k for k in result.katas if k.status is not Status.PASSED), None)
    if upcoming is not None:
        path = shown(upcoming.kata.source(result.root))
        line.append(f" Next: {upcoming.kata.name} — {path}")
        if upcoming.status is Status.FAILED and upcoming.kata.hints:
            line.append(f"  (stuck? nox -s hint -- {upcoming.kata.id})", "dim")
    return line


def details(kata: KataResult, root: Path, *, verbose: bool) -> Text:
    text = Text.assemble((kata.kata.name, "bold"), f" — {kata.kata.title}  ({shown(kata.kata.source(root))})\n")
    failures = [t for t in kata.tests if t.outcome == "failed"]
    if kata.status in (Status.ERROR, Status.TIMEOUT) or not failures:
        text.append(_indent(kata.message) + "\n")
    first = kata.first_failure
    for test in failures if verbose else [first] if first else []:
        text.append_text(_test(test))
    for title, errors in (("mypy --strict", kata.own_type_errors), ("type expectations", kata.case_type_errors)):
        if errors and kata.status is Status.FAILED:
            text.append(f"  {title}:\n", "bold")
            text.append("\n".join("    " + e.render(Path.cwd()) for e in errors) + "\n")
    if kata.status is Status.FAILED and kata.kata.hints:
        text.append(f"  stuck? nox -s hint -- {kata.kata.id}\n", "dim")
    text.rstrip()
    return text


def _indent(block: str, by: str = "  ") -> str:
    return "\n".join(by + line for line in block.splitlines())


def _test(test: TestResult) -> Text:
    rule = test.rule or test.name.partition("[")[0].removeprefix("test_").replace("_", " ")
    text = Text(f"  ✗ {rule}\n", "red")
    text.append(_indent(test.message, "    ") + "\n", "bold")
    if test.expected is not None:
        text.append("    expected: ", "green")
        text.append(f"{test.expected}\n")
        text.append("    actual:   ", "red")
        text.append(f"{test.actual}\n")
    elif test.actual is not None:  # a prediction: what the learner said, never the answer
        text.append("    you said: ", "red")
        text.append(f"{test.actual}\n")
    if test.where:
        place = f"{shown(Path(test.where['file']))}:{test.where['line']}"
        text.append(f"    raised at {place} in {test.where['function']}()\n", "dim")
    if test.case:
        text.append(_indent(test.case, "    ") + "\n")
    if test.output:
        text.append("    your output:\n", "dim")
        text.append(_indent(test.output, "      ") + "\n")
    return text
