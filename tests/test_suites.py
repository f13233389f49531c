"""Graders of the "tests" kind run the learner's suite against correct and buggy code
(engine/suites.py): a probe grader over four learner suites."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from engine import runner

HERE = Path(__file__).parent / "suites"


@dataclass(frozen=True)
class Probe:
    """Just what a grading job needs of a kata."""

    package: str = "probe"
    name: str = "test_clamp"
    id: str = "probe.test_clamp"
    grader: Path = HERE / "grader_clamp.py"


def outcomes(pool, suite: str, probe: Probe = Probe()) -> dict[str, tuple[str, str, bool]]:  # type: ignore[no-untyped-def]
    (result,) = pool.grade([runner.Job(probe, HERE / suite, 10.0, preimport=False)]).values()
    assert result.complete, result
    return {t.name: (t.outcome, t.kind, t.message, t.chaff) for t in result.tests}


def test_a_good_suite_passes_on_wheats_and_catches_every_chaff(pool) -> None:  # type: ignore[no-untyped-def]
    found = outcomes(pool, "good")
    assert len(found) == 5 and all(outcome == "passed" for outcome, *_ in found.values()), found
    assert sum(chaff for *_, chaff in found.values()) == 2


def test_an_untouched_stub_is_not_started(pool) -> None:  # type: ignore[no-untyped-def]
    found = outcomes(pool, "stub")
    assert all(kind == "not_implemented" for _, kind, *_ in found.values()), found


def test_a_suite_that_asserts_nothing_catches_no_chaff(pool) -> None:  # type: ignore[no-untyped-def]
    found = outcomes(pool, "silent")
    for name, (outcome, _kind, message, chaff) in found.items():
        if chaff:
            assert outcome == "failed" and message.startswith("your tests miss a bug: "), (name, message)
        else:
            assert outcome == "passed", (name, message)


@pytest.mark.parametrize("wheat", ["correct", "correct_branches"])
def test_a_suite_failing_on_correct_code_names_the_test(pool, wheat: str) -> None:  # type: ignore[no-untyped-def]
    outcome, _kind, message, _chaff = outcomes(pool, "wrong")[f"test_passes_on_correct_code[{wheat}]"]
    assert outcome == "failed" and message.startswith("test_clamps fails on a correct implementation"), message


def test_a_test_that_hangs_on_a_chaff_has_caught_it(pool) -> None:  # type: ignore[no-untyped-def]
    """Each learner test has its own time limit: a hang fails that test, not the grade."""
    found = outcomes(pool, "patient")
    assert all(outcome == "passed" for outcome, *_ in found.values()), found


def test_a_run_against_a_chaff_stops_at_its_first_catch(pool) -> None:  # type: ignore[no-untyped-def]
    """One failing test is all "caught" needs: the rest of that chaff's run is not run."""
    found = outcomes(pool, "good", Probe(grader=HERE / "grader_chaff_runs.py"))
    assert len(found) == 1 and all(outcome == "passed" for outcome, *_ in found.values()), found
