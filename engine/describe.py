"""Learner exceptions into plain, bounded words: what happened, and where in *their* file.

Everything here must survive hostile input: an exception whose ``__str__`` raises, whose
``__notes__`` is not a list, or whose message is 20 MB. Every text field is capped, so the
report and the results file stay small whatever the learner raises.
"""

from __future__ import annotations

import re
import reprlib
import traceback
from pathlib import Path
from typing import Any

import pytest

from engine.supervise import cap

OUTPUT_CAP = 500  # captured learner output per test (as Exercism does)
STDIN_MARK = "reading from stdin while output is captured"

_target = Path("/nonexistent")
_last_compare: dict[str, str] | None = None
_repr = reprlib.Repr()
_repr.maxstring = _repr.maxother = 200
_repr.maxlist = _repr.maxtuple = _repr.maxset = _repr.maxdict = 12


def set_target(target: Path) -> None:
    global _target
    _target = target.resolve()


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_LOCALS = re.compile(r"\b(\w+)\.<locals>\.")
_GRADER_MODULE = re.compile(r"\bgraders\.\w+\.test_\w+(\.)?")
_PYTEST_TMP = re.compile(r"/\S*?/pytest-of-[^/\s]+/pytest-\d+/")


def clean(text: str) -> str:
    """Learner-facing text without grader internals: object addresses, ``<locals>`` paths,
    grader module names, pytest's temp-dir prefixes."""
    text = _ADDRESS.sub("", text)
    text = _LOCALS.sub("", text)
    # A grader's own names stand for "code of the caller": keep them apart, not their path.
    text = _GRADER_MODULE.sub(lambda m: "" if m[1] else "origin_module", text)
    return _PYTEST_TMP.sub("<tmp>/", text)


def forget_compare() -> None:
    global _last_compare
    _last_compare = None


def remember_compare(op: str, left: object, right: object) -> None:
    """The operands of the failing ``==``; pytest's own explanation still runs."""
    global _last_compare
    if op == "==":
        _last_compare = {"actual": _safe(_repr.repr, left), "expected": _safe(_repr.repr, right)}


def _safe(function: Any, value: object) -> str:
    try:
        return cap(clean(str(function(value))), 1000)
    except BaseException:  # a learner __repr__/__str__ that raises must not hide the failure
        return f"<{type(value).__name__} whose text cannot be shown>"


