"""Runs a day's graders in a child pytest process and survives whatever learner code does.

The happy path is one ``python -m pytest`` child and a ``wait()`` that returns the moment it
exits. Isolation costs nothing until something goes wrong:

- a test that outlives its time limit (pytest-timeout's signal normally ends it, but a bare
  ``except:`` in a retry loop swallows that) is killed by the watchdog here;
- a child that dies (``os._exit``, a segfault, ``KeyboardInterrupt``) leaves its streamed
  events behind;

and in both cases the child is restarted on what has not run yet, minus the kata at fault.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.catalog import REPO

DEFAULT_TIMEOUT = 10.0  # per test; generous, since a hung kata skips its remaining tests
GRACE = 2.0  # on top of the per-test limit, for pytest-timeout to fire and report first
POLL = 0.2
STARTUP_LIMIT = 60.0  # pytest and the plugins loading, before the first grader file


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

    @property
    def name(self) -> str:
        return self.nodeid.rpartition("::")[2]


@dataclass
class FileResult:
    """What happened to one grader file (= one kata)."""

    path: Path
    tests: list[TestResult] = field(default_factory=list)
    fatal: str | None = None  # collect_error / timeout / crash
    fatal_message: str = ""
    planned: int = 0


@dataclass
class _Run:
    """The state a watchdog needs about the child currently running."""

    events_path: Path
    offset: int = 0
    # ("startup", ""), ("collect", path), ("test", nodeid) or ("shutdown", ""): what the
    # child is doing now.
    in_flight: tuple[str, str] | None = ("startup", "")
    since: float = field(default_factory=time.monotonic)
    finished: bool = False
    timeouts: dict[str, float] = field(default_factory=dict)


def run_graders(
    files: list[Path],
    *,
    target: Path,
    work: Path,
    timeout: float = DEFAULT_TIMEOUT,
    env: dict[str, str] | None = None,
) -> dict[Path, FileResult]:
    """Run ``files`` against the source root ``target``; one FileResult per file, always."""
    results = {path: FileResult(path) for path in files}
    nodes: dict[str, Path] = {}
    done: set[str] = set()
    remaining = list(files)
    for attempt in range(len(files) + 1):
        if not remaining:
            break
        run = _Run(work / f"events-{attempt}.jsonl")
        log = work / f"pytest-{attempt}.log"
        proc = _start(remaining, run, log, target, timeout, done, env)
        killed = _supervise(proc, run, results, nodes, done, timeout)
        if run.finished:  # every result is in, even if the exit had to be forced
            break
        culprit = _blame(run, results, nodes, killed, timeout, log)
        remaining = [p for p in remaining if p != culprit and results[p].fatal is None]
        if culprit is None:  # died before reaching any test: nothing left to learn by retrying
            for path in remaining:
                _fail(results[path], "crash", "the grading process died: " + _tail(log))
            break
    return results


def _start(
    files: list[Path],
    run: _Run,
    log: Path,
    target: Path,
    timeout: float,
    done: set[str],
    env: dict[str, str] | None,
) -> subprocess.Popen[bytes]:
    child_env = {
        **os.environ,
        **(env or {}),
        "KATA_EVENTS": str(run.events_path),
        "KATA_TARGET": str(target),
        "KATA_PARENT": str(os.getpid()),
        "KATA_SKIP": "\n".join(sorted(done)),
        "PYTHONPATH": os.pathsep.join([str(target), str(REPO)]),
    }
    command = [
        sys.executable, "-m", "pytest", *map(str, files),
        "-p", "engine.plugin", "-p", "no:cacheprovider",
        "--import-mode=importlib", "--rootdir", str(REPO), "-c", str(REPO / "pyproject.toml"),
        "-q", "--no-header", "-W", "ignore", "--continue-on-collection-errors",
        f"--timeout={timeout:g}", "--timeout-method=signal",
    ]  # fmt: skip
    with log.open("wb") as sink:
        # Its own process group, so a kill also ends whatever learner code started
        # (multiprocessing workers, subprocesses) instead of leaving it spinning.
        return subprocess.Popen(
            command, cwd=REPO, env=child_env, stdin=subprocess.DEVNULL, stdout=sink, stderr=sink,
            start_new_session=True,
        )  # fmt: skip


def _supervise(
    proc: subprocess.Popen[bytes],
    run: _Run,
    results: dict[Path, FileResult],
    nodes: dict[str, Path],
    done: set[str],
    timeout: float,
) -> bool:
    """Wait for the child, reading its events; kill it if one step overruns. True if killed."""
    pidfd = _pidfd(proc)
    try:
        return _watch(proc, pidfd, run, results, nodes, done, timeout)
    finally:
        if proc.poll() is None:  # Ctrl-C: the child has its own session, so the terminal's
            _kill_group(proc)  # SIGINT never reached it
        if pidfd is not None:
            os.close(pidfd)


def _watch(
    proc: subprocess.Popen[bytes],
    pidfd: int | None,
    run: _Run,
    results: dict[Path, FileResult],
    nodes: dict[str, Path],
    done: set[str],
    timeout: float,
) -> bool:
    while True:
        try:
            _wait(proc, pidfd, POLL)
        except subprocess.TimeoutExpired:
            _consume(run, results, nodes, done)
            if run.in_flight is not None:
                if run.in_flight[0] == "startup":
                    limit = STARTUP_LIMIT
                elif run.in_flight[0] == "shutdown":  # a learner's non-daemon thread lingers
                    limit = GRACE
                else:
                    limit = run.timeouts.get(run.in_flight[1], timeout) + GRACE
                if time.monotonic() - run.since > limit:
                    _kill_group(proc)
                    _consume(run, results, nodes, done)
                    return True
        else:
            _consume(run, results, nodes, done)
            return False


def _consume(
    run: _Run, results: dict[Path, FileResult], nodes: dict[str, Path], done: set[str]
) -> None:
    for event in _read_new(run):
        kind = event["event"]
        if kind == "collect":
            run.in_flight, run.since = ("collect", event["path"]), time.monotonic()
        elif kind == "collect_error":
            failed = results.get(Path(event["path"]))
            if failed is not None:  # not one of ours (a conftest?): the tests will show it
                _fail(failed, "collect_error", event["message"])
            run.in_flight = None
        elif kind == "collected":
            run.in_flight = None
            for test in event["tests"]:
                path = Path(test["path"])
                nodes[test["nodeid"]] = path
                results[path].planned += 1
                if test["timeout"] is not None:
                    run.timeouts[test["nodeid"]] = float(test["timeout"])
        elif kind == "start":
            run.in_flight, run.since = ("test", event["nodeid"]), time.monotonic()
        elif kind == "result":
            run.in_flight = None
            fields = {k: v for k, v in event.items() if k != "event"}
            test = TestResult(**fields)
            done.add(test.nodeid)
            results[nodes[test.nodeid]].tests.append(test)
        elif kind == "finished":
            run.finished = True
            run.in_flight, run.since = ("shutdown", ""), time.monotonic()


def _read_new(run: _Run) -> Iterator[dict[str, Any]]:
    try:
        with run.events_path.open("rb") as stream:
            stream.seek(run.offset)
            data = stream.read()
    except FileNotFoundError:
        return
    complete = data[: data.rfind(b"\n") + 1]  # a line still being written waits for next time
    run.offset += len(complete)
    for line in complete.splitlines():
        yield json.loads(line)


def _blame(
    run: _Run,
    results: dict[Path, FileResult],
    nodes: dict[str, Path],
    killed: bool,
    timeout: float,
    log: Path,
) -> Path | None:
    """Record why the child stopped early on the grader file it was in; return that file."""
    if run.in_flight is None or run.in_flight[0] == "startup":
        return None
    what, name = run.in_flight
    path = Path(name) if what == "collect" else nodes[name]
    limit = run.timeouts.get(name, timeout)
    if killed and what == "collect":
        message = f"importing your module took longer than {limit:g} s (infinite loop at import?)"
        _fail(results[path], "timeout", message)
    elif killed:
        test = name.rpartition("::")[2]
        _fail(results[path], "timeout", f"{test} did not finish within {limit:g} s")
    else:
        place = "while importing your module" if what == "collect" else f"during {name.rpartition('::')[2]}"
        _fail(results[path], "crash", f"the process exited {place}: {_exit_cause(log)}")
    return path


def _pidfd(proc: subprocess.Popen[bytes]) -> int | None:
    try:
        return os.pidfd_open(proc.pid)
    except (AttributeError, OSError):  # not Linux, or an old kernel
        return None


def _wait(proc: subprocess.Popen[bytes], pidfd: int | None, timeout: float) -> None:
    """Return once the child has exited, or raise TimeoutExpired after ``timeout`` seconds.

    ``Popen.wait(timeout)`` polls with sleeps of up to 50 ms, a delay every grade would pay;
    a pidfd becomes readable exactly when the child exits.
    """
    if pidfd is not None and not select.select([pidfd], [], [], timeout)[0]:
        raise subprocess.TimeoutExpired(proc.args, timeout)
    proc.wait(timeout=timeout)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def _fail(result: FileResult, kind: str, message: str) -> None:
    if result.fatal is None:
        result.fatal, result.fatal_message = kind, message


def _exit_cause(log: Path) -> str:
    text = _tail(log)
    if "KeyboardInterrupt" in text:
        return "KeyboardInterrupt was raised"
    return "your code ended the interpreter (os._exit(), a crash, or a signal)"


def _tail(log: Path, lines: int = 3) -> str:
    try:
        text = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " | ".join(text[-lines:])

