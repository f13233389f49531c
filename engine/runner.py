"""Grade katas in isolated processes, through a warm zygote (``engine.zygote``).

``Pool`` starts the zygote (one Python start, pytest and Hypothesis imported once) and asks it
to grade kata after kata; the zygote forks a process per kata and runs as many at once as
there are cores. A pool can outlive one grade: ``watch`` keeps it between saves.

What one kata's code does — exit, interrupt, crash, hang, threads, monkeypatches — changes only
its own result; the zygote answers for every kata it was given. Should the zygote itself die
(it runs no learner code, but learner code can still kill it), the katas it had started are
reported as such and the rest are graded by a fresh one.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from engine.catalog import REPO, Kata
from engine.supervise import FileResult, TestResult, cap

__all__ = ["DEFAULT_TIMEOUT", "FileResult", "Pool", "TestResult", "ZygoteError"]

DEFAULT_TIMEOUT = 10.0  # per check; generous, since a hung kata skips its remaining checks
RESTARTS = 2
CLOSE_LIMIT = 10.0  # seconds for the zygote to clean up before it is killed


class ZygoteError(Exception):
    """The grading process could not start at all (a broken install, not learner code)."""


@dataclass(frozen=True)
class Job:
    kata: Kata
    root: Path
    timeout: float
    preimport: bool = True  # import the kata's module alone before its grader runs

    def request(self, number: int) -> dict[str, Any]:
        return {
            "op": "grade", "id": number, "module": f"{self.kata.package}.{self.kata.name}",
            "grader": str(self.kata.grader), "root": str(self.root.resolve()), "timeout": self.timeout,
            "preimport": self.preimport,
        }  # fmt: skip


class Pool:
    """A warm grading process, started at once so its imports overlap the caller's work."""

    def __init__(self, env: dict[str, str] | None = None, jobs: int | None = None, log: Path | None = None) -> None:
        self._env = {**os.environ, **(env or {}), "PYTHONPATH": str(REPO)}
        self._env.pop("PYTHONDONTWRITEBYTECODE", None)
        self._jobs = jobs or len(os.sched_getaffinity(0))
        self._log = log
        self._proc: subprocess.Popen[bytes] | None = None
        self._preloaded: set[str] = set()
        self._start()

    def _start(self) -> None:
        sink: IO[bytes] | int = subprocess.DEVNULL
        if self._log is not None:
            self._log.parent.mkdir(parents=True, exist_ok=True)
            sink = self._log.open("wb")  # the newest zygote's words only: what an error quotes
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "engine.zygote", "--jobs", str(self._jobs)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=sink, env=self._env, cwd="/",
        )  # fmt: skip
        self._preloaded = set()
        self._ready = False
        if not isinstance(sink, int):
            sink.close()

    def preload(self, modules: Sequence[str]) -> None:
        """Import these third-party modules in the zygote, so each kata's fork has them warm."""
        fresh = [m for m in modules if m not in self._preloaded]
        if fresh and self._proc is not None:
            self._send({"op": "preload", "modules": fresh})
            self._preloaded |= set(fresh)

    def grade(self, jobs: Sequence[Job]) -> dict[Kata, FileResult]:
        """Grade ``jobs`` (in parallel, in the order given); one FileResult per kata, always."""
        results: dict[Kata, FileResult] = {}
        pending = dict(enumerate(jobs))
        for _attempt in range(RESTARTS + 1):
            if not pending:
                break
            if self._proc is None or self._proc.poll() is not None:
                self._start()
            started: set[int] = set()
            for number, job in pending.items():
                self._send(job.request(number))
            while pending:
                message = self._receive()
                if message is None and not self._ready:  # it never started: an install problem
                    raise ZygoteError(f"the grading process could not start: {self._log_tail()}")
                if message is None:  # the zygote died: blame what it had started
                    for number in started & set(pending):
                        job = pending.pop(number)
                        results[job.kata] = _died(job)
                    self._proc = None
                    break
                number = int(message.get("id", -1))
                if message.get("event") == "started":
                    started.add(number)
                elif message.get("event") == "result" and number in pending:
                    job = pending.pop(number)
                    results[job.kata] = FileResult.from_json(message["result"])
        for job in pending.values():
            results[job.kata] = _died(job)
        return results

    def _log_tail(self) -> str:
        try:
            lines = (self._log.read_text(errors="replace") if self._log else "").strip().splitlines()
        except OSError:
            lines = []
        errors = [line.strip() for line in lines if "error" in line.lower()]
        return (errors or lines or [f"see {self._log}"])[-1][:300]

    def _send(self, message: dict[str, Any]) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        try:
            self._proc.stdin.write(json.dumps(message).encode() + b"\n")
            self._proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # noticed by the next _receive

    def _receive(self) -> dict[str, Any] | None:
        assert self._proc is not None and self._proc.stdout is not None
        while True:
            line = self._proc.stdout.readline()
            if not line:
                self._proc.wait()
                return None
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if isinstance(message, dict) and message.get("event") == "ready":
                self._ready = True
            elif isinstance(message, dict):
                return message

    def stop_soon(self) -> None:
        """Let the zygote start cleaning up now; ``close()`` waits until it has."""
        if self._proc is not None and self._proc.stdin is not None and not self._proc.stdin.closed:
            try:
                self._proc.stdin.close()
            except OSError:
                pass

    def close(self) -> None:
        """Stop the zygote: it kills whatever is still running and removes its temp files."""
        self.stop_soon()
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            _drain(proc, CLOSE_LIMIT)  # a zygote blocked writing to a full pipe never sees EOF
            proc.wait(timeout=CLOSE_LIMIT)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
        finally:
            if proc.stdout is not None:
                proc.stdout.close()

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _drain(proc: subprocess.Popen[bytes], limit: float) -> None:
    """Read and drop what the zygote still says (results of an interrupted grade) until it
    closes its end or ``limit`` seconds pass."""
    if proc.stdout is None:
        return
    fd, deadline = proc.stdout.fileno(), time.monotonic() + limit
    while (left := deadline - time.monotonic()) > 0:
        if select.select([fd], [], [], left)[0] and not os.read(fd, 65536):
            return


def _died(job: Job) -> FileResult:
    result = FileResult(job.kata.grader)
    result.fatal = "crash"
    result.fatal_message = cap("the grading process was killed while this kata ran (by its code?)")
    return result
