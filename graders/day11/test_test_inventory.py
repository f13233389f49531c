"""Grader of day11.test_inventory: the learner's tests against correct and broken inventories.

Each check runs the learner's ``test_inventory.py`` once, with one implementation of
``day11.inventory`` swapped in (engine/suites.py): the reference and two correct versions
built differently must pass every test; each broken version ("chaff", one bug each, described
by its module docstring) must fail at least one. The fixture-with-teardown and parametrize
rules are read from what pytest collected.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import day11
from engine import suites
from engine.catalog import REPO

SUBJECT = "day11.inventory"
TESTS = Path(day11.__file__).parent / "test_inventory.py"
REFERENCE = REPO / "solutions" / "day11" / "inventory.py"
IMPLS = Path(__file__).parent / "impls" / "inventory"


WHEATS = {"reference": REFERENCE} | {p.stem: p for p in sorted(IMPLS.glob("wheat_*.py"))}
CHAFFS = {p.stem.removeprefix("chaff_"): p for p in sorted(IMPLS.glob("chaff_*.py"))}


# Every implementation in one session, at the first check that needs a run (engine/suites.py):
# that check may take a learner test's 1 s limit once per implementation, hence its own limit.
pytestmark = pytest.mark.timeout(30)
_run = suites.batched(TESTS, SUBJECT, [REFERENCE, *WHEATS.values(), *CHAFFS.values()], chaffs=CHAFFS.values())


def _how(wheat: str) -> str:
    if wheat == "reference":
        return "the reference inventory.py"
    return suites.described(WHEATS[wheat]).removeprefix("Correct: ")


@pytest.mark.parametrize("wheat", WHEATS)
def test_passes_on_correct_code(wheat: str) -> None:
    """Every test of yours passes on every correct inventory, however it is built."""
    run = _run(WHEATS[wheat])
    problem = suites.wheat_failures(run, _how(wheat))
    assert problem is None, problem


@pytest.mark.chaff
@pytest.mark.parametrize("chaff", CHAFFS)
def test_catches(chaff: str) -> None:
    """Some test of yours fails on each broken inventory."""
    run = _run(CHAFFS[chaff])
    bug = suites.described(CHAFFS[chaff])
    assert run.caught, f"your tests miss a bug: {bug} — every test passed on it"


def test_a_fixture_of_yours_opens_and_closes_the_inventory() -> None:
    """Some test uses a fixture of your own that tears down (code after its ``yield``)."""
    run = _run(REFERENCE)
    own = {name for test in run.collected for name in test.fixtures}
    tearing_down = {name for test in run.collected for name, down in test.fixtures.items() if down}
    returning = f" — your fixtures ({', '.join(sorted(own))}) return, not yield" if own else ""
    assert tearing_down, (
        "write a fixture that opens the inventory in tmp_path, yields it and closes it after the "
        f"test (code after `yield`), and use it in your tests{returning}"
    )


def test_a_parametrized_table_of_at_least_three_cases() -> None:
    """One test function of yours is parametrized with at least three cases."""
    run = _run(REFERENCE)
    cases: dict[str, int] = {}
    for test in run.collected:
        if test.parametrized:
            function = test.name.partition("[")[0]
            cases[function] = cases.get(function, 0) + 1
    most = max(cases.values(), default=0)
    found = f"your largest table has {most}" if most else "no test of yours is parametrized"
    assert most >= 3, f"put at least three cases in one @pytest.mark.parametrize table — {found}"
