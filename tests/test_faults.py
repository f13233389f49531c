"""Learner code that misbehaves: only its own kata's verdict changes, in plain words.

Each fault replaces the first kata of a solved day (Day 1 or Day 7); the rest of the day is
the reference solution and must still pass. Every run must also write results.json, keep its
output small, leave no process behind and leave the learner's files byte-identical.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from engine import catalog

CATALOG = catalog.load()
FAULTS = Path(__file__).parent / "faults"
DAYS = [CATALOG.day("day1"), CATALOG.day("day7")]
LIMIT = 2.0  # per-check time limit for these runs, to keep the hangs short
FILE_LINE = r"\S+/day\d+/\w+\.py:\d+"

# fault file -> (status the victim must get, regex its message must match); both are regexes
EXPECTED = {
    "busy_loop": ("timeout", rf"test_\w+: did not finish within its {LIMIT:g} s time limit; stopped in spin\(\) at {FILE_LINE}"),
    "bare_except_loop": ("timeout", rf"test_\w+ did not finish within its {LIMIT:g} s time limit .*; it was at {FILE_LINE}"),
    "alarm_ignored": ("timeout", rf"test_\w+ did not finish within its {LIMIT:g} s time limit"),
    "busy_workers": ("timeout", rf"did not finish within its {LIMIT:g} s time limit"),
    "sys_exit": ("failed", rf"your code called sys\.exit\(3\) at {FILE_LINE} during this check"),
    "os_exit": ("error", rf"os\._exit\(0\) at {FILE_LINE} during test_\w+"),
    # Under load the timer may fire while pytest is still importing the grader: both name it.
    "exit_timer": ("error", r"os\._exit\(3\) (?:during test_\w+|while the grader imported your module)"),
    "segfault": ("error", rf"segmentation fault \(signal 11\) in {FILE_LINE} during test_\w+"),
    "keyboard_interrupt": ("error", rf"KeyboardInterrupt at {FILE_LINE} during test_\w+"),
    "sigint_self": ("error", r"KeyboardInterrupt .*during test_\w+"),
    "interrupt_main": ("error", r"KeyboardInterrupt .*during test_\w+"),
    "pytest_exit": ("error", rf"your code called pytest\.exit\(\) at {FILE_LINE} during test_\w+"),
    "unittest_skip": ("failed", r"skipped \(not today\): a kata's checks cannot be skipped"),
    "broken_str": ("failed", r"BrokenStr"),
    # The headline is a spec sentence when some check states one; the raw error otherwise.
    "broken_notes": ("failed", r"checks pass — .*(?:ValueError: bad value|.)"),
    # The point: the report stays small (on a loaded machine, formatting 20 MB may overrun 2 s).
    "huge_message": ("failed|timeout", r"checks pass — |time limit"),
    "memory_hog": ("failed", r"MemoryError"),
    "lingering_thread": ("failed", r"checks pass"),  # the point: the grade still ends
    # Graded on its own (watch grades the saved kata first), the spinning thread has a core to
    # itself and can keep the checks from the GIL past the limit: a timeout is as right there.
    "starving_thread": ("failed|timeout", r"checks pass|did not finish"),
    "global_monkeypatch": ("failed", r"checks pass"),
    # A grader that runs the kata in a subprocess waits for its output pipe, which the
    # sleepers the subprocess started hold open: a timeout is as right as a failure there.
    "sleepers": ("failed|timeout", r"checks pass|did not finish"),
    "forked_sleepers": ("failed|timeout", r"checks pass|did not finish"),
    "setsid_daemon": ("failed|timeout", r"checks pass|did not finish"),
    "garbage_events": ("failed", r"checks pass"),
    "relative_write": ("failed", r"checks pass"),
    "syntax_error": ("error", r"SyntaxError: .*line 4\)"),
    "import_error": ("error", r"no_such_module_for_katas"),
    "import_time_exception": ("error", rf"KeyError: 'timeout' at {FILE_LINE} while importing"),
    "import_time_loop": ("timeout", rf"importing your module took longer than {LIMIT:g} s"),
    "import_time_exit": ("error", rf"os\._exit\(1\) at {FILE_LINE} while importing your module"),
    "import_time_sys_exit": ("error", rf"(?:^|  )sys\.exit\(0\) at {FILE_LINE} while importing$"),
    "stdin_read": ("error", rf"read from standard input while importing at {FILE_LINE}"),
    "deep_recursion": ("error", rf"deep recursion while importing at {FILE_LINE}"),
    "latin1": ("error", r"save \S+\.py as UTF-8: byte 0xe9 on line 1 is not UTF-8"),
    "utf16": ("error", r"save \S+\.py as UTF-8"),
}
# Every fault meets both days: watch (below) runs it on one, the grade command on the other;
# progress (at the end) grades them all again, four at a time.
WATCH_DAY = {fault: DAYS[n % 2] for n, fault in enumerate(sorted(EXPECTED))}
CASES = [
    pytest.param(day, fault, id=f"{day.session}-{fault}")
    for fault, watched in WATCH_DAY.items()
    for day in DAYS
    if day is not watched
]


def test_every_fault_file_is_graded() -> None:
    assert {p.stem for p in FAULTS.glob("*.py")} == set(EXPECTED)


@pytest.mark.parametrize(("day", "fault"), CASES)
def test_fault_changes_only_its_own_kata(day: catalog.Day, fault: str, grade, mirror, digest, leftovers) -> None:  # type: ignore[no-untyped-def]
    victim, *bystanders = day.katas
    root = mirror(day, {victim.name: FAULTS / f"{fault}.py"})
    before = digest(root)
    graded = grade(day.session, "--root", str(root), timeout=LIMIT)

    status, pattern = EXPECTED[fault]
    found = graded.kata(victim.id)
    assert re.fullmatch(status, found["status"]) and re.search(pattern, found["message"]), graded.explain()
    for kata in bystanders:
        assert graded.status(kata.id) == "passed", graded.explain()
    assert graded.exit_code == 1, graded.explain()
    assert "Traceback" not in graded.stdout + graded.stderr, graded.explain()
    assert len(graded.stdout) < 20_000 and graded.results_size < 100_000, "output stays small"
    assert leftovers(graded.mark) == [], "nothing the learner's code started outlives the grade"
    assert digest(root) == before, "the learner's files are left byte-identical"
    assert not (catalog.REPO / "kata-fault-relative.txt").exists(), "relative writes land in a private dir"
    assert not Path("~/kata-fault-home.txt").expanduser().exists(), "HOME is private to the grade"


def test_slow_but_correct_is_slow_not_wrong(grade, mirror, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """50 ms a call: over the limit under Hypothesis, and reported as slow, never as flaky."""
    day = CATALOG.day("day1")
    kata = day.kata("duck_typing")
    slow = tmp_path / "slow.py"
    slow.write_text(kata.source(catalog.REPO / "solutions").read_text() + SLOW_WRAPPER)
    # 40 Hypothesis examples at 50 ms: 2 s of honest work against a 1 s limit.
    graded = grade(day.session, kata.name, "--root", str(mirror(day, {kata.name: slow})), timeout=1.0)
    found = graded.kata(kata.id)
    assert found["status"] == "timeout", graded.explain()
    assert "did not finish within its 1 s time limit" in found["message"], graded.explain()
    assert not re.search("Flaky|Failing test case|falsifying", graded.stdout + graded.stderr, re.I), graded.explain()


SLOW_WRAPPER = '''

import functools as _functools
import time as _time
from typing import Any as _Any, Callable as _Callable


def _slowly(function: _Callable[..., _Any]) -> _Callable[..., _Any]:
    @_functools.wraps(function)
    def wrapper(*args: _Any, **kwargs: _Any) -> _Any:
        _time.sleep(0.05)
        return function(*args, **kwargs)

    return wrapper


as_list = _slowly(as_list)
'''


@pytest.mark.parametrize("header", ["# mypy: ignore-errors\n", "# type: ignore\n"])
def test_switching_mypy_off_inline_is_a_type_failure(header: str, grade, mirror, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kata = next(k for k in CATALOG.katas if not k.typecase.exists())
    day = CATALOG.day(kata.day)
    untyped = tmp_path / "untyped.py"
    untyped.write_text(header + kata.source(catalog.REPO / "solutions").read_text() + "\n\ndef helper(x):\n    return x\n")
    graded = grade(day.session, kata.name, "--root", str(mirror(day, {kata.name: untyped})))
    found = graded.kata(kata.id)
    assert found["status"] == "failed", graded.explain()
    assert "mypy --strict reports" in found["message"], graded.explain()
    assert re.search("inline mypy configuration|switches mypy off", graded.stdout), graded.explain()


# -- the same faults in watch and progress -----------------------------------------------------


@pytest.fixture(scope="module")
def warm_mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A mypy cache that has seen both days' solutions, to copy into fresh state dirs."""
    state = tmp_path_factory.mktemp("warm-state")
    env = {**os.environ, "KATA_STATE_DIR": str(state)}
    for day in DAYS:
        command = [sys.executable, "-m", "engine", "grade", day.session, "--solutions"]
        subprocess.run(command, cwd=catalog.REPO, env=env, capture_output=True, stdin=subprocess.DEVNULL, timeout=300, check=True)
    return state / "mypy-cache"


