"""The learner's tests of day11.notifier, run against correct and subtly broken notifiers."""

from __future__ import annotations

from pathlib import Path

import pytest

import day11
from engine import suites
from engine.catalog import REPO

SUBJECT = "day11.notifier"
TESTS = Path(day11.__file__).parent / "test_notifier.py"
REFERENCE = REPO / "solutions" / "day11" / "notifier.py"
IMPLS = Path(__file__).parent / "impls" / "notifier"
WHEATS = {"reference": (REFERENCE, "the reference notifier.py")} | {
    path.stem.removeprefix("wheat_"): (path, suites.described(path))
    for path in sorted(IMPLS.glob("wheat_*.py"))
}
CHAFFS = sorted(path.stem.removeprefix("chaff_") for path in IMPLS.glob("chaff_*.py"))


# Every implementation in one session, at the first check that needs a run (engine/suites.py):
# that check may take a learner test's 1 s limit once per implementation, hence its own limit.
pytestmark = pytest.mark.timeout(30)
_run = suites.batched(
    TESTS, SUBJECT, [REFERENCE, *sorted(IMPLS.glob("*.py"))], chaffs=[IMPLS / f"chaff_{c}.py" for c in CHAFFS]
)


def _bug(chaff: str) -> str:
    """The chaff's one-line docstring: the behaviour the learner's suite must catch."""
    bug = suites.described(IMPLS / f"chaff_{chaff}.py")
    return bug[0].lower() + bug[1:] if bug[:2].istitle() else bug  # "The wait…" reads "the wait…"


@pytest.mark.parametrize("wheat", WHEATS)
def test_passes_on_correct_code(wheat: str) -> None:
    """Every test of yours passes on every correct notifier."""
    path, description = WHEATS[wheat]
    run = _run(path)
    problem = suites.wheat_failures(run, description.removeprefix("Correct: ").rstrip("."))
    assert problem is None, problem


@pytest.mark.chaff
@pytest.mark.parametrize("chaff", CHAFFS)
def test_catches(chaff: str) -> None:
    """Some test of yours fails on each broken notifier."""
    run = _run(IMPLS / f"chaff_{chaff}.py")
    assert run.caught, f"your tests miss a bug: {_bug(chaff)} — every test passed on it"


def test_the_tests_are_async() -> None:
    """notify() and notify_all() are tested in async tests run by pytest-asyncio."""
    run = _run(REFERENCE)
    assert any(test.asynchronous for test in run.collected), (
        "test the coroutines in async tests: `async def test_...` marked @pytest.mark.asyncio "
        "(not asyncio.run() inside a plain test)"
    )


def test_nothing_waits_for_real() -> None:
    """Every Notifier that retries in your tests gets a fake sleep: none waits with asyncio.sleep."""
    run = _run(IMPLS / "probe_real_sleep.py")
    name, why = next(iter(run.failed.items()), ("", ""))  # what fails here passes on the reference
    assert not run.failed, (
        f"{name} lets a Notifier wait between attempts with the real asyncio.sleep: pass "
        f"sleep=AsyncMock() (or another fake) to every Notifier that may retry — {why}"
    )
