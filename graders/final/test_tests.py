"""Grader of the final project's "tests" kata: the learner's own ``tests/``.

1. The suite passes on the learner's project and covers at least 85 % of ``taskq`` under
   ``coverage run --branch`` (lines and branches together, as ``coverage report`` prints it):
   run in a copy of the project, in a child process, as the learner would run it (coverage.py's
   API around ``pytest.main(["tests"])``, with the grader's coverage settings).
2. It catches the grader's chaffs (``impls/services/chaff_*.py``, ``impls/worker/chaff_*.py``):
   each is the reference's ``taskq/services.py`` or ``taskq/worker.py`` with one bug. A chaff
   needs the rest of the reference's package beside it (it calls the reference's repository),
   so the learner's suite (their ``tests/`` and ``pyproject.toml``) runs against a copy of the
   reference project with each chaff swapped in. A chaff is caught when a learner test that
   passes on the unchanged reference fails on it — so the tests must
   go through the contract's public names (``TaskService``, ``Worker``, ``backoff``,
   ``create_app``...), never a project's own helpers.

Everything runs once, at the first check that needs it; the other checks read the result.
Speed (two cores): every run is forked from one clean interpreter that has imported the
contract's libraries once (a fork server, ``DRIVER``): the coverage run first in line for the
CPU, and beside it the chaff runs, two at a time. A chaff run is the whole suite on the
reference with the chaff swapped in, the chaffed module's namesake files (``test_service*.py``,
``test_worker*.py``) first, up to its first failing test (one is enough). Its failing test must
then pass on the reference: one run of just those tests confirms them all. Only when one of them
fails on the reference too does the whole suite run there (the baseline), and those chaffs again
on the baseline's passing tests. A test that runs over ``TEST_LIMIT`` on the reference or a
chaff stops its run (on a chaff: caught, a hang).
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import taskq
from engine.catalog import REPO
from graders.support.project import NOT_COPIED, copy_project
from taskq import worker

MIN_COVERAGE = 85.0
REFERENCE = REPO / "solutions" / "final"
IMPLS = Path(__file__).parent / "impls"
# What the reference brings to a chaff run: its package and its schema.
REFERENCE_PARTS = ("taskq", "migrations", "alembic.ini")
RUN_LIMIT = 90.0  # seconds for one run of the learner's suite
TEST_LIMIT = 10.0  # seconds for one learner test on the reference or a chaff: longer is a hang
OWN_TEST_LIMIT = 30.0  # the same on the learner's project, under coverage
PARALLEL = 2  # forked runs at once, beside the coverage run
NICE = 5  # forked runs yield to the coverage run, the longest one
CHAFFS = {
    f"{path.parent.name}.py: {path.stem.removeprefix('chaff_')}": path
    for module in ("services", "worker")
    for path in sorted((IMPLS / module).glob("chaff_*.py"))
}
# Imported once by the fork server: the contract's libraries (never taskq, never a pytest plugin:
# pytest could not rewrite a plugin imported before it starts).
PRELOAD = (
    "fastapi", "starlette.applications", "starlette.testclient", "pydantic", "pydantic_settings", "sqlalchemy",
    "sqlalchemy.ext.asyncio", "sqlalchemy.dialects.sqlite.aiosqlite", "aiosqlite", "alembic.command",
    "alembic.config", "alembic.runtime.migration", "alembic.autogenerate", "httpx", "asgi_lifespan", "uvicorn",
    "greenlet", "coverage", "_pytest.python", "_pytest.fixtures",
)  # fmt: skip
pytestmark = pytest.mark.timeout(150)

# A pytest plugin for the learner's runs: records each test's outcome as JSON; keeps only the
# tests listed in $GRADER_ONLY (the baseline's passing tests) when it is set; runs the test files
# whose name holds $GRADER_FIRST first; stops at the first failing test with $GRADER_STOP (unlike
# -x, not at a collection error); stops the run when one test takes more than $GRADER_TEST_LIMIT s.
PLUGIN = textwrap.dedent(
    '''
    import json, os, threading

    import pytest

    _outcomes = {}
    _session = []
    _LIMIT = float(os.environ.get("GRADER_TEST_LIMIT") or 0)

    def _dump():
        with open(os.environ["GRADER_OUTCOMES"], "w", encoding="utf-8") as out:
            json.dump(dict(_outcomes), out)

    def pytest_sessionstart(session):
        _session.append(session)

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(session, config, items):
        only = os.environ.get("GRADER_ONLY")
        if only:
            keep = set(json.loads(open(only, encoding="utf-8").read()))
            items[:] = [item for item in items if item.nodeid in keep]
        first = os.environ.get("GRADER_FIRST")
        if first:
            items.sort(key=lambda item: first not in item.nodeid.partition("::")[0].rpartition("/")[2])

    def _message(report):  # one line: what the learner's own run would print first
        crash = getattr(report.longrepr, "reprcrash", None)
        text = crash.message if crash is not None else str(report.longrepr or "").strip()
        lines = text.strip().splitlines()
        return (lines[0] if crash is not None else lines[-1]) if lines else ""

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(item, nextitem):
        timer = None
        if _LIMIT:
            def hung():
                _outcomes[item.nodeid] = ("failed", f"still running after {_LIMIT:.0f} s")
                _dump()
                os._exit(70)
            timer = threading.Timer(_LIMIT, hung)
            timer.daemon = True
            timer.start()
        try:
            yield
        finally:
            if timer is not None:
                timer.cancel()

    def pytest_runtest_logreport(report):
        if report.failed:
            _outcomes[report.nodeid] = ("failed", _message(report))
            if os.environ.get("GRADER_STOP") and _session:
                _session[0].shouldstop = "a test failed"
        elif report.when == "call" and report.nodeid not in _outcomes:
            _outcomes[report.nodeid] = (report.outcome, "")

    def pytest_collectreport(report):
        if report.failed:
            _outcomes[report.nodeid or "<collection>"] = ("failed", _message(report))

    def pytest_sessionfinish(session, exitstatus):
        _dump()
    '''
)
# The fork server: reads one job (JSON) a line on stdin, forks a child that runs pytest.main on
# it in its own session (process group), and prints {"id", "code", "timed_out"} when it ends;
# a child over its limit is killed with its group. Stdin closed: every child is killed.
DRIVER = textwrap.dedent(
    '''
    import json, os, selectors, signal, sys, time, traceback

    del sys.path[0]  # this script's folder: the runs' folders are not packages
    for name in sys.argv[1:]:
        try:
            __import__(name)
        except Exception:
            pass
    import pytest

    def child(job):
        os.setsid()
        os.nice(job["nice"])
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        log = os.open(job["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        code = 3
        try:
            import tempfile
            os.environ.clear()
            os.environ.update(job["env"])
            tempfile.tempdir = None
            os.chdir(job["cwd"])
            sys.path[:0] = job["path"]
            sys.argv = ["pytest", *job["args"]]
            measured = None
            if job["coverage"]:
                import coverage
                measured = coverage.Coverage(config_file=job["coverage"]["rcfile"], data_file=job["coverage"]["data"])
                measured.start()
            try:
                code = int(pytest.main(job["args"]))
            finally:
                if measured is not None:
                    measured.stop()
                    measured.save()
                    measured.json_report(outfile=job["coverage"]["json"])
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 3
        except BaseException:
            traceback.print_exc()
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)

    def kill(pid):
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass

    def report(message):
        sys.stdout.write(json.dumps(message) + "\\n")
        sys.stdout.flush()

    running = {}
    pending = b""
    selector = selectors.DefaultSelector()
    selector.register(0, selectors.EVENT_READ)
    sys.stdout.flush()
    sys.stderr.flush()
    while True:
        if selector.select(timeout=0.02):
            data = os.read(0, 1 << 16)
            if not data:
                break
            pending += data
            while b"\\n" in pending:
                line, pending = pending.split(b"\\n", 1)
                job = json.loads(line)
                pid = os.fork()
                if pid == 0:
                    child(job)
                running[pid] = (job["id"], time.monotonic() + job["limit"])
        for pid, (ident, deadline) in list(running.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                del running[pid]
                kill(pid)
                report({"id": ident, "code": os.waitstatus_to_exitcode(status), "timed_out": False})
            elif time.monotonic() > deadline:
                del running[pid]
                kill(pid)
                os.waitpid(pid, 0)
                report({"id": ident, "code": None, "timed_out": True})
    for pid in running:
        kill(pid)
    '''
)
COVERAGE_RC = textwrap.dedent(
    """
    [run]
    branch = True
    source = taskq
    concurrency = thread,greenlet

    [report]
    exclude_also =
        if __name__ == .__main__.:
        if TYPE_CHECKING:
    """
)


def started() -> None:
    """Call learner code first: on the untouched skeleton this raises NotImplementedError."""
    worker.backoff(1, 1.0, 60.0)


def project_dir() -> Path:
    return Path(taskq.__file__).resolve().parents[1]


@dataclass
class Run:
    """One run of the learner's suite."""

    outcomes: dict[str, tuple[str, str]] = field(default_factory=dict)  # nodeid -> (outcome, why)
    returncode: int | None = None
    output: str = ""
    timed_out: bool = False
    coverage: float | None = None
    least_covered: list[str] = field(default_factory=list)

    @property
    def failed(self) -> dict[str, str]:
        return {n: why for n, (outcome, why) in self.outcomes.items() if outcome == "failed"}

    @property
    def passed(self) -> list[str]:
        return [n for n, (outcome, _) in self.outcomes.items() if outcome == "passed"]

    def rejects(self, baseline: Run) -> bool:
        """A test that did not fail on the baseline fails (or hangs) here: this implementation
        is caught."""
        if self.timed_out or any(name not in baseline.failed for name in self.failed):
            return True
        return self.returncode not in (0, 1, 5, None) and baseline.returncode in (0, 1, 5)


