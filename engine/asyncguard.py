"""The asyncio mistakes that would otherwise hang a grade, garble virtual time, or vanish as a
warning nobody reads, turned into a failure of the running check in plain words.

- ``time.sleep()`` called by the learner's code while an event loop runs in that thread blocks
  every other task (under looptime's virtual time it would even hang the check for ever). The
  call raises instead of sleeping, and the check fails with that sentence even if the code
  swallowed the exception.
- In a virtual-time check (``@pytest.mark.looptime``), the learner's code reading
  ``time.monotonic()``, ``time.time()`` or ``time.perf_counter()`` inside a coroutine gets
  real time where the loop runs on virtual time: named the same way.
- In an async check (``@pytest.mark.asyncio``): a coroutine never awaited, a task whose
  exception nobody retrieved, a task garbage-collected while pending. Python only warns or
  logs these, and only when the object is collected; the check collects garbage at its end.

Installed in each kata's process before its module is imported, so ``from time import sleep``
in the learner's module binds the guarded function too. Only calls made *from the learner's
files* are judged; the library's own code (asyncio, pytest, Hypothesis, graders) passes through.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import re
import sys
import time
import warnings
from collections.abc import Callable, Generator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_real = {name: getattr(time, name) for name in ("sleep", "monotonic", "time", "perf_counter")}
_target = "/nonexistent/"
_virtual_time = False
_problems: list[str] = []


class BlockingCall(RuntimeError):
    """What a guarded ``time`` function raises instead of blocking the event loop."""


class AsyncMisuse(AssertionError):
    """The check's failure: one of the mistakes above, in words the learner can act on."""


def install(target: Path) -> None:
    global _target
    _target = str(target.resolve()) + "/"
    time.sleep = _guarded("sleep", "time.sleep() blocks the event loop{at}: inside a coroutine use "
                          "`await asyncio.sleep()`, and move blocking work to `asyncio.to_thread()`")
    for name in ("monotonic", "time", "perf_counter"):
        setattr(time, name, _guarded(name, f"time.{name}() reads the real clock inside a coroutine{{at}}, "
                                     "but the event loop runs on its own clock: read "
                                     "`asyncio.get_running_loop().time()` and wait with `asyncio.sleep()`"))


def _guarded(name: str, message: str) -> Callable[..., Any]:
    real = _real[name]
    always = name == "sleep"

    def guarded(*args: Any) -> Any:
        if (always or _virtual_time) and asyncio._get_running_loop() is not None:
            caller = sys._getframe(1)
            if caller.f_code.co_filename.startswith(_target):
                _problems.append(message.format(at=f" (called at {caller.f_code.co_filename}:{caller.f_lineno})"))
                raise BlockingCall(_problems[-1])
        return real(*args)

    guarded.__name__ = guarded.__qualname__ = name
    guarded.__doc__ = real.__doc__
    return guarded


@contextmanager
def watching(*, asynchronous: bool, virtual_time: bool) -> Generator[None, None, None]:
    """Around one phase of a check: raise ``AsyncMisuse`` for the first mistake seen in it,
    instead of whatever the phase ended with (a time limit still wins)."""
    global _virtual_time
    if asynchronous:
        _forget_earlier_garbage()
    _problems.clear()
    _virtual_time = virtual_time
    log = _AsyncioErrors()
    depth = sys.get_coroutine_origin_tracking_depth()
    with warnings.catch_warnings(record=True) as caught:
        warnings.filterwarnings("always", r"coroutine .* was never awaited", RuntimeWarning)
        if asynchronous:
            logging.getLogger("asyncio").addHandler(log)
            sys.set_coroutine_origin_tracking_depth(max(depth, 1))  # who called it: see _learners()
        try:
            try:
                yield
            finally:
                _virtual_time = False
                if asynchronous:
                    gc.collect()  # what only a cycle kept alive warns or logs now, inside this check
        except Exception:
            _raise_first(caught, log)
            raise
        else:
            _raise_first(caught, log)
        finally:
            logging.getLogger("asyncio").removeHandler(log)
            sys.set_coroutine_origin_tracking_depth(depth)


def _forget_earlier_garbage() -> None:
    """Free what earlier checks left without a word, so that it is not blamed on this check:
    pytest keeps the last failure's traceback (and the coroutines its frames hold) in
    ``sys.last_value`` until the next failure replaces it."""
    for name in ("last_type", "last_value", "last_traceback", "last_exc"):
        if hasattr(sys, name):
            delattr(sys, name)
    asyncio_log = logging.getLogger("asyncio")
    was_disabled, asyncio_log.disabled = asyncio_log.disabled, True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            gc.collect()
    finally:
        asyncio_log.disabled = was_disabled


def _raise_first(caught: list[warnings.WarningMessage], log: _AsyncioErrors) -> None:
    for warning in caught:
        found = _NEVER_AWAITED.search(str(warning.message))
        if found and _learners(warning.source):
            _problems.append(f"the coroutine {found['name']}() was called but never awaited: calling an async "
                             "function only creates a coroutine object — `await` it (or pass it to "
                             "asyncio.create_task() / gather())")
    _problems.extend(log.problems)
    if _problems:
        raise AsyncMisuse(_problems[0]) from None


def _learners(coroutine: object) -> bool:
    """Whether the learner's code made this coroutine: it was called from their file (say
    ``session.commit()`` without ``await``), or defined there. One a library made and dropped
    itself is the library's business: SQLAlchemy, raising MissingGreenlet for a lazy load,
    leaves its driver's ``cursor()`` coroutine un-awaited, and the learner must read about the
    lazy load, not about the driver."""
    code = getattr(coroutine, "cr_code", None)
    if code is None:
        return True  # no coroutine to inspect: better a word too many than a silent mistake
    origin = getattr(coroutine, "cr_origin", None) or ()
    return code.co_filename.startswith(_target) or any(f.startswith(_target) for f, _line, _name in origin)


_NEVER_AWAITED = re.compile(r"coroutine '(?P<name>[\w.<>]+)' was never awaited")


class _AsyncioErrors(logging.Handler):
    """asyncio's own reports of a task nobody looked after, from its default exception handler."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.problems: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if text.startswith("Task exception was never retrieved"):
            exc = record.exc_info[1] if record.exc_info else None
            what = f" ({type(exc).__name__}: {exc})" if exc is not None else ""
            self.problems.append(f"a task failed and nobody retrieved its exception{what}: await the task "
                                 "(or gather it, or use a TaskGroup) so its error reaches the caller")
        elif text.startswith("Task was destroyed but it is pending"):
            self.problems.append("a task was garbage-collected while still running: the event loop keeps only "
                                 "a weak reference to tasks — keep your own (e.g. in a set, discarded in a "
                                 "done-callback) until the task finishes")
