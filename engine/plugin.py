"""pytest plugin loaded into the grading child process (``-p engine.plugin``).

It streams one JSON line per event to the file named by ``KATA_EVENTS`` and flushes each line,
so the parent keeps every result that was reached even when learner code hangs the process or
kills it (``os._exit``). The parent also uses the ``start`` events as its watchdog's clock.

Failure details are taken from the live exception, not from pytest's text: the spec sentence
(assertion message), expected/actual (the failing ``==`` operands), Hypothesis's failing case
(``__notes__``) and the place in the learner's file that raised.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import reprlib
import resource
import signal
import traceback
from collections.abc import Generator
from pathlib import Path
from typing import Any, TextIO

import pytest

MEMORY_LIMIT = 4 * 1024**3
PR_SET_PDEATHSIG = 1
OUTPUT_CAP = 500  # characters of captured learner output kept per test (as Exercism does)

_events: TextIO | None = None
_PARENT = int(os.environ.get("KATA_PARENT", "0")) or os.getppid()
_target = Path(os.environ.get("KATA_TARGET", "/nonexistent")).resolve()
_skip = set(filter(None, os.environ.get("KATA_SKIP", "").split("\n")))
_last_compare: dict[str, str] | None = None
_results: dict[str, dict[str, Any]] = {}
_timed_out: set[Path] = set()  # grader files with a timed-out test

_repr = reprlib.Repr()
_repr.maxstring = _repr.maxother = 200
_repr.maxlist = _repr.maxtuple = _repr.maxset = _repr.maxdict = 12


def _die_with_parent() -> None:
    """Ask Linux to kill this process when the grading parent goes, however it goes (Ctrl-C
    can land before the parent's cleanup is in place; this child is in its own session)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux
        return
    if os.getppid() != _PARENT:  # the parent died before the request was made
        os._exit(1)


def pytest_configure(config: pytest.Config) -> None:
    _die_with_parent()
    # A learner's runaway list must end as a MemoryError in one test, not as a machine
    # swapping to a halt; 4 GiB of address space is far more than any grader needs.
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY or soft > MEMORY_LIMIT:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, hard))


def emit(**event: Any) -> None:
    global _events
    if _events is None:
        _events = open(os.environ["KATA_EVENTS"], "a", encoding="utf-8")
    _events.write(json.dumps(event) + "\n")
    _events.flush()


def pytest_collectstart(collector: pytest.Collector) -> None:
    if isinstance(collector, pytest.Module):
        emit(event="collect", path=str(collector.path.resolve()))


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.failed:
        path = Path(report.fspath).resolve()  # relative to the rootdir, which is the cwd
        emit(event="collect_error", path=str(path), message=_collect_message(report))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _skip:
        kept = [item for item in items if item.nodeid not in _skip]
        config.hook.pytest_deselected(items=[i for i in items if i.nodeid in _skip])
        items[:] = kept
    emit(event="collected", tests=[_test_info(item) for item in items])


def _test_info(item: pytest.Item) -> dict[str, Any]:
    marker = item.get_closest_marker("timeout")
    timeout = marker.args[0] if marker and marker.args else None
    return {"nodeid": item.nodeid, "path": str(item.path.resolve()), "timeout": timeout}


def pytest_runtest_logstart(nodeid: str) -> None:
    global _last_compare
    _last_compare = None
    emit(event="start", nodeid=nodeid)


