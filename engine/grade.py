"""Grade a day: run its graders and mypy side by side, then decide each kata's status.

Status rules (what the learner sees):

- ``error``: the kata's module could not be imported (syntax or import-time error) or the
  process died inside it;
- ``timeout``: one of its tests (or its import) overran the time limit;
- ``not_started``: nothing passed and every failure is the stub's ``NotImplementedError``;
- ``passed``: every check its grader defines ran and passed (a skipped check fails), and its
  files have no mypy errors;
- ``failed``: anything else.
"""

from __future__ import annotations

import os
import signal
import threading
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from engine import runner, sources, store, typecheck
from engine.files import project_files
from engine.catalog import REPO, Day, Kata
from engine.runner import FileResult, TestResult


def leave_ctrl_c_to_main() -> None:
    """Block SIGINT in a helper thread (and in the threads it starts): the kernel may hand a
    process's SIGINT to any thread, and one handed to a helper never wakes the main thread
    out of a blocking wait, so Ctrl-C would go unnoticed."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


class Status(str, Enum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_STARTED = "not_started"
    ERROR = "error"
    TIMEOUT = "timeout"


@dataclass
class KataResult:
    kata: Kata
    status: Status
    message: str
    tests: list[TestResult] = field(default_factory=list)
    type_errors: list[typecheck.MypyError] = field(default_factory=list)
    key: str | None = None  # the store key of the bytes graded; None: not to be remembered

    @property
    def own_type_errors(self) -> list[typecheck.MypyError]:
        """mypy's errors in the learner's file itself."""
        return [e for e in self.type_errors if e.expectation is None]

    @property
    def case_type_errors(self) -> list[typecheck.MypyError]:
        """Type expectations of the grader's type cases that the learner's code breaks."""
        return [e for e in self.type_errors if e.expectation is not None]

    @property
    def first_failure(self) -> TestResult | None:
        """The failure to lead with: one stated as a spec sentence, if any."""
        failures = [t for t in self.tests if t.outcome != "passed"]
        real = [t for t in failures if t.kind != "not_implemented"]
        worded = [t for t in real if t.kind == "assertion"]
        return next(iter(worded or real or failures), None)


@dataclass
class DayResult:
    day: Day
    target: str  # "katas" / "solutions" / a path, for the report
    root: Path
    katas: list[KataResult]

    @property
    def passed(self) -> bool:
        return all(k.status is Status.PASSED for k in self.katas)


def grade_day(
    day: Day,
    katas: list[Kata],
    *,
    root: Path,
    target: str,
    timeout: float = runner.DEFAULT_TIMEOUT,
    pool: runner.Pool | None = None,
) -> DayResult:
    results = grade_katas(katas, root=root, timeout=timeout, pool=pool)
    return DayResult(day=day, target=target, root=root, katas=results)


def grading_env() -> dict[str, str]:
    state = store.state_dir()
    state.mkdir(parents=True, exist_ok=True)
    return {
        # Outside the learner's tree: Hypothesis writes there. One set by the caller is kept
        # (the self-test shares one so its Unicode tables are built once, not per worker).
        "HYPOTHESIS_STORAGE_DIRECTORY": os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY")
        or str(state / "hypothesis"),
        "PYTHONPYCACHEPREFIX": str(state / "pycache"),
    }


UNKNOWN_DURATION = 1.0  # seconds, for a kata never graded here
_early: list[runner.Pool] = []


def start_pool_early() -> None:
    _early.append(open_pool())


def open_pool() -> runner.Pool:
    """A warm grading process (the one started early, if any): its imports take a while."""
    if _early:
        return _early.pop()
    return runner.Pool(env=grading_env(), log=store.state_dir() / "zygote.log")


def close_unused_pools() -> None:
    while _early:
        _early.pop().close()


def grade_katas(
    katas: list[Kata],
    *,
    root: Path,
    timeout: float = runner.DEFAULT_TIMEOUT,
    pool: runner.Pool | None = None,
) -> list[KataResult]:
    """Grade katas of one or more days: a process per kata, mypy beside them."""
    # Hashed before anything runs: a file saved during the grade is not what was graded.
    keys = {k: store.key(k, root) for k in katas}
    unreadable = {k: problem for k in katas if (problem := sources.unreadable(k.source(root)))}
    gradable = [k for k in katas if k not in unreadable and k.source(root).exists() and k.grader.exists()]
    state = store.state_dir()
    type_errors: dict[Path, list[typecheck.MypyError]] = {}
    mypy_failure: list[BaseException] = []

    def run_mypy() -> None:
        leave_ctrl_c_to_main()
        # One mypy run per day: type-case modules are named after their kata, which is
        # unique within a day only.
        for day in dict.fromkeys(k.day for k in gradable):
            own = [k for k in gradable if k.day == day]
            files = {k.source(root): k.source(root) for k in own if k.is_python}
            files |= {p: k.source(root) for k in own if k.is_project and k.mypy
                      for p in project_files(k.source(root)) if p.suffix == ".py"}
            files |= {k.typecase: k.source(root) for k in own if k.typecase.exists()}
            try:
                search_path = own[0].import_root(root)  # a project's day: the project folder
                type_errors.update(typecheck.check(files, search_path=search_path, cache_dir=state / "mypy-cache"))
            except Exception as exc:  # reported below: a silent thread would mean "no errors"
                mypy_failure.append(exc)
                return

    own_pool = pool is None
    active = pool or open_pool()
    mypy_thread = threading.Thread(target=run_mypy, name="mypy")
    mypy_thread.start()
    try:
        graders = [k.grader for k in gradable]
        conftests = sorted({g.parent / "conftest.py" for g in graders})  # a day's shared fixtures
        active.preload(sources.third_party_imports([*graders, *(c for c in conftests if c.exists())]))
        # Longest first (as last time; new ones count as long): the cores finish together.
        took = store.durations()
        ordered = sorted(gradable, key=lambda k: -took.get(k.id, UNKNOWN_DURATION))
        jobs = [runner.Job(k, k.import_root(root), timeout, sources.imports_at_top_level(k.grader, f"{k.package}.{k.name}"))
                for k in ordered]
        files = active.grade(jobs)
        store.save_durations({k.id: r.seconds for k, r in files.items() if r.complete})
    finally:
        if own_pool:
            active.close()
        mypy_thread.join()
    if mypy_failure:
        raise typecheck.TypecheckError(f"mypy could not run: {mypy_failure[0]}")
    results = []
    for kata in katas:
        if kata in unreadable:
            results.append(KataResult(kata, Status.ERROR, unreadable[kata]))
            continue
        errors = type_errors.get(kata.source(root), []) if kata.mypy else []
        if kata.is_python:
            errors += sources.inline_mypy_config(kata.source(root))
        result = _decide(kata, files.get(kata), errors, root)
        run = files.get(kata)
        complete = run is not None and run.complete
        result.key = keys[kata] if complete and store.key(kata, root) == keys[kata] else None
        results.append(result)
    return results


def _decide(
    kata: Kata, run: FileResult | None, type_errors: list[typecheck.MypyError], root: Path
) -> KataResult:
    source = kata.source(root)
    if not source.exists():
        return KataResult(kata, Status.ERROR, f"{shown(source)} is missing")
    if run is None:
        return KataResult(kata, Status.ERROR, "this kata has no grader (a bug in the library)")
    result = KataResult(kata, Status.FAILED, "", run.tests, type_errors)
    timed_out = next((t for t in run.tests if t.kind == "timeout"), None)
    if run.fatal == "collect_error":
        result.status, result.message = Status.ERROR, _import_error(source, run.fatal_message)
    elif run.fatal == "timeout" or timed_out:
        result.status = Status.TIMEOUT
        message = run.fatal_message or (f"{timed_out.name}: {timed_out.message}" if timed_out else "")
        result.message = _shorten_paths(message)
    elif run.fatal == "crash":
        result.status, result.message = Status.ERROR, _shorten_paths(run.fatal_message)
    elif not run.tests:
        result.status, result.message = Status.ERROR, "no grader checks ran (a bug in the library)"
    else:
        failures = [t for t in run.tests if t.outcome != "passed"]
        passed = sum(t.outcome == "passed" for t in run.tests)
        if not failures and not type_errors:
            result.status, result.message = Status.PASSED, f"{passed} checks passed"
        elif failures and passed == 0 and all(t.kind == "not_implemented" for t in failures):
            result.status, result.message = Status.NOT_STARTED, "still the stub"
        elif failures:
            first = result.first_failure
            assert first is not None
            result.message = _shorten_paths(f"{passed} of {len(run.tests)} checks pass — {headline(first)}")
        else:
            own, cases = len(result.own_type_errors), len(result.case_type_errors)
            problems = [f"mypy --strict reports {own} error(s) in your file"] if own else []
            problems += [f"{cases} type expectation(s) fail"] if cases else []
            result.message = "behaviour checks pass, but " + " and ".join(problems)
    return result


def headline(test: TestResult) -> str:
    """A spec sentence: the check's own message, or the rule it states over a raw exception."""
    if test.kind in ("exception", "exit") and test.rule:
        return f"{test.rule} ({test.message})"
    return test.message


def _import_error(source: Path, message: str) -> str:
    """Name the file and line: compile() pins syntax errors without running anything."""
    try:
        compile(source.read_bytes(), str(source), "exec")
    except SyntaxError as exc:
        return f"{type(exc).__name__}: {exc.msg} ({shown(source)}, line {exc.lineno})"
    except (OSError, ValueError) as exc:
        return f"cannot read {shown(source)}: {exc}"
    return _shorten_paths(message)


def shown(path: Path) -> str:
    """A path as the learner would type it: relative to where they are, or to the repo."""
    for base in (Path.cwd(), REPO):
        try:
            return str(path.resolve().relative_to(base))
        except ValueError:
            continue
    return str(path)


def _shorten_paths(text: str) -> str:
    return text.replace(str(REPO) + os.sep, "")
