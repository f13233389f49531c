"""One kata's grading process, forked from the warm zygote: set up a private world, import the
learner's module under a time limit, then run the kata's grader with the prepared pytest config.

Nothing here returns: the process ends with ``os._exit`` once its events are written, so none
of the zygote's state (open files, buffers, atexit hooks) is ever run twice.
"""

from __future__ import annotations

import ctypes
import faulthandler
import importlib
import io
import os
import resource
import signal
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any, NoReturn

from engine import asyncguard, describe, plugin
from engine.catalog import REPO

MEMORY_LIMIT = 4 * 1024**3
# The kata's temp files may live in RAM (zygote.scratch_root): one runaway write stops at a
# clear OSError (EFBIG) instead of filling the machine's memory.
FILE_SIZE_LIMIT = 1024**3
PR_SET_PDEATHSIG = 1


class _NoInput(io.TextIOBase):
    """``sys.stdin`` while a kata's module is imported: a read is a clear error, not a hang."""

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:
        raise EOFError("your code read from standard input")

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        raise EOFError("your code read from standard input")


def run(request: dict[str, Any], config: Any, zygote: int) -> NoReturn:
    try:
        _grade(request, config, zygote)
    except BaseException:  # a bug of ours, never the learner's: leave its trace in the log
        traceback.print_exc()
        sys.stderr.flush()
    plugin._real_exit(70)


def _grade(request: dict[str, Any], config: Any, zygote: int) -> None:
    work = Path(request["work"])
    root = Path(request["root"])
    _isolate(work, zygote)
    sys.path.insert(0, str(root))
    os.environ["PYTHONPATH"] = os.pathsep.join([str(root), str(REPO)])
    events = work / "events.jsonl"
    plugin.configure(events, target=root, limit=float(request["timeout"]), skip=frozenset(request.get("skip", ())))
    asyncguard.install(root)
    _trap_exits()
    if request.get("preimport", True) and not _import_learner_module(request["module"], float(request["timeout"])):
        plugin._real_exit(0)
    config.args = [request["grader"]]
    config.hook.pytest_cmdline_main(config=config)  # ends in the plugin's pytest_unconfigure


def _isolate(work: Path, zygote: int) -> None:
    """Own session (a kill takes everything it started), death with the zygote, a private
    cwd/HOME/TMPDIR, output to the kata's log, and caps on memory and on a file's size."""
    os.setsid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != zygote:  # the zygote died before the request was made
        plugin._real_exit(1)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD, signal.SIGPIPE):
        signal.signal(sig, signal.SIG_DFL if sig != signal.SIGINT else signal.default_int_handler)
    log = os.open(work / "output.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    faulthandler.enable(file=sys.__stderr__ or sys.stderr, all_threads=True)
    # The watchdog asks for the main thread's stack before it kills a stuck check.
    faulthandler.register(signal.SIGUSR1, file=sys.__stderr__ or sys.stderr, all_threads=False)
    home, tmp, cwd = work / "home", work / "tmp", work / "cwd"
    for folder in (home, tmp, cwd):
        folder.mkdir(exist_ok=True)
    os.chdir(cwd)
    os.environ.update(HOME=str(home), TMPDIR=str(tmp), TMP=str(tmp), TEMP=str(tmp))
    tempfile.tempdir = None  # re-read TMPDIR
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY or soft > MEMORY_LIMIT:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, hard))
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    if soft == resource.RLIM_INFINITY or soft > FILE_SIZE_LIMIT:
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, hard))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit raises, never kills


def _trap_exits() -> None:
    """``os._exit()`` from learner code leaves a note of where it was called, then exits."""

    def _exit(status: int) -> NoReturn:
        frame = sys._getframe(1)
        where = None
        while frame is not None:
            if Path(frame.f_code.co_filename).is_relative_to(describe._target):
                where = {"file": frame.f_code.co_filename, "line": frame.f_lineno}
                break
            frame = frame.f_back  # type: ignore[assignment]
        plugin.emit(event="exit", status=status, where=where)
        plugin._real_exit(status)

    os._exit = _exit


def _import_learner_module(module: str, limit: float) -> bool:
    """Import the kata's module first, alone: what goes wrong at import is named precisely
    (``sys.exit(0) at katas/day7/timed.py:88 while importing``) instead of through pytest."""
    plugin.emit(event="importing", module=module)
    saved_stdin = sys.stdin
    sys.stdin = _NoInput()
    signal.signal(signal.SIGALRM, plugin._alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        importlib.import_module(module)
    except plugin.KataTimeout:
        plugin.emit(event="import_error", kind="timeout",
                    message=f"importing your module took longer than {limit:g} s (a loop at import time?)")
        return False
    except BaseException as exc:
        signal.setitimer(signal.ITIMER_REAL, 0)
        plugin.emit(event="import_error", kind="error", message=describe.import_failure(exc))
        return False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        sys.stdin = saved_stdin
    plugin.emit(event="imported")
    return True