def pytest_assertrepr_compare(op: str, left: object, right: object) -> None:
    """Remember the operands of the failing comparison; pytest's own explanation still runs."""
    global _last_compare
    if op == "==":
        _last_compare = {"actual": _repr.repr(left), "expected": _repr.repr(right)}


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    outcome = yield
    # Innermost wrapper, so this runs before Hypothesis's: without failing examples it skips
    # building a source patch of the grader (~1 s with libcst, and grader source on disk).
    item.__dict__.pop("_hypothesis_failing_examples", None)
    report: pytest.TestReport = outcome.get_result()
    result = _results.setdefault(item.nodeid, {"outcome": "passed", "output": ""})
    if report.failed and result["outcome"] == "passed" and call.excinfo is not None:
        result.update(outcome="failed", **_describe(call.excinfo.value))
    elif report.skipped and result["outcome"] == "passed":
        result.update(outcome="skipped", kind="skipped", message="skipped")
    if report.when == "teardown":
        output = (report.capstdout + report.capstderr).strip()
        result["output"] = output[:OUTPUT_CAP] + ("…" if len(output) > OUTPUT_CAP else "")


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.path in _timed_out:
        pytest.skip("an earlier check of this kata timed out")


def pytest_runtest_logfinish(nodeid: str, location: tuple[str, int | None, str]) -> None:
    result = _results.pop(nodeid, {"outcome": "passed"})
    if result.get("kind") == "timeout":  # one timeout per kata is enough: skip the rest of it
        _timed_out.add(Path(location[0]).resolve())
    emit(event="result", nodeid=nodeid, **result)


def _describe(exc: BaseException) -> dict[str, Any]:
    """Classify a test failure and pull out what the learner needs to see."""
    details: dict[str, Any] = {"kind": "exception", "message": _one_line(exc)}
    if isinstance(exc, NotImplementedError):
        details["kind"] = "not_implemented"
        where = _learner_frame(exc)
        name = where["function"] if where else "a function"
        details["message"] = f"{name}() still raises NotImplementedError"
    elif isinstance(exc, SystemExit):
        details["kind"] = "exit"
        details["message"] = f"your code called sys.exit({exc.code!r}) during this test"
    elif type(exc).__name__ == "Failed" and (limit := _TIMEOUT.search(str(exc))):
        details["kind"] = "timeout"
        details["message"] = f"did not finish within {float(limit[1]):g} s"
    elif isinstance(exc, AssertionError):
        details["kind"] = "assertion"
        spec, _, explanation = str(exc).partition("\nassert ")
        details["message"] = spec.strip() or "assertion failed"
        if _last_compare:
            details.update(_last_compare)
        elif explanation:
            details["detail"] = "assert " + explanation.strip()
    notes = [n for n in getattr(exc, "__notes__", []) if not _mentions_grader(n)]
    if notes:
        details["case"] = "\n".join(notes)
    where = _learner_frame(exc)
    if where and details["kind"] not in ("assertion", "timeout"):
        details["where"] = where
    return details


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _mentions_grader(note: str) -> bool:
    """Notes a learner cannot act on: grader paths, reproduce blobs, verbosity advice."""
    return any(word in note for word in ("reproduce_failure", "/graders/", ".py:", "Verbosity"))


def _learner_frame(exc: BaseException) -> dict[str, Any] | None:
    """The innermost traceback frame inside the code being graded, if any."""
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if path.is_relative_to(_target):
            found = {"file": str(path), "line": frame.lineno, "function": frame.name}
    return found


def _collect_message(report: pytest.CollectReport) -> str:
    """A one-line cause for a grader whose import failed, located in the learner's file."""
    text = str(report.longrepr).strip().splitlines()
    errors = [line[2:].strip() for line in text if line.startswith("E ")]
    message = errors[-1] if errors else (text[-1] if text else "import failed")
    places = [m for line in text if (m := _LOCATION.match(line.strip()))]
    for match in reversed(places):
        path = Path(match["file"]).resolve()
        if path.is_relative_to(_target):
            return f"{message} ({path}:{match['line']})"
    return message


_TIMEOUT = re.compile(r"Timeout \(>([\d.]+)s\) from pytest-timeout")
_LOCATION = re.compile(r"^(?P<file>[^\s:]+\.py):(?P<line>\d+)(?::|$)")


def pytest_sessionfinish() -> None:
    emit(event="finished")
    if _events is not None:
        _events.close()

