"""Every grader against what it must accept and what it must reject.

- the reference solutions pass, tests and ``mypy --strict`` alike;
- the untouched stubs are *not started*, and type-check;
- every mutant (a plausible learner bug, ``tests/mutants/<pkg>/<kata>/<bug>.py``) fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import catalog

CATALOG = catalog.load()
MUTANTS = catalog.REPO / "tests" / "mutants"
DAYS = [pytest.param(day, id=day.session) for day in CATALOG.graded_days]
MUTANT_CASES = [
    pytest.param(kata, path, id=f"{kata.id}:{path.stem}")
    for kata in CATALOG.katas
    for path in sorted((MUTANTS / kata.package / kata.name).glob("*.py"))
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


@pytest.mark.parametrize(("kata", "mutant"), MUTANT_CASES)
def test_mutant_is_rejected(kata: catalog.Kata, mutant: Path, grade_kata, mirror) -> None:  # type: ignore[no-untyped-def]
    root = mirror(CATALOG.day(kata.day), {kata.name: mutant})
    result = grade_kata(kata, root)
    bug = (mutant.read_text().split('"""')[1:2] or [mutant.stem])[0].strip()
    assert result.status.value == "failed", (
        f"the grader must reject this bug ({bug}), got {result.status.value}: {result.message}"
    )
