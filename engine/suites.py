"""Grading a learner's *test suite*: run it, in this process, against one implementation of
the module it tests — a correct one ("wheat") or a buggy one ("chaff").

A "tests" kata's grader calls :func:`run_suite` once per implementation. Each call swaps the
implementation in under the subject's module name (``day11.orders``), forgets the learner's
test module so that it imports that implementation afresh, and runs the learner's file with
``pytest.main`` in this process — tens of milliseconds, where an interpreter per
implementation costs about a second. The learner's tests run inside the grader's own check, so
its time limit, isolation and fault handling apply to them as to any kata's code.

What a suite run tells a grader: which learner tests passed and failed (and why; against a
chaff, only up to the first test that catches it, since one is enough), and what was
collected — which fixtures of the learner's own each test used (and whether they tear down),
which were parametrized, which are async — so structural rules are checked on what pytest
actually collected and ran, never by reading the source text.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import inspect
import io
import os
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from engine import describe
from engine.catalog import REPO
from engine.supervise import cap


# Seconds one learner test may run. A test that hangs has failed (on a chaff: caught it), and
# the run stops there: the rest would only add a hang each.
TEST_LIMIT = 1.0


class TookTooLong(Exception):
    """A learner's test overran ``TEST_LIMIT`` (an Exception: it fails that test, nothing more)."""


@dataclass
class CollectedTest:
    """One learner test as pytest collected it."""

    name: str
    fixtures: dict[str, bool] = field(default_factory=dict)  # own fixture -> has teardown
    parametrized: bool = False  # by a @pytest.mark.parametrize of the learner's file
    asynchronous: bool = False  # an async def run under @pytest.mark.asyncio


@dataclass
class SuiteRun:
    """How the learner's suite did against one implementation. Against a chaff the run stops
    at the first real failure, so ``passed`` and ``failed`` stop there too."""

    collected: list[CollectedTest] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # test name -> why, in a line
    stubs: list[str] = field(default_factory=list)  # tests that still raise NotImplementedError
    collect_error: str | None = None

    @property
    def caught(self) -> bool:
        """Some real test (not a stub) failed: the suite rejects this implementation."""
        return any(name not in self.stubs for name in self.failed)


def run_suite(tests: Path, subject: str, implementation: Path) -> SuiteRun:
    """Run the learner's test file ``tests`` with ``implementation`` imported as ``subject``.

    Raises ``NotImplementedError`` while every test of the file is still the stub's, so that
    an untouched kata reads *not started*.
    """
    return run_suites(tests, subject, [implementation])[implementation]


def run_suites(
    tests: Path, subject: str, implementations: Sequence[Path], *, chaffs: Collection[Path] = ()
) -> dict[Path, SuiteRun]:
    """Run the learner's test file once per implementation, all in ONE pytest session: the
    file is collected once per implementation (each copy imports its own), and the subject is
    swapped in before each copy's tests run. A session costs more than most suites' tests.
    The run against each of ``chaffs`` stops at its first real failure (not a stub's): that
    failure is all that "caught" needs, and most chaffs fail early.

    Raises ``NotImplementedError`` while every test of the file is still the stub's.
    """
    tests = tests.resolve()
    batch = _Batch(tests, subject, list(dict.fromkeys(implementations)), frozenset(chaffs))
    # The inner session's own report is not for the learner: what failed and why reaches
    # them through the grader's checks, without pytest's frames, reprs and temp paths.
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            pytest.main(_arguments(tests), plugins=[batch])
    finally:
        _forget(subject, tests)
    for run in batch.runs.values():
        if not run.collected and run.collect_error is None:
            run.collect_error = "your file defines no tests (test functions are named test_*)"
    if all(run.stubs and not run.passed and set(run.failed) == set(run.stubs) for run in batch.runs.values()):
        raise NotImplementedError("the tests are still the stub's")
    return batch.runs


def batched(
    tests: Path, subject: str, implementations: Iterable[Path], *, chaffs: Collection[Path] = ()
) -> Callable[[Path], SuiteRun]:
    """A grader's ``run(implementation)``: its first call runs the suite against every one of
    ``implementations`` in one session (:func:`run_suites`; ``chaffs`` only until caught),
    later calls read those runs. While the tests are still the stub's, every call raises
    ``NotImplementedError`` (each check then reads *not started*) without running them again."""
    every = list(implementations)
    runs: dict[Path, SuiteRun] = {}
    stub: list[str] = []

    def run(implementation: Path) -> SuiteRun:
        if stub:
            raise NotImplementedError(stub[0])
        if not runs:
            try:
                runs.update(run_suites(tests, subject, every, chaffs=chaffs))
            except NotImplementedError as exc:
                stub.append(str(exc))
                raise
        return runs[implementation]

    return run


