"""Grading a learner's *test suite*: run it, in this process, against one implementation of
the module it tests — a correct one ("wheat") or a buggy one ("chaff").

A "tests" kata's grader calls :func:`run_suite` once per implementation. Each call swaps the
implementation in under the subject's module name (``day11.orders``), forgets the learner's
test module so that it imports that implementation afresh, and runs the learner's file with
``pytest.main`` in this process — tens of milliseconds, where an interpreter per
implementation costs about a second. The learner's tests run inside the grader's own check, so
its time limit, isolation and fault handling apply to them as to any kata's code.

What a suite run tells a grader: which learner tests passed and failed (and why), and what was
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
import time
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
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
    """How the learner's suite did against one implementation."""

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
    tests = tests.resolve()
    _forget(subject, tests)
    _install(subject, implementation)
    recorder = _Recorder(tests)
    # The inner session's own report is not for the learner: what failed and why reaches
    # them through the grader's checks, without pytest's frames, reprs and temp paths.
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        status = pytest.main(_arguments(tests), plugins=[recorder])
    _forget(subject, tests)
    run = recorder.run
    if status == pytest.ExitCode.NO_TESTS_COLLECTED and run.collect_error is None:
        run.collect_error = "your file defines no tests (test functions are named test_*)"
    if run.stubs and not run.passed and set(run.failed) == set(run.stubs):
        raise NotImplementedError("the tests are still the stub's")
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
    ]  # fmt: skip


def _install(subject: str, implementation: Path) -> None:
    spec = importlib.util.spec_from_file_location(subject, implementation)
    assert spec is not None and spec.loader is not None, implementation
    module = importlib.util.module_from_spec(spec)
    sys.modules[subject] = module
    spec.loader.exec_module(module)
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


class _Recorder:
    """A plugin for the inner session: what was collected and how each test ended."""

    def __init__(self, tests: Path) -> None:
        self.tests = tests
        self.run = SuiteRun()

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed and self.run.collect_error is None:
            self.run.collect_error = describe.collect_message(report)

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        self.run.collected = [self._collected(item) for item in items]

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

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, None, None]:
        with _time_limit(TEST_LIMIT):
            return (yield)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        if report.failed and item.name not in self.run.failed:
            error = call.excinfo.value if call.excinfo is not None else None
            if isinstance(error, NotImplementedError) and _raised_in(error, self.tests):
                self.run.stubs.append(item.name)
            self.run.failed[item.name] = _why(error, report.when, self.tests)
            if isinstance(error, TookTooLong):
                item.session.shouldstop = "a test hung"
        elif report.when == "call" and report.passed:
            self.run.passed.append(item.name)
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
