"""Learner code that hangs, exits or does not import: the day's report still completes.

Each fault replaces the first kata of a graded day that has at least two katas; the rest of
the day is the reference solution and must still pass, and results.json must be written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import catalog

CATALOG = catalog.load()

FAULTS = Path(__file__).parent / "faults"
DAY = next(day for day in CATALOG.graded_days if len(day.katas) >= 2)
VICTIM, *BYSTANDERS = DAY.katas
LIMIT = 3.0  # per-test time limit for these runs, to keep the hangs short

# fault file -> (status the victim must get, words its message must contain)
EXPECTED = {
    "busy_loop": ("timeout", "did not finish within"),
    "bare_except_loop": ("timeout", "did not finish within"),
    "sys_exit": ("failed", "sys.exit(3)"),
    "os_exit": ("error", "os._exit()"),
    "syntax_error": ("error", "line 4"),
    "import_error": ("error", "no_such_module_for_katas"),
    "import_time_exception": ("error", "KeyError"),
    "import_time_loop": ("timeout", "importing your module"),
    "import_time_exit": ("error", "while importing your module"),
    "lingering_thread": ("failed", "checks pass"),  # the point: the grade still ends
    "busy_workers": ("timeout", "did not finish within"),
    "memory_hog": ("failed", "MemoryError"),
}


@pytest.mark.parametrize("fault", sorted(EXPECTED))
def test_fault_is_named_and_the_rest_of_the_day_is_graded(fault: str, grade, mirror) -> None:  # type: ignore[no-untyped-def]
    root = mirror(DAY, {VICTIM.name: FAULTS / f"{fault}.py"})
    graded = grade(DAY.session, "--root", str(root), timeout=LIMIT)

    status, words = EXPECTED[fault]
    victim = graded.kata(VICTIM.id)
    assert victim["status"] == status, graded.explain()
    assert words in victim["message"], graded.explain()
    assert "Traceback" not in graded.stdout + graded.stderr, graded.explain()
    for kata in BYSTANDERS:
        assert graded.status(kata.id) == "passed", graded.explain()
    assert graded.exit_code == 1, graded.explain()
    if fault == "busy_workers":  # only this fault starts them (other tests run in parallel)
        assert not _stray_workers(), "processes the learner's code started must not outlive the grade"


def _stray_workers() -> list[str]:
    """Command lines of running processes started by the busy_workers fault."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "kata-fault-worker" in text and "pytest" not in text:
            found.append(text)
    return found