def _copy(target: Path, *, reference: bool, swap: Path | None = None) -> Path:
    """The learner's project copied to ``target``; with ``reference``, its package and schema
    replaced by the reference's; ``swap`` then replaces one module of that package."""
    copy_project(project_dir(), target)
    if reference:
        for part in REFERENCE_PARTS:
            if (target / part).is_dir():
                shutil.rmtree(target / part)
            elif (target / part).exists():
                (target / part).unlink()
            source = REFERENCE / part
            if source.is_dir():
                shutil.copytree(source, target / part, ignore=NOT_COPIED)
            else:
                shutil.copyfile(source, target / part)
    if swap is not None:
        shutil.copyfile(swap, target / "taskq" / f"{swap.parent.name}.py")
    return target


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("TASKQ_", "PYTEST_", "COVERAGE_", "KATA", "HYPOTHESIS_")) and k != "PYTHONDONTWRITEBYTECODE"}  # fmt: skip


def _prepare(copy: Path, work: Path, **extra: str) -> dict[str, str]:
    """The run's folder (the plugin, the coverage rc, a HOME) and its environment."""
    work.mkdir(parents=True, exist_ok=True)
    (work / "_grader_outcomes.py").write_text(PLUGIN, encoding="utf-8")
    (work / "coveragerc").write_text(COVERAGE_RC, encoding="utf-8")
    (work / "home").mkdir(exist_ok=True)
    return _clean_env() | {
        "PYTHONPATH": os.pathsep.join([str(copy), str(work)]),
        "GRADER_OUTCOMES": str(work / "outcomes.json"),
        "COVERAGE_FILE": str(work / ".coverage"),
        "HOME": str(work / "home"),
        "TMPDIR": str(work),
        **extra,
    }


