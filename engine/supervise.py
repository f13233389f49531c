"""Watching one kata's grading process: read its events, enforce its time limits, and explain
how it ended when it did not end well. Runs in the zygote, which runs no learner code.

The events file is the kata process's only voice. It is read defensively: a malformed line,
an unknown test id or an oversized field is dropped or capped, never trusted or fatal.
"""

from __future__ import annotations

import json
import os
import re
import signal
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

GRACE = 1.0  # on top of a limit, for the in-process alarm to fire and report first
STARTUP_LIMIT = 30.0  # pytest's session start in a forked child: normally milliseconds
TAIL_BYTES = 8192
MESSAGE_CAP = 2000  # characters: whatever the learner raises, reports stay small


def cap(text: str, limit: int = MESSAGE_CAP) -> str:
    return text if len(text) <= limit else text[:limit] + f"… ({len(text) - limit} more characters)"


@dataclass
class TestResult:
    nodeid: str
    outcome: str  # passed / failed / skipped
    kind: str = ""  # not_implemented / assertion / exception / exit / timeout / skipped
    message: str = ""
    expected: str | None = None
    actual: str | None = None
    detail: str | None = None
    case: str | None = None
    where: dict[str, Any] | None = None
    output: str = ""
    rule: str | None = None  # the spec rule the check states (for failures)
    chaff: bool = False  # a check that the learner's tests reject one buggy implementation

    @property
    def name(self) -> str:
        return self.nodeid.rpartition("::")[2]


@dataclass
class FileResult:
    """What happened to one kata's grader run."""

    path: Path
    tests: list[TestResult] = field(default_factory=list)
    fatal: str | None = None  # collect_error / timeout / crash
    fatal_message: str = ""
    planned: int = 0
    complete: bool = False  # every planned check reported, and nothing crashed: cacheable
    seconds: float = 0.0  # wall time of the kata's process

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = str(self.path)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileResult:
        tests = [TestResult(**t) for t in data.pop("tests")]
        return cls(path=Path(data.pop("path")), tests=tests, **data)


_TEST_FIELDS = {f.name for f in fields(TestResult)}


