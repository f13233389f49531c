"""Every grader against what it must accept and what it must reject.

- the reference solutions pass, tests and ``mypy --strict`` alike;
- the untouched stubs are *not started*, and type-check;
- every mutant (a plausible learner bug, ``tests/mutants/<pkg>/<kata>/<bug>.py``) fails.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from engine import catalog

CATALOG = catalog.load()
MUTANTS = catalog.REPO / "tests" / "mutants"
DAYS = [pytest.param(day, id=day.session) for day in CATALOG.graded_days]
MUTANT_CASES = [
    pytest.param(kata, path, id=f"{kata.id}:{path.stem}")
    for kata in CATALOG.katas
    for path in kata.mutants
]


@pytest.mark.parametrize("day", DAYS)
def test_reference_solutions_pass(day: catalog.Day, grade) -> None:  # type: ignore[no-untyped-def]
    graded = grade(day.session, "--solutions")
    assert graded.exit_code == 0, graded.explain()
    assert {k["status"] for k in graded.results["katas"]} == {"passed"}, graded.explain()
    covered = {line for k in graded.results["katas"] for line in k["plan_items"]}
    assert covered == set(day.checklist), "results.json lists every plan line of the day"


@pytest.mark.parametrize("day", DAYS)
def test_untouched_stubs_are_not_started(day: catalog.Day, grade) -> None:  # type: ignore[no-untyped-def]
    graded = grade(day.session)
    assert graded.exit_code == 1, graded.explain()
    statuses = {k["id"]: k["status"] for k in graded.results["katas"]}
    assert set(statuses.values()) == {"not_started"}, graded.explain()
    mypy = [t for t in graded.results["tests"] if t["name"].endswith("::mypy --strict")]
    assert not mypy, f"stubs must type-check: {mypy}"


# What a learner must never read in a report: grader internals, in place of spec words.
INTERNALS = re.compile(
    r"graders[./]\w+|<locals>| at 0x[0-9a-f]+|\bFailed: |/pytest-of-|^\s*`.*\[unused-ignore\]|\+ +where "
    r"|^\s*assert .* (?:in|==) ",
    re.M,
)


@pytest.mark.parametrize(("kata", "mutant"), MUTANT_CASES)
def test_mutant_is_rejected_in_spec_words(kata: catalog.Kata, mutant: Path, grade_kata, mirror) -> None:  # type: ignore[no-untyped-def]
    root = mirror(CATALOG.day(kata.day), {kata.name: mutant})
    result = grade_kata(kata, root)
    bug = _bug(kata, mutant)
    assert result.status.value == "failed", (
        f"the grader must reject this bug ({bug}), got {result.status.value}: {result.message}"
    )
    shown = _verbose_report(result, root).replace(str(root), "<your katas>")
    assert not INTERNALS.findall(shown), f"grader internals in the report: {INTERNALS.findall(shown)}\n{shown}"
    predicts = _predict_checks(kata.grader)
    leaked = [t.name for t in result.tests if t.name.partition("[")[0] in predicts and t.expected is not None]
    assert not leaked, f"a prediction's answer is shown: {leaked}"


def _bug(kata: catalog.Kata, mutant: Path) -> str:
    """A mutant's one-line description: its docstring, or a file kata's first comment."""
    if mutant.is_dir():  # a project's mutant: its first module's docstring
        mutant = next(iter(sorted(mutant.rglob("*.py"))), mutant)
        if mutant.is_dir():
            return mutant.name
    text = mutant.read_text(encoding="utf-8")
    if mutant.suffix == ".py":
        return (text.split('"""')[1:2] or [mutant.stem])[0].strip()
    if mutant.suffix == ".md":  # Markdown: `#` is a heading, the bug is its first HTML comment
        return (re.findall(r"<!--(.*?)-->", text, flags=re.S)[:1] or [mutant.stem])[0].strip()
    return next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")), mutant.stem)


def _predict_checks(grader: Path) -> set[str]:
    """Names of the grader's checks marked ``@pytest.mark.predict``."""
    import ast

    tree = ast.parse(grader.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and any("mark.predict" in ast.unparse(d) for d in node.decorator_list)
    }


def _verbose_report(result, root: Path) -> str:  # type: ignore[no-untyped-def]
    from rich.console import Console

    from engine import report

    console = Console(file=io.StringIO(), width=10_000, color_system=None)
    console.print(report.details(result, root, verbose=True))
    return console.file.getvalue()  # type: ignore[attr-defined]