def text_of(exc: BaseException) -> str:
    """``Type: first line of the message`` (or just the type when there is none)."""
    lines = _safe(str, exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def learner_frame(exc: BaseException) -> dict[str, Any] | None:
    """The innermost traceback frame inside the code being graded, if any."""
    found = None
    try:
        frames = traceback.extract_tb(exc.__traceback__)
    except BaseException:
        return None
    for frame in frames:
        if Path(frame.filename).is_relative_to(_target):
            found = {"file": frame.filename, "line": frame.lineno, "function": frame.name}
    return found


def at(where: dict[str, Any] | None) -> str:
    return f" at {where['file']}:{where['line']}" if where else ""


def failure(exc: BaseException) -> dict[str, Any]:
    """Classify a failed check and pull out what the learner needs to see."""
    try:
        return _failure(exc)
    except BaseException:
        return {"kind": "exception", "message": f"your code raised {type(exc).__name__} (it cannot be shown)"}


def _failure(exc: BaseException) -> dict[str, Any]:
    where = learner_frame(exc)
    details: dict[str, Any] = {"kind": "exception", "message": cap(text_of(exc))}
    if isinstance(exc, NotImplementedError):
        details["kind"] = "not_implemented"
        details["message"] = f"{where['function'] if where else 'a function'}() still raises NotImplementedError"
    elif isinstance(exc, SystemExit):
        details["kind"] = "exit"
        details["message"] = cap(f"your code called sys.exit({exc.code!r}){at(where)} during this check")
    elif isinstance(exc, RecursionError):
        details["message"] = f"deep recursion{at(where)} (RecursionError)"
    elif isinstance(exc, OSError) and STDIN_MARK in _safe(str, exc):
        details["message"] = f"your code read from standard input{at(where)}: a kata gets no input"
    elif isinstance(exc, pytest.fail.Exception):  # a grader's pytest.fail("<spec sentence>")
        details["kind"] = "assertion"
        details["message"] = cap(clean(exc.msg or "check failed"))
    elif isinstance(exc, AssertionError):
        details["kind"] = "assertion"
        spec, _, explanation = _safe(str, exc).partition("\nassert ")
        details["message"] = cap(clean(spec.strip()) or "assertion failed")
        if _last_compare:
            details.update(_last_compare)
    notes = getattr(exc, "__notes__", None)
    if isinstance(notes, list):
        shown = [cap(clean(_case(n))) for n in notes if isinstance(n, str) and not _mentions_grader(n)]
        if shown:
            details["case"] = cap("\n".join(shown))
    if where and details["kind"] not in ("assertion",):
        details["where"] = where
    return details


def rule_of(item: pytest.Item) -> str:
    """The spec rule a check states: its docstring's first line, or its name in words."""
    test = getattr(item, "obj", None)
    doc = (getattr(test, "__doc__", None) or "").strip()
    if not doc and getattr(item, "parent", None) is not None and item.name == "runTest":
        doc = (getattr(getattr(item.parent, "obj", None), "__doc__", None) or "").strip()
    if doc:
        return doc.splitlines()[0]
    if item.name == "runTest" and item.parent is not None:  # a Hypothesis state machine
        words = re.findall(r"[A-Z][a-z]*|[a-z]+|\d+", item.parent.name.removeprefix("Test"))
        return " ".join(words).lower() + ": every sequence of steps"
    name = item.originalname if isinstance(item, pytest.Function) else item.name
    return name.removeprefix("test_").replace("_", " ")


def import_failure(exc: BaseException) -> str:
    """Why importing the learner's module failed, in one line with their file and line."""
    where = learner_frame(exc)
    if isinstance(exc, SystemExit):
        return f"sys.exit({_safe(repr, exc.code)}){at(where)} while importing"
    if isinstance(exc, KeyboardInterrupt):
        return f"KeyboardInterrupt{at(where)} while importing (SIGINT or interrupt_main?)"
    if isinstance(exc, RecursionError):
        return f"deep recursion while importing{at(where)}"
    if isinstance(exc, EOFError | OSError) and (STDIN_MARK in _safe(str, exc) or "standard input" in _safe(str, exc)):
        return f"your code read from standard input while importing{at(where)}: a kata gets no input"
    if isinstance(exc, SyntaxError) and exc.filename:
        return f"SyntaxError: {exc.msg} ({exc.filename}, line {exc.lineno})"
    if isinstance(exc, pytest.skip.Exception):
        return f"your code called pytest.skip(){at(where)} while importing: a kata's checks cannot be skipped"
    if isinstance(exc, pytest.exit.Exception):
        return f"your code called pytest.exit(){at(where)} while importing"
    return cap(f"{text_of(exc)}{at(where)} while importing")


def abort(exc: BaseException, test: str) -> str:
    """A KeyboardInterrupt or pytest.exit() that ended the whole session."""
    where = learner_frame(exc)
    during = f" during {test}" if test else ""
    if isinstance(exc, KeyboardInterrupt):
        return f"KeyboardInterrupt{at(where)}{during} (SIGINT, or _thread.interrupt_main())"
    return cap(f"your code called pytest.exit(){at(where)}{during}")


def internal_error(exc: BaseException, test: str) -> str:
    during = f" during {test}" if test else ""
    return cap(f"your code raised {type(exc).__name__}{at(learner_frame(exc))}{during}, which "
               "pytest could not even report (an exception whose str() or __notes__ is broken?)")


def skip_reason(report: pytest.TestReport) -> str:
    reason = ""
    if isinstance(report.longrepr, tuple) and len(report.longrepr) == 3:
        reason = str(report.longrepr[2]).removeprefix("Skipped: ")
    return cap(f"skipped ({reason or 'no reason given'}): a kata's checks cannot be skipped")


_FALSIFYING = re.compile(r"^Falsifying (?:explicit )?example: \w+\(\s*(?P<args>.*?),?\s*\)$", re.S)


def _case(note: str) -> str:
    """Hypothesis's ``Falsifying example: test_name(x=1, y=2)`` without the grader's name."""
    match = _FALSIFYING.match(note.strip())
    return f"failing case: {match['args'].strip()}" if match else note


def _mentions_grader(note: str) -> bool:
    """Notes a learner cannot act on: grader paths, reproduce blobs, verbosity advice."""
    return any(word in note for word in ("reproduce_failure", "/graders/", ".py:", "Verbosity"))


def collect_message(report: pytest.CollectReport) -> str:
    """A one-line cause for a grader whose import failed, located in the learner's file."""
    text = _safe(str, report.longrepr).strip().splitlines()
    errors = [line[2:].strip() for line in text if line.startswith("E ")]
    message = errors[-1] if errors else (text[-1] if text else "import failed")
    places = [m for line in text if (m := _LOCATION.match(line.strip()))]
    for match in reversed(places):
        path = Path(match["file"]).resolve()
        if path.is_relative_to(_target):
            return cap(f"{message} ({path}:{match['line']})")
    return cap(message)


_LOCATION = re.compile(r"^(?P<file>[^\s:]+\.py):(?P<line>\d+)(?::|$)")