@dataclass
class KataRun:
    """The supervisor's view of one kata's process."""

    pid: int
    work: Path
    root: Path
    limit: float
    result: FileResult
    in_flight: tuple[str, str] = ("startup", "")
    since: float = field(default_factory=time.monotonic)
    started: float = field(default_factory=time.monotonic)
    finished: bool = False
    offset: int = 0
    timeouts: dict[str, float] = field(default_factory=dict)
    aborted: str | None = None  # why the session was interrupted, from the process itself
    exit_note: str | None = None  # where os._exit() was called

    @property
    def events(self) -> Path:
        return self.work / "events.jsonl"

    def overran(self, now: float) -> bool:
        """Read new events; True when the current step has run past its limit."""
        self.read_events()
        what, name = self.in_flight
        if what == "startup":
            limit = STARTUP_LIMIT
        elif what == "shutdown":  # a learner's non-daemon thread keeps the process alive
            limit = GRACE
        elif what == "test":
            limit = self.timeouts.get(name, self.limit) + GRACE
        else:
            limit = self.limit + GRACE
        return now - self.since > limit

    def read_events(self) -> None:
        try:
            with self.events.open("rb") as stream:
                stream.seek(self.offset)
                data = stream.read()
        except OSError:
            return
        complete = data[: data.rfind(b"\n") + 1]  # a line still being written waits
        self.offset += len(complete)
        for line in complete.splitlines():
            try:
                event = json.loads(line)
                self._apply(event)
            except (ValueError, TypeError, KeyError, AttributeError):
                continue  # not one of ours, or mangled: ignore it

    def _apply(self, event: dict[str, Any]) -> None:
        kind, now = event["event"], time.monotonic()
        result = self.result
        if kind == "importing":
            self.in_flight, self.since = ("import", ""), now
        elif kind == "imported":
            self.in_flight, self.since = ("startup", ""), now
        elif kind == "import_error":
            self._fail("timeout" if event["kind"] == "timeout" else "collect_error", event["message"])
        elif kind == "collect":
            self.in_flight, self.since = ("collect", ""), now
        elif kind == "collect_error":
            self._fail("collect_error", event["message"])
        elif kind == "collected":
            for test in event["tests"]:
                self.timeouts[str(test["nodeid"])] = float(test["timeout"])
            result.planned = len(self.timeouts)
        elif kind == "start":
            self.in_flight, self.since = ("test", str(event["nodeid"])), now
        elif kind == "result":
            self._record(event)
        elif kind == "abort" and self.aborted is None:
            self.aborted = cap(str(event["message"]))
        elif kind == "exit" and self.exit_note is None:
            self.exit_note = _exit_note(event)
        elif kind == "finished":
            self.finished = True
            self.in_flight, self.since = ("shutdown", ""), now

    def _record(self, event: dict[str, Any]) -> None:
        nodeid = str(event["nodeid"])
        if nodeid not in self.timeouts or any(t.nodeid == nodeid for t in self.result.tests):
            return  # not a check this grader defines, or reported twice
        values = {k: v for k, v in event.items() if k in _TEST_FIELDS}
        for name in ("message", "expected", "actual", "detail", "case", "output", "rule"):
            if isinstance(values.get(name), str):
                values[name] = cap(values[name], MESSAGE_CAP)
        if values.get("outcome") not in ("passed", "failed", "skipped"):
            return
        self.result.tests.append(TestResult(**values))
        self.in_flight, self.since = ("between", ""), time.monotonic()

    def _fail(self, kind: str, message: str) -> None:
        if self.result.fatal is None:
            self.result.fatal, self.result.fatal_message = kind, cap(str(message))

    def conclude(self, status: int | None, killed: bool) -> FileResult:
        """Decide how the run ended. ``status`` is the wait status (None if unknown)."""
        self.read_events()
        result = self.result
        result.seconds = round(time.monotonic() - self.started, 4)
        reported = len(result.tests)
        if result.fatal is not None:
            result.complete = result.fatal == "collect_error" and not killed
        elif self.aborted:  # KeyboardInterrupt or pytest.exit(): the message names the check
            self._fail("crash", self.aborted)
        elif any(t.kind == "timeout" for t in result.tests):
            pass  # a check overran and the session stopped there: a timeout, never cached
        elif self.finished and reported == result.planned and result.planned > 0:
            result.complete = True
        elif self.finished and result.planned == 0:
            self._fail("crash", "the grader found no checks to run (did your code replace something pytest relies on?)")
        elif killed and self.in_flight[0] in ("test", "import", "collect"):
            self._fail("timeout", self._overran_message())
        elif self.finished:
            self._fail("crash", f"only {reported} of {result.planned} checks ran")
        else:
            self._fail("crash", f"{self.exit_note or self._death(status)} {self._place()}")
        return result

    def _overran_message(self) -> str:
        what, name = self.in_flight
        if what == "test":
            limit = self.timeouts.get(name, self.limit)
            return (f"{name.rpartition('::')[2]} did not finish within its {limit:g} s time limit and "
                    f"ignored the interrupt (a bare `except:` in a loop?){self._stuck_place()}")
        if what == "import":
            return f"importing your module took longer than {self.limit:g} s (a loop at import time?)"
        return f"loading the grader took longer than {self.limit:g} s"

    def _place(self) -> str:
        what, name = self.in_flight
        if what == "import":
            return "while importing your module"
        if what == "test":
            return f"during {name.rpartition('::')[2]}"
        if what == "collect":
            return "while the grader imported your module"
        return "between checks" if what == "between" else "while the grader started"

    def _death(self, status: int | None) -> str:
        if status is None:
            return "the process ended"
        if (number := _signal_of(status)) is not None:
            try:
                words = _SIGNAL_WORDS.get(signal.Signals(number), signal.Signals(number).name)
            except ValueError:
                words = "killed by a signal"
            return f"{words} (signal {number}){self._crash_place()}"
        return f"the process ended with exit status {_exit_code(status)}"

    def _stuck_place(self) -> str:
        """Where the main thread was when the watchdog asked for a stack dump (SIGUSR1)."""
        text = _tail(self.work / "output.log", 65536)  # a dump under pytest is deep: ~10 kB
        dump = text[text.rfind("Stack (most recent call first)"):] if "Stack (most recent" in text else ""
        for match in _FRAME.finditer(dump):
            if Path(match["file"]).is_relative_to(self.root):
                return f"; it was at {match['file']}:{match['line']}"
        return ""

    def _crash_place(self) -> str:
        """faulthandler's dump names the learner's frame: ``File "…/timed.py", line 12``."""
        for match in _FRAME.finditer(_tail(self.work / "output.log")):
            if Path(match["file"]).is_relative_to(self.root):
                return f" in {match['file']}:{match['line']}"
        return ""


def _exit_note(event: dict[str, Any]) -> str:
    where = event.get("where")
    place = f" at {where['file']}:{where['line']}" if isinstance(where, dict) else ""
    return f"os._exit({int(event['status'])}){place}"


def _signal_of(status: int) -> int | None:
    return os.WTERMSIG(status) if os.WIFSIGNALED(status) else None


def _exit_code(status: int) -> int:
    return os.WEXITSTATUS(status) if os.WIFEXITED(status) else status


def _tail(path: Path, size: int = TAIL_BYTES) -> str:
    try:
        with path.open("rb") as stream:
            stream.seek(0, 2)
            stream.seek(max(0, stream.tell() - size))
            return stream.read().decode("utf-8", "replace")
    except OSError:
        return ""


_FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+)')
_SIGNAL_WORDS = {
    signal.SIGSEGV: "segmentation fault",
    signal.SIGABRT: "abort",
    signal.SIGKILL: "killed",
    signal.SIGBUS: "bus error",
    signal.SIGFPE: "floating-point exception",
    signal.SIGTERM: "terminated",
    signal.SIGXCPU: "CPU time limit",
}
