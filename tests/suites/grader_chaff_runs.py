"""A probe grader for engine/suites.py itself: a run against a chaff stops at its first catch."""

from pathlib import Path

import probe
from engine import suites

IMPLS = Path(__file__).parent / "impls"
TESTS = Path(probe.__file__).parent / "suite_clamp.py"


def test_a_run_against_a_chaff_stops_at_its_first_catch() -> None:
    chaff = IMPLS / "ignores_high.py"
    full = suites.run_suite(TESTS, "probe.clamp", chaff)
    stopped = suites.run_suites(TESTS, "probe.clamp", [chaff], chaffs=[chaff])[chaff]
    assert full.caught and len(full.passed) >= 1, "the probe suite catches the chaff before its last test"
    assert stopped.caught and list(stopped.failed) == list(full.failed)[:1], (stopped, full)
    # The test caught it, and nothing after it ran: what passed is what ran before it.
    before = [t.name for t in full.collected][: [t.name for t in full.collected].index(next(iter(full.failed)))]
    assert stopped.passed == before, (stopped, full)
    assert len(stopped.collected) == len(full.collected), "collection is whole either way"