def described(implementation: Path) -> str:
    """An implementation's one-line module docstring, without its full stop: what the learner
    reads about a correct or a buggy version (never its code)."""
    text = ast.get_docstring(ast.parse(implementation.read_text(encoding="utf-8"))) or implementation.stem
    return text.strip().rstrip(".")


def wheat_failures(run: SuiteRun, implementation: str) -> str | None:
    """What is wrong when a suite rejects correct code; None when every test passed."""
    if run.collect_error is not None:
        return f"your test file could not run: {run.collect_error}"
    if not run.collected:
        return "your test file defines no tests"
    if not run.failed:
        return None
    name, why = next(iter(run.failed.items()))
    if name in run.stubs:
        return f"{name} still raises NotImplementedError: write it, or delete it"
    more = f" (and {len(run.failed) - 1} more)" if len(run.failed) > 1 else ""
    return f"{name} fails on a correct implementation ({implementation}){more}: {why}"


def _arguments(tests: Path) -> list[str]:
    from engine.zygote import IDLE_BUILTINS, plugin_arguments

    return [
        str(tests), "-q", *plugin_arguments(),
        # What no learner test needs, as in the zygote (recwarn's fixture is theirs to use);
        # unraisableexception would collect garbage twice per run (~30 ms).
        *(arg for name in (*IDLE_BUILTINS, "unraisableexception") if name != "recwarn"
          for arg in ("-p", f"no:{name}")),
        "--import-mode=importlib", "--rootdir", str(REPO), "-c", str(REPO / "pyproject.toml"),
        "--confcutdir", str(tests.parent),  # the learner's conftest.py, if any; none above it
        "--capture=no", "-W", "ignore", "--no-header", "-o", "console_output_style=classic",
        "--tb=no",  # its report is discarded: building tracebacks only costs time
        # A fresh base for tmp_path: pytest's numbered dirs would be pruned at every session's
        # end (a quarter of a run). It lies in the kata's private temp dir, removed after it.
        "--basetemp", tempfile.mkdtemp(prefix="suite-"),
    ]  # fmt: skip