def _read(result: Run, copy: Path, work: Path, output: str) -> Run:
    result.output = output.replace(str(copy) + os.sep, "")
    outcomes = work / "outcomes.json"
    if outcomes.exists():
        result.outcomes = {k: (v[0], v[1]) for k, v in json.loads(outcomes.read_text(encoding="utf-8")).items()}
    return result


def _coverage(result: Run, report: Path) -> Run:
    """The coverage run's total and its three least covered files, from its JSON report."""
    if result.timed_out or not report.exists():
        return result
    data = json.loads(report.read_text(encoding="utf-8"))
    result.coverage = float(data["totals"]["percent_covered"])
    files = sorted(data.get("files", {}).items(), key=lambda kv: kv[1]["summary"]["percent_covered"])
    result.least_covered = [f"{Path(name).as_posix()} {info['summary']['percent_covered']:.0f} %" for name, info in files[:3]]
    return result


class Driver:
    """The fork server (``DRIVER``) and a blocking ``run`` for threads."""

    def __init__(self, base: Path) -> None:
        script = base / "_grader_driver.py"
        script.write_text(DRIVER, encoding="utf-8")
        self._errors = (base / "driver.log").open("w", encoding="utf-8")
        self._process = subprocess.Popen(
            [sys.executable, str(script), *PRELOAD], cwd=base, env=_clean_env(), text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors,
        )  # fmt: skip
        self._ids = itertools.count()
        self._lock = threading.Lock()
        self._waiting: dict[int, Future[dict[str, Any] | None]] = {}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            message = json.loads(line)
            with self._lock:
                waiting = self._waiting.pop(message["id"])
            waiting.set_result(message)
        with self._lock:  # the server is gone: nothing more will end
            for waiting in self._waiting.values():
                waiting.set_result(None)
            self._waiting.clear()

    def run(self, copy: Path, work: Path, *, only: list[str] | None = None, first: str = "", own: bool = False) -> Run:
        """The learner's ``tests/`` in ``copy``. ``own``: the learner's run on their project, as
        they would run it (``coverage run`` with the grader's rc, ``pytest tests``), first in
        line for the CPU, each test ``OWN_TEST_LIMIT``; otherwise each test has ``TEST_LIMIT``, and with ``first`` it is a
        chaff's run: the files named after the module first, up to the first failure; with
        ``only``, just those tests."""
        extra = {"GRADER_TEST_LIMIT": str(OWN_TEST_LIMIT if own else TEST_LIMIT)}
        if first:
            extra |= {"GRADER_FIRST": first, "GRADER_STOP": "1"}
        if only is not None:
            (work / "only.json").parent.mkdir(parents=True, exist_ok=True)
            (work / "only.json").write_text(json.dumps(only), encoding="utf-8")
            extra["GRADER_ONLY"] = str(work / "only.json")
        env = _prepare(copy, work, **extra)
        (work / "outcomes.json").unlink(missing_ok=True)
        # The server imported libraries before pytest started: it cannot rewrite anyio's plugin.
        args = ["-q", "-p", "no:cacheprovider", "-p", "_grader_outcomes", "-W", "ignore::pytest.PytestAssertRewriteWarning",
                *([] if own else ["--continue-on-collection-errors"]), "tests"]  # fmt: skip
        measure = {"rcfile": str(work / "coveragerc"), "data": str(work / ".coverage"), "json": str(work / "coverage.json")}
        job = {"cwd": str(copy), "path": [str(copy), str(work)], "env": env, "args": args, "log": str(work / "output.txt"),
               "limit": RUN_LIMIT, "nice": 0 if own else NICE, "coverage": measure if own else None}  # fmt: skip
        waiting: Future[dict[str, Any] | None] = Future()
        with self._lock:
            job["id"] = ident = next(self._ids)
            self._waiting[ident] = waiting
            assert self._process.stdin is not None
            try:
                self._process.stdin.write(json.dumps(job) + "\n")
                self._process.stdin.flush()
            except OSError:
                self._waiting.pop(ident)
                waiting.set_result(None)
        message = waiting.result()
        result = Run()
        if message is None:
            result.output = "the grader's runner stopped"
            return result
        result.returncode, result.timed_out = message["code"], message["timed_out"]
        log = work / "output.txt"
        _read(result, copy, work, log.read_text(encoding="utf-8", errors="replace") if log.exists() else "")
        return _coverage(result, work / "coverage.json") if own else result

    def close(self) -> None:
        try:
            if self._process.stdin is not None:
                self._process.stdin.close()
            self._process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        self._errors.close()