@pytest.fixture
def environment(warm_mypy_cache: Path, tmp_path: Path) -> tuple[dict[str, str], str]:
    """A fresh state dir (no stored results to hide a fault's effect), with a warm mypy cache."""
    mark = uuid.uuid4().hex
    shutil.copytree(warm_mypy_cache, tmp_path / "state" / warm_mypy_cache.name)
    env = {**os.environ, "KATA_STATE_DIR": str(tmp_path / "state"), "KATA_FAULT_MARK": mark}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env, mark


# Watch keeps one grading process for all its grades, so the faults meet it as a learner's
# saves do: one watch per day and six faults, each saved in turn as the first kata's file. Every
# save regrades the whole day in that one warm process (what a fault left behind meets every
# grade after it), and the solved file saved last must pass again.
def _in_sixes(day: catalog.Day) -> list[list[str]]:
    faults = [fault for fault, watched in WATCH_DAY.items() if watched is day]
    return [faults[n : n + 6] for n in range(0, len(faults), 6)]


WATCH_CASES = [pytest.param(day, group, id=f"{day.session}-" + "+".join(group)) for day in DAYS for group in _in_sixes(day)]


@pytest.mark.parametrize(("day", "faults"), WATCH_CASES)
def test_faults_saved_in_watch_change_only_their_own_kata(day: catalog.Day, faults: list[str], mirror, digest, leftovers, environment, read_until) -> None:  # type: ignore[no-untyped-def]
    victim, *bystanders = day.katas
    root = mirror(day)
    source = victim.source(root)
    solved = source.read_bytes()
    env, mark = environment
    watcher = subprocess.Popen(
        [sys.executable, "-m", "engine", "watch", day.session, "--root", str(root), "--timeout", str(LIMIT)],
        cwd=catalog.REPO, env=env, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    screens: list[str] = []
    try:
        assert watcher.stdout is not None
        screens.append(read_until(watcher.stdout, "Watching"))
        for fault in [*faults, None]:
            _save(source, solved if fault is None else (FAULTS / f"{fault}.py").read_bytes())
            before = digest(root)
            screen = read_until(watcher.stdout, "Watching")
            screens.append(screen)
            status, pattern = EXPECTED[fault] if fault is not None else ("passed", "")
            label = status.replace("timeout", "timed out").replace("_", " ")
            line = next(line for line in screen.splitlines() if re.match(rf"\s+\S.*\s{victim.name}\s", line))
            assert re.match(rf"\s+(?:{label})\s+{victim.name}\s", line) and re.search(pattern, line), (fault, screen)
            for kata in bystanders:
                assert re.search(rf"^\s+passed\s+{kata.name}\s", screen, re.M), (fault, screen)
            assert digest(root) == before, f"{fault}: the learner's files are left byte-identical"
        watcher.send_signal(signal.SIGINT)
        rest, _ = watcher.communicate(timeout=60)
    finally:
        if watcher.poll() is None:
            watcher.kill()
            watcher.wait(timeout=30)
    shown = "".join(screens) + rest
    assert watcher.returncode == 0 and "Stopped watching." in rest and "Traceback" not in shown, shown
    assert leftovers(mark) == [], "nothing the learner's code started outlives watch"


def _save(path: Path, content: bytes) -> None:
    """Replace the file in one step, as editors do: one file event, one regrade."""
    staged = path.with_name(f".{path.name}.saving")  # not a .py file: watch ignores it
    staged.write_bytes(content)
    os.replace(staged, path)


# Progress grades every changed kata of the plan in one run: four faults at a time, two in
# each of the two days, with the rest of both days solved.
PROGRESS_GROUPS = [sorted(EXPECTED)[n : n + 4] for n in range(0, len(EXPECTED), 4)]


@pytest.mark.parametrize("faults", PROGRESS_GROUPS, ids="+".join)
def test_faults_in_progress_change_only_their_own_katas(faults: list[str], digest, leftovers, environment, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root, out = tmp_path / "katas", tmp_path / "out"
    shutil.copytree(catalog.REPO / "katas", root)
    victims: list[catalog.Kata] = []
    for day in DAYS:
        shutil.rmtree(root / day.package)
        shutil.copytree(catalog.REPO / "solutions" / day.package, root / day.package)
    for fault, kata in zip(faults, [k for pair in zip(*(d.katas[:2] for d in DAYS)) for k in pair]):
        shutil.copyfile(FAULTS / f"{fault}.py", kata.source(root))
        victims.append(kata)
    before = digest(root)
    env, mark = environment
    done = subprocess.run(
        [sys.executable, "-m", "engine", "progress", "--root", str(root), "--out", str(out), "--timeout", str(LIMIT)],
        cwd=catalog.REPO, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    ticked = set(re.findall(r"^- \[x\] (.*)$", (out / "PROGRESS.md").read_text(), flags=re.M))
    failing = {line for kata in victims for line in kata.covers}
    assert not failing & ticked, "a kata with a fault does not pass, so its lines stay open"
    passing = {line for day in DAYS for kata in day.katas if kata not in victims for line in kata.covers}
    assert passing - failing <= ticked, "every other kata of both days passes: its lines are ticked"
    assert leftovers(mark) == [], "nothing the learner's code started outlives progress"
    assert digest(root) == before
