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
    names = [t.name for t in full.collected]
    first = next(iter(full.failed))
    assert full.caught and names.index(first) < len(names) - 1, "the probe suite catches it before its last test"
    assert stopped.caught and list(stopped.failed) == [first], (stopped, full)
    assert stopped.passed == names[: names.index(first)], "nothing after the catch ran"
    assert len(stopped.collected) == len(full.collected), "collection is whole either way"