@dataclass
class Results:
    own: Run  # the learner's suite on their project, under coverage
    caught: dict[str, bool]  # chaff -> a test that passes on the reference fails on it
    reference_failed: dict[str, str]  # learner tests known to fail on the reference: not counted
    reference_passes_none: bool = False  # the full baseline ran and no test passed on it


_cache: dict[str, Results] = {}
_lock = threading.Lock()


def results(tmp_path_factory: pytest.TempPathFactory) -> Results:
    """Every run, once: the learner's suite on their project (under coverage), on each chaff,
    and on the reference."""
    with _lock:
        if "all" not in _cache:
            _cache["all"] = _grade(tmp_path_factory.mktemp("suites"))
        return _cache["all"]


def _grade(base: Path) -> Results:
    """The coverage run beside the chaff runs (each the whole suite, its module's namesake files
    first, up to its first failure). A chaff's failing test must then pass on the reference: one
    run of those tests only confirms them all. Only when one of them fails there too does the
    whole suite run on the reference (the baseline), and those chaffs again on the baseline's
    passing tests."""
    driver = Driver(base)
    slots = threading.BoundedSemaphore(PARALLEL)  # forked runs at once

    def forked(copy: Path, work: Path, **options: Any) -> Run:
        with slots:
            return driver.run(copy, work, **options)

    try:
        with ThreadPoolExecutor(max_workers=1 + len(CHAFFS)) as pool:
            own = pool.submit(lambda: driver.run(_copy(base / "own", reference=False), base / "own-run", own=True))
            copies = {name: _copy(base / f"chaff{n}", reference=True, swap=path) for n, (name, path) in enumerate(CHAFFS.items())}  # fmt: skip
            first = {name: path.parent.name.removesuffix("s") for name, path in CHAFFS.items()}  # service, worker
            futures = {name: pool.submit(forked, copy, base / f"{copy.name}-run", first=first[name]) for name, copy in copies.items()}  # fmt: skip
            runs = {name: future.result() for name, future in futures.items()}
            reference = _copy(base / "reference", reference=True)
            suspects = sorted({test for run in runs.values() for test in run.failed if "::" in test})
            confirmed = forked(reference, base / "confirm-run", only=suspects) if suspects else Run()
            known_bad = {name: why for name, why in confirmed.failed.items() if name in suspects}
            caught: dict[str, bool] = {}
            unsure: list[str] = []
            for name, run in runs.items():
                if run.timed_out or any(confirmed.outcomes.get(test, ("",))[0] == "passed" or ("::" not in test and test not in confirmed.failed) for test in run.failed):  # fmt: skip
                    caught[name] = True
                elif run.failed or run.returncode not in (0, 5):
                    unsure.append(name)  # it failed only where the reference fails too (or crashed)
                else:
                    caught[name] = False
            if unsure:
                baseline = forked(reference, base / "baseline-run")
                known_bad = baseline.failed
                if not baseline.passed:
                    return Results(own.result(), dict.fromkeys(CHAFFS, False), known_bad, reference_passes_none=True)
                again = {name: pool.submit(forked, copies[name], base / f"{copies[name].name}-again", only=baseline.passed, first=first[name]) for name in unsure}  # fmt: skip
                caught |= {name: future.result().rejects(baseline) for name, future in again.items()}
            return Results(own.result(), {name: caught[name] for name in CHAFFS}, known_bad)
    finally:
        driver.close()