def _install(subject: str, implementation: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(subject, implementation)
    assert spec is not None and spec.loader is not None, implementation
    module = importlib.util.module_from_spec(spec)
    _put(subject, module)
    spec.loader.exec_module(module)
    return module


def _put(subject: str, module: ModuleType) -> None:
    """Make ``module`` what ``import subject`` and ``from package import leaf`` give."""
    sys.modules[subject] = module
    package, _, leaf = subject.rpartition(".")
    if package:
        setattr(importlib.import_module(package), leaf, module)


def _forget(subject: str, tests: Path) -> None:
    """Drop the subject and the learner's test module from ``sys.modules``: a test module
    imported once keeps the implementation it imported, and every chaff would pass."""
    for name, module in list(sys.modules.items()):
        if name == subject or name.startswith(subject + ".") or _defined_in(module, tests):
            del sys.modules[name]


def _defined_in(module: Any, path: Path) -> bool:
    file = getattr(module, "__file__", None)  # (the name first: realpath for every module is slow)
    return isinstance(file, str) and file.endswith(path.name) and os.path.realpath(file) == str(path)


class _Copy(pytest.Module):
    """The learner's file, collected for one implementation: importing it installs that
    implementation first, so the copy's module binds it."""

    implementation: Path
    batch: _Batch

    def _getobj(self) -> Any:
        _forget(self.batch.subject, self.batch.tests)
        self.batch.installed[self.implementation] = _install(self.batch.subject, self.implementation)
        return super()._getobj()  # type: ignore[no-untyped-call]


class _Copies(pytest.File):
    """The learner's file as a folder of copies, one per implementation."""

    batch: _Batch

    def collect(self) -> list[_Copy]:
        copies = []
        for index, implementation in enumerate(self.batch.runs):
            name = f"{self.path.name}@{index}"
            copy = _Copy.from_parent(self, path=self.path, name=name, nodeid=self.id.child(name))
            copy.implementation, copy.batch = implementation, self.batch
            copies.append(copy)
        return copies


class _NotRun(Exception):
    """A test after its copy's run stopped (a test hung, or the chaff is caught): not run, not
    counted."""


class _Batch:
    """A plugin for the inner session: the copies, and what each collected and how it ended."""

    def __init__(self, tests: Path, subject: str, implementations: list[Path], chaffs: frozenset[Path]) -> None:
        self.tests, self.subject, self.chaffs = tests, subject, chaffs
        self.runs = {implementation: SuiteRun() for implementation in implementations}
        self.installed: dict[Path, ModuleType] = {}
        self.stopped: set[Path] = set()

    @pytest.hookimpl(tryfirst=True)
    def pytest_pycollect_makemodule(self, module_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
        if module_path != self.tests:
            return None
        copies = _Copies.from_parent(parent, path=module_path)
        copies.batch = self
        return copies

    def _copy_of(self, item: pytest.Item) -> Path | None:
        copy = item.getparent(_Copy)
        return copy.implementation if copy is not None else None

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if not report.failed:
            return
        message = describe.collect_message(report)
        for index, (implementation, run) in enumerate(self.runs.items()):
            if f"@{index}" in report.nodeid or "@" not in report.nodeid:  # a copy's, or everyone's
                run.collect_error = run.collect_error or message

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            implementation = self._copy_of(item)
            if implementation is not None:
                self.runs[implementation].collected.append(self._collected(item))

    def _collected(self, item: pytest.Item) -> CollectedTest:
        info = getattr(item, "_fixtureinfo", None)
        own: dict[str, bool] = {}
        for name, definitions in (getattr(info, "name2fixturedefs", None) or {}).items():
            func = getattr(definitions[-1], "func", None)
            if func is not None and _defined_in(inspect.getmodule(func), self.tests):
                own[name] = inspect.isgeneratorfunction(func) or inspect.isasyncgenfunction(func)
        parametrized = hasattr(item, "callspec") and item.get_closest_marker("parametrize") is not None
        asynchronous = item.get_closest_marker("asyncio") is not None and inspect.iscoroutinefunction(
            getattr(item, "obj", None))
        return CollectedTest(item.name, own, parametrized, asynchronous)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        implementation = self._copy_of(item)
        if implementation in self.stopped:
            raise _NotRun
        if implementation is not None and implementation in self.installed:
            _put(self.subject, self.installed[implementation])  # what string targets (patch) reach

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, None, None]:
        with _time_limit(TEST_LIMIT):
            return (yield)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        implementation = self._copy_of(item)
        if implementation is None:
            return report
        run = self.runs[implementation]
        error = call.excinfo.value if call.excinfo is not None else None
        if isinstance(error, _NotRun):
            return report
        if report.failed and item.name not in run.failed:
            stub = isinstance(error, NotImplementedError) and _raised_in(error, self.tests)
            if stub:
                run.stubs.append(item.name)
            run.failed[item.name] = _why(error, report.when, self.tests)
            if isinstance(error, TookTooLong) or (implementation in self.chaffs and not stub):
                self.stopped.add(implementation)
        elif report.when == "call" and report.passed:
            run.passed.append(item.name)
        return report


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """An alarm for one learner test, inside the grader check's own: whichever comes first
    fires, and the check's alarm is re-armed with what is left of it afterwards."""
    outer = signal.getsignal(signal.SIGALRM)
    outer_left = signal.getitimer(signal.ITIMER_REAL)[0]
    start = time.monotonic()

    def expire(signum: int, frame: Any) -> None:
        if outer_left and time.monotonic() - start >= outer_left and callable(outer):
            outer(signum, frame)  # the check's own time limit
        raise TookTooLong(f"it was still running after {seconds:g} s")

    signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, outer_left) if outer_left else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, outer)
        if outer_left:
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - start), 0.001))


def _raised_in(error: BaseException, path: Path) -> bool:
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and os.path.realpath(tb.tb_frame.f_code.co_filename) == str(path)


def _why(error: BaseException | None, when: str, tests: Path) -> str:
    """One line: the learner's own assertion as they wrote it (pytest's first line of it), or
    the exception, and the line of their file it came from."""
    if error is None:
        return f"it failed during {when}"
    if isinstance(error, AssertionError):
        text = str(error).strip().splitlines()[0] if str(error).strip() else "assert failed"
    else:
        text = str(describe.failure(error).get("message") or type(error).__name__).splitlines()[0]
    line = _line_in(error, tests)
    where = f" ({tests.name}:{line})" if line else ""
    phase = "" if when == "call" else f" in its {when}"
    return cap(text, 300) + where + phase


def _line_in(error: BaseException, path: Path) -> int | None:
    found, tb = None, error.__traceback__
    while tb is not None:
        if os.path.realpath(tb.tb_frame.f_code.co_filename) == str(path):
            found = tb.tb_lineno
        tb = tb.tb_next
    return found
