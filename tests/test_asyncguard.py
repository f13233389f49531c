"""The engine names asyncio mistakes in learner code in plain words (engine/asyncguard.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from engine import runner

HERE = Path(__file__).parent / "asyncguard"


@dataclass(frozen=True)
class Probe:
    """Just what a grading job needs of a kata."""

    package: str = "probe"
    name: str = "misuse"
    id: str = "probe.misuse"
    grader: Path = HERE / "grader_misuse.py"


EXPECTED = {
    "test_blocks": r"^time\.sleep\(\) blocks the event loop \(called at .*probe/misuse\.py:10\): .*asyncio\.sleep\(\).*asyncio\.to_thread\(\)",
    "test_blocks_and_swallows": r"^time\.sleep\(\) blocks the event loop \(called at .*probe/misuse\.py:16\)",
    "test_reads_real_clock": r"^time\.monotonic\(\) reads the real clock inside a coroutine .*asyncio\.get_running_loop\(\)\.time\(\)",
    "test_forgets_await": r"^the coroutine save\(\) was called but never awaited",
    "test_forgets_await_on_library": r"^the coroutine Queue\.put\(\) was called but never awaited",
    "test_fire_and_forget": r"^a task failed and nobody retrieved its exception \(ValueError: lost\)",
    "test_abandons_after_failure": r"ValueError: lost",
    "test_drops_its_task": r"^a task was garbage-collected while still running: .*keep your own",
}


def test_asyncio_mistakes_fail_their_check_in_plain_words(pool) -> None:  # type: ignore[no-untyped-def]
    result = pool.grade([runner.Job(Probe(), HERE / "root", 5.0)])  # type: ignore[arg-type]
    (file_result,) = result.values()
    tests = {t.nodeid.rpartition("::")[2]: t for t in file_result.tests}
    assert len(tests) == 14 and file_result.complete, file_result
    for name, test in tests.items():
        if name in EXPECTED:
            assert test.outcome == "failed" and re.search(EXPECTED[name], test.message or ""), (name, test)
        else:
            assert test.outcome == "passed", (name, test)
