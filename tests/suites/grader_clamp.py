"""A grader of the "tests" kind for probe.test_clamp: the learner's tests against clamp()s."""

from pathlib import Path

import pytest

import probe
from engine import suites

IMPLS = Path(__file__).parent / "impls"
TESTS = Path(probe.__file__).parent / "suite_clamp.py"  # not test_*.py: the library's own run must not collect it
WHEATS = {"correct": "min/max", "correct_branches": "if/else"}
CHAFFS = {"ignores_high": "values above high are not clamped",
          "accepts_low_above_high": "low > high is not refused"}


@pytest.mark.parametrize("wheat", WHEATS)
def test_passes_on_correct_code(wheat: str) -> None:
    run = suites.run_suite(TESTS, "probe.clamp", IMPLS / f"{wheat}.py")
    problem = suites.wheat_failures(run, WHEATS[wheat])
    assert problem is None, problem


@pytest.mark.chaff
@pytest.mark.parametrize("chaff", CHAFFS)
def test_catches(chaff: str) -> None:
    run = suites.run_suite(TESTS, "probe.clamp", IMPLS / f"{chaff}.py")
    assert run.caught, f"your tests miss a bug: {CHAFFS[chaff]} — every test passed on it"


def test_a_fixture_of_your_own_sets_up_the_case() -> None:
    run = suites.run_suite(TESTS, "probe.clamp", IMPLS / "correct.py")
    assert any(t.fixtures for t in run.collected), "use a fixture of your own (a @pytest.fixture in your file)"
    assert any(t.parametrized for t in run.collected), "carry the case table with @pytest.mark.parametrize"
