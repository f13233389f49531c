"""pytest plugin loaded into every kata's grading process (``-p engine.plugin``).

It streams one JSON line per event to the kata's events file and flushes each line, so the
supervisor keeps every result that was reached even when learner code hangs the process or
kills it. The supervisor also uses the ``start`` events as its watchdog's clock.

The per-test time limit lives here rather than in pytest-timeout: it raises ``KataTimeout``,
a ``KeyboardInterrupt`` as far as Hypothesis and pytest can tell, so Hypothesis stops at once
instead of replaying the case (slow code is reported as slow, never as a flaky failure with a
made-up failing case), and pytest ends the session: a kata with a timed-out check is done.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any, TextIO

import pytest

from engine import asyncguard, describe
from engine.supervise import cap

DEFAULT_LIMIT = 10.0
TOO_SLOW = "look for a loop that never ends, or work redone on every call"


class KataTimeout(KeyboardInterrupt):
    """The running check overran its time limit (not an Exception: nobody should catch it)."""


class _State:
    events: TextIO | None = None
    limit: float = DEFAULT_LIMIT
    skip: frozenset[str] = frozenset()
    deadline: float = 0.0
    limit_now: float = DEFAULT_LIMIT
    current: str = ""
    nodeid: str = ""
    results: dict[str, dict[str, Any]] = {}


_state = _State()
_real_exit = os._exit


def configure(events: Path, *, target: Path, limit: float, skip: frozenset[str]) -> None:
    """Called in the kata's process before its session starts (the plugin is imported earlier,
    in the warm parent, so nothing here may be read at import time)."""
    _state.events = open(events, "a", encoding="utf-8")
    _state.limit, _state.skip = limit, skip
    describe.set_target(target)


def emit(**event: Any) -> None:
    if _state.events is not None:
        _state.events.write(json.dumps(event) + "\n")
        _state.events.flush()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "timeout(seconds): this check's time limit")
    config.addinivalue_line("markers", "predict: never show the expected value, only the learner's")
    config.addinivalue_line("markers", "chaff: the learner's tests must reject one buggy implementation")


def pytest_collectstart(collector: pytest.Collector) -> None:
    if isinstance(collector, pytest.Module):
        emit(event="collect", path=str(collector.path.resolve()))


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.failed:
        path = Path(report.fspath).resolve()
        emit(event="collect_error", path=str(path), message=describe.collect_message(report))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _state.skip:
        config.hook.pytest_deselected(items=[i for i in items if i.nodeid in _state.skip])
        items[:] = [item for item in items if item.nodeid not in _state.skip]
    emit(event="collected", tests=[_test_info(item) for item in items])


def _limit(item: pytest.Item) -> float:
    marker = item.get_closest_marker("timeout")
    return float(marker.args[0]) if marker and marker.args else _state.limit


def _test_info(item: pytest.Item) -> dict[str, Any]:
    return {"nodeid": item.nodeid, "timeout": _limit(item)}


def pytest_runtest_logstart(nodeid: str) -> None:
    describe.forget_compare()
    emit(event="start", nodeid=nodeid)


def pytest_assertrepr_compare(op: str, left: object, right: object) -> None:
    describe.remember_compare(op, left, right)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item) -> None:
    _state.limit_now = _limit(item)
    _state.deadline = time.monotonic() + _state.limit_now
    _state.current, _state.nodeid = item.name, item.nodeid


def _alarm(_signum: int, _frame: object) -> None:
    raise KataTimeout()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    with _armed():
        return (yield)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    asynchronous = item.get_closest_marker("asyncio") is not None
    virtual_time = item.get_closest_marker("looptime") is not None
    with _armed(), asyncguard.watching(asynchronous=asynchronous, virtual_time=virtual_time):
        return (yield)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    with _armed():
        return (yield)


class _armed:
    """The time left for this check, as an alarm, while one of its phases runs (never while
    pytest builds a report: a timeout there would kill pytest, not the check)."""

    def __enter__(self) -> None:
        left = _state.deadline - time.monotonic()
        if left <= 0:
            raise KataTimeout()
        signal.signal(signal.SIGALRM, _alarm)  # again each time: learner code may replace it
        signal.setitimer(signal.ITIMER_REAL, left)

    def __exit__(self, *_exc: object) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    outcome = yield
    # Innermost wrapper, so this runs before Hypothesis's: without failing examples it skips
    # building a source patch of the grader (~1 s with libcst, and grader source on disk).
    item.__dict__.pop("_hypothesis_failing_examples", None)
    report: pytest.TestReport = outcome.get_result()
    result = _state.results.setdefault(item.nodeid, {"outcome": "passed", "output": ""})
    if item.get_closest_marker("chaff") is not None:
        result["chaff"] = True
    if report.failed and result["outcome"] == "passed" and call.excinfo is not None:
        result.update(outcome="failed", rule=describe.rule_of(item), **describe.failure(call.excinfo.value))
        if item.get_closest_marker("predict") is not None:  # the answer is the exercise
            result["expected"] = None
    elif report.skipped and result["outcome"] == "passed":
        reason = describe.skip_reason(report)
        result.update(outcome="skipped", kind="skipped", message=reason)
    if report.when == "teardown":
        result["output"] = cap((report.capstdout + report.capstderr).strip(), describe.OUTPUT_CAP)


def pytest_runtest_logfinish(nodeid: str) -> None:
    emit(event="result", nodeid=nodeid, **_state.results.pop(nodeid, {"outcome": "passed"}))


def pytest_keyboard_interrupt(excinfo: pytest.ExceptionInfo[BaseException]) -> None:
    """A time limit, or KeyboardInterrupt or pytest.exit() from learner code, ended the session."""
    if isinstance(excinfo.value, KataTimeout):
        where = describe.learner_frame(excinfo.value)
        place = f"; stopped in {where['function']}() at {where['file']}:{where['line']}" if where else ""
        limit = f"did not finish within its {_state.limit_now:g} s time limit{place}"
        emit(event="result", nodeid=_state.nodeid, outcome="failed", kind="timeout", where=where,
             message=limit + f" — {TOO_SLOW}")
    else:
        emit(event="abort", message=describe.abort(excinfo.value, _state.current))


def pytest_internalerror(excinfo: pytest.ExceptionInfo[BaseException]) -> None:
    emit(event="abort", message=describe.internal_error(excinfo.value, _state.current))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish() -> None:
    emit(event="finished")


@pytest.hookimpl(tryfirst=True)
def pytest_unconfigure() -> None:
    """Everything is reported: end here, before pytest's garbage-collection passes (~20 ms).
    Whatever learner code left behind (threads, children) is the supervisor's to clean up."""
    if _state.events is not None:
        _state.events.close()
    _real_exit(0)
