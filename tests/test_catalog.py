"""The catalog is consistent with the plan and with the files on disk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine import catalog

CATALOG = catalog.load()
REPO = catalog.REPO
PLAN = REPO.parent / "shared" / "study-plan.md"
KATAS = [pytest.param(k, id=k.id) for k in CATALOG.katas]


def test_the_catalog_carries_the_whole_plan_checklist() -> None:
    lines = [line for day in CATALOG.days for line in day.checklist]
    assert len(lines) == 146, "the study plan has 146 checklist lines"
    sessions = [day.session for day in CATALOG.days]
    expected = [f"day{n}" for n in ("1 2 3 4 4.1 5 6 7 8 9 10 11 12 13 14".split())]
    assert sessions == [*expected, "final", "interview"], "days in plan order"


@pytest.mark.skipif(not PLAN.exists(), reason="the shared study plan is not beside this clone")
def test_the_catalog_copy_matches_the_study_plan() -> None:
    plan = re.findall(r"^- \[ \] (.*)$", PLAN.read_text(encoding="utf-8"), flags=re.M)
    assert [line for day in CATALOG.days for line in day.checklist] == plan


@pytest.mark.parametrize("day", CATALOG.graded_days, ids=lambda d: d.session)
def test_every_checklist_line_of_a_graded_day_is_covered(day: catalog.Day) -> None:
    missing = [line for line in day.checklist if not CATALOG.covering(day, line)]
    assert not missing, f"{day.session}: no kata covers {missing}"


@pytest.mark.parametrize("kata", KATAS)
def test_a_kata_covers_only_lines_of_its_day(kata: catalog.Kata) -> None:
    day = CATALOG.day(kata.day)
    unknown = [line for line in kata.covers if line not in day.checklist]
    assert kata.covers and not unknown, f"{kata.id} covers lines its day does not have: {unknown}"


@pytest.mark.parametrize("kata", KATAS)
def test_a_kata_has_its_mirrored_files(kata: catalog.Kata) -> None:
    for path in (kata.source(REPO / "katas"), kata.source(REPO / "solutions"), kata.grader):
        assert path.is_dir() if kata.is_project and path != kata.grader else path.is_file(), (
            f"{kata.id}: {path.relative_to(REPO)} is missing"
        )
    mutants = kata.mutants
    assert len(mutants) >= 3, f"{kata.id}: needs at least 3 mutants, has {len(mutants)}"


@pytest.mark.parametrize("kata", KATAS)
def test_a_kata_has_three_tiers_of_hints(kata: catalog.Kata) -> None:
    assert len(kata.hints) == 3 and all(h.strip() for h in kata.hints), kata.id


def test_kata_names_are_unique_within_a_day() -> None:
    for day in CATALOG.days:
        names = [k.name for k in day.katas]
        assert len(names) == len(set(names)), f"{day.session}: duplicate kata names"


@pytest.mark.parametrize("root", ["katas", "solutions"])
def test_no_module_lies_outside_the_catalog(root: str) -> None:
    known = {k.source(REPO / root) for k in CATALOG.katas}
    known |= {path for k in CATALOG.katas if (path := k.subject_source(REPO / root)) is not None}
    on_disk = {p for p in (REPO / root).glob("*/*.py") if p.name != "__init__.py"}
    assert on_disk <= known, f"not in catalog.toml: {sorted(map(str, on_disk - known))}"


def test_a_kata_may_also_cover_lines_of_another_day(tmp_path: Path) -> None:
    """also_covers ticks another day's line; a line that day does not have is refused."""
    entry = tmp_path / "catalog.toml"
    head = '[[day]]\nsession = "day4"\ntitle = "OOP"\nchecklist = ["MRO"]\n\n'
    interview = '[[day]]\nsession = "interview"\ntitle = "Interview"\nchecklist = ["Explain MRO"]\n'
    kata = '[[day.kata]]\nname = "mro_trace"\ntitle = "MRO"\ncovers = ["MRO"]\nalso_covers = {{ interview = ["{line}"] }}\n\n'
    entry.write_text(head + kata.format(line="Explain MRO") + interview)
    loaded = catalog.load(entry)
    (mro,) = loaded.day("day4").katas
    assert loaded.covering(loaded.day("interview"), "Explain MRO") == [mro]
    entry.write_text(head + kata.format(line="Explain MRO!") + interview)
    with pytest.raises(catalog.CatalogError, match="also_covers interview"):
        catalog.load(entry)