def _listed(failed: dict[str, str], limit: int = 3) -> str:
    shown = [f"{name} ({why})" if why else name for name, why in list(failed.items())[:limit]]
    more = f" and {len(failed) - limit} more" if len(failed) > limit else ""
    return "; ".join(shown) + more


def test_your_tests_pass(tmp_path_factory: pytest.TempPathFactory) -> None:
    """`python -m pytest tests` passes on your project (run in a copy of it)."""
    started()
    own = results(tmp_path_factory).own
    assert not own.timed_out, f"tests/: the suite must finish (it ran over {RUN_LIMIT:.0f} s on your project)"
    assert own.returncode != 5, "tests/: pytest collects no test in tests/"
    failed = own.failed
    assert failed == {}, f"tests/: every test passes on your project — failing: {_listed(failed)}"
    assert own.returncode == 0, f"tests/: pytest must exit 0 on your project — it said: {own.output.strip()[-300:]}"


def test_coverage_is_at_least_85_percent(tmp_path_factory: pytest.TempPathFactory) -> None:
    """`coverage run --branch --source=taskq -m pytest tests`: at least 85 % (lines and branches)."""
    started()
    own = results(tmp_path_factory).own
    if own.coverage is None and own.failed:
        raise AssertionError(
            "tests/: coverage is measured on a run of the suite that finishes — it stopped at: "
            f"{_listed(own.failed)}"
        )
    assert own.coverage is not None, (
        "tests/: coverage.py must be able to measure the run (python -m coverage run --branch "
        f"--source=taskq -m pytest tests) — it said: {own.output.strip()[-300:]}"
    )
    measured = round(own.coverage, 1)
    assert measured >= MIN_COVERAGE, (
        f"tests/: cover at least {MIN_COVERAGE:.0f} % of taskq, lines and branches (coverage run "
        f"--branch) — measured {measured} %; least covered: {', '.join(own.least_covered)}"
    )


def _described(path: Path) -> str:
    """A chaff's bug in contract words: its docstring's first line."""
    return path.read_text(encoding="utf-8").split('"""')[1].strip().splitlines()[0]


@pytest.mark.chaff
@pytest.mark.parametrize("chaff", CHAFFS)
def test_catches_a_bug(tmp_path_factory: pytest.TempPathFactory, chaff: str) -> None:
    """Your suite fails on a project with this one bug."""
    started()
    everything = results(tmp_path_factory)
    unusable = everything.reference_failed
    if everything.reference_passes_none:
        why = _listed(unusable) if unusable else "no test ran"
        raise AssertionError(
            "tests/: your tests must also pass on a correct project written by someone else (the "
            "reference, through the contract's public names only) before they can catch a bug — "
            f"on it: {why}"
        )
    note = (
        f" ({len(unusable)} of your tests fail on a correct project written by someone else and are not "
        f"counted: they must use the contract's public names only — {_listed(unusable, 2)})"
        if unusable else ""
    )  # fmt: skip
    assert everything.caught[chaff], (
        f"tests/: your suite misses a bug — {_described(CHAFFS[chaff])} Every test passed with this bug in "
        f"taskq/{CHAFFS[chaff].parent.name}.py{note}"
    )
