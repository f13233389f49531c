"""The warm process every kata's grading process is forked from: ``python -m engine.zygote``.

It imports pytest, Hypothesis, the plugin and the day's third-party libraries once, prepares
a pytest configuration once, and then forks one process per kata, so each kata is isolated
(its ``exit()``, monkeypatches, threads and crashes touch nobody else) at the price of a fork.
It never imports learner code itself.

Protocol: one JSON object per line. In on stdin: ``{"op": "grade", "id", "module", "grader",
"root", "timeout"}`` or ``{"op": "preload", "modules": [...]}``; EOF means stop. Out on the
original stdout: ``{"event": "ready"}``, ``{"event": "started", "id"}`` and
``{"event": "result", "id", "result"}``.

It is a child subreaper: whatever a kata's code started and orphaned (a ``setsid`` double-fork
daemon included) becomes the zygote's child, and is killed as soon as some kata ends.
"""

from __future__ import annotations

import argparse
import ctypes
import functools
import gc
import importlib
import json
import os
import select
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import deque
from pathlib import Path
from typing import Any, TextIO

from engine.catalog import REPO
from engine.supervise import FileResult, KataRun

PR_SET_PDEATHSIG = 1
SCRATCH = "/dev/shm"
SCRATCH_MIN_FREE = 2 * 1024**3
PR_SET_CHILD_SUBREAPER = 36
POLL = 0.1
STACK_DUMP_WAIT = 0.1  # seconds: faulthandler writes the dump from its C signal handler at once
# Entry-point plugins a grade must not load: parallel runners and a second timeout mechanism.
UNWANTED_PLUGINS = {"xdist", "xdist.looponfail", "timeout", "pytest_timeout"}
# pytest's own plugins that no grade uses: each one costs every kata's session start a little.
# (faulthandler: the kata's process enables it itself, towards its own log.)
IDLE_BUILTINS = ("cacheprovider", "doctest", "faulthandler", "junitxml", "legacypath",
                 "pastebin", "recwarn", "setuponly", "setupplan", "stepwise", "subtests")


def scratch_root() -> str | None:
    """Where the katas' working trees go: a RAM-backed ``/dev/shm`` when there is one with room.

    Every kata makes a few folders, and a learner's suite run against 14 implementations makes
    ~300 ``tmp_path`` folders: on this machine's ext4 disk a mkdir costs ~0.7 ms, on tmpfs
    ~10 us, which is a third of a Day 11 kata's grading time. ``None``: the system's temp dir.
    """
    try:
        room = shutil.disk_usage(SCRATCH)
    except OSError:
        return None
    if room.free < SCRATCH_MIN_FREE or not os.access(SCRATCH, os.W_OK | os.X_OK):
        return None
    return SCRATCH


def _prctl(option: int, value: int) -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(option, value)
    except (OSError, AttributeError):  # not Linux: isolation is weaker, grading still works
        pass


def prepare() -> Any:
    """The pytest configuration every kata process starts its session from."""
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # explicit -p below: no metadata scan per kata
    import hypothesis.extra.pytestplugin  # noqa: F401  (warm: every grader uses it)
    import hypothesis.strategies  # noqa: F401
    from _pytest.config import _prepareconfig

    import engine.child  # noqa: F401

    args = [
        str(REPO / "graders"), "-p", "engine.plugin", *plugin_arguments(),
        *(arg for name in IDLE_BUILTINS for arg in ("-p", f"no:{name}")), "-p", "no:timeout",
        "--import-mode=importlib",
        "--rootdir", str(REPO), "-c", str(REPO / "pyproject.toml"), "-q", "--no-header",
        "-W", "ignore", "--capture=sys",  # fd capture would share one temp file between forks
    ]  # fmt: skip
    return _prepareconfig(args)


def plugin_arguments() -> list[str]:
    """The installed entry-point plugins a grade loads, with their options; the same for the
    graders' sessions and for a learner's suite run inside one (engine/suites.py)."""
    arguments: list[str] = []
    for name, module in _entry_point_plugins():
        if name not in UNWANTED_PLUGINS and module.split(".")[0] not in UNWANTED_PLUGINS:
            arguments += ["-p", name]  # by entry-point name: plugins look each other up by it
    if any(module.startswith("pytest_asyncio") for _, module in _entry_point_plugins()):
        # Async days: a check runs on an event loop only when it says @pytest.mark.asyncio, on
        # a loop of its own (nothing a kata's check leaves on a loop meets the next check).
        arguments += ["-o", "asyncio_mode=strict", "-o", "asyncio_default_fixture_loop_scope=function",
                      "-o", "asyncio_default_test_loop_scope=function"]
    return arguments


def warm_up() -> None:
    """Run one tiny property once, here, so that no kata's process pays Hypothesis's first-run
    costs (engine start-up, Unicode tables, scanning the already-imported modules): ~60 ms
    here saves ~30 ms in every kata."""
    import warnings

    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=3, database=None, derandomize=True, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(st.integers(), st.text(), st.lists(st.floats()), st.dictionaries(st.text(), st.booleans()),
           st.binary(), st.sampled_from([1, 2]))
    def exercise(a: object, b: object, c: object, d: object, e: object, f: object) -> None:
        pass

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "slow code in plugin initialization": on purpose
        exercise()


@functools.cache  # read once, in the zygote, before any fork
def _entry_point_plugins() -> list[tuple[str, str]]:
    from importlib.metadata import entry_points

    return [(ep.name, ep.value.split(":")[0]) for ep in entry_points(group="pytest11")]


class Zygote:
    def __init__(self, config: Any, jobs: int, out: TextIO, base: Path) -> None:
        self.config, self.jobs, self.out, self.base = config, jobs, out, base
        self.queue: deque[dict[str, Any]] = deque()
        self.running: dict[int, tuple[KataRun, dict[str, Any], int | None]] = {}
        self.buffer = b""
        self.count = 0

    def send(self, **message: Any) -> None:
        self.out.write(json.dumps(message) + "\n")
        self.out.flush()

    def serve(self) -> None:
        while True:
            while self.queue and len(self.running) < self.jobs:
                self.start(self.queue.popleft())
            pidfds = [fd for _, _, fd in self.running.values() if fd is not None]
            ready = select.select([0, *pidfds], [], [], POLL)[0]
            if 0 in ready and not self.read_requests():
                return
            now = time.monotonic()
            for pid, (run, request, pidfd) in list(self.running.items()):
                if pidfd in ready or (pidfd is None and _exited(pid)):
                    self.finish(pid, killed=False)
                elif run.overran(now):
                    self.finish(pid, killed=True)

    def read_requests(self) -> bool:
        chunk = os.read(0, 65536)
        if not chunk:
            return False
        self.buffer += chunk
        *lines, self.buffer = self.buffer.split(b"\n")
        for line in lines:
            try:
                request = json.loads(line)
                if request["op"] == "grade":
                    self.queue.append(request)
                elif request["op"] == "preload":
                    _preload(request["modules"])
                    gc.freeze()  # as after warming up
            except (ValueError, KeyError, TypeError):
                continue  # not a request: the parent never sends those
        return True

    def start(self, request: dict[str, Any]) -> None:
        self.count += 1
        work = self.base / f"kata-{self.count}"
        work.mkdir()
        inherited = [self.out.fileno(), *(fd for _, _, fd in self.running.values() if fd is not None)]
        pid = os.fork()
        if pid == 0:
            from engine import child

            for fd in inherited:
                os.close(fd)
            child.run({**request, "work": str(work)}, self.config, zygote=os.getppid())
        try:
            pidfd: int | None = os.pidfd_open(pid)
        except (AttributeError, OSError):
            pidfd = None
        grader = Path(request["grader"])
        run = KataRun(pid, work, Path(request["root"]).resolve(), float(request["timeout"]), FileResult(grader))
        self.running[pid] = (run, request, pidfd)
        self.send(event="started", id=request["id"])

    def finish(self, pid: int, *, killed: bool) -> None:
        run, request, pidfd = self.running.pop(pid)
        if killed:
            _dump_stack(pid)
        _kill_group(pid)  # before reaping: the zombie leader keeps its group id from reuse
        status = os.waitpid(pid, 0)[1]
        if pidfd is not None:
            os.close(pidfd)
        self.sweep()
        result = run.conclude(status, killed)
        self.send(event="result", id=request["id"], result=result.to_json())
        shutil.rmtree(run.work, ignore_errors=True)

    def sweep(self) -> None:
        """Kill whatever learner code left behind: every child that is not a running kata."""
        for _ in range(1000):  # each round kills what the previous round's victims orphaned
            strays = [pid for pid in _children() if pid not in self.running]
            if not strays:
                return
            for pid in strays:
                _kill_group(pid, only_if_own=True, keep={*self.running, os.getpgrp()})
                try:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                except (ProcessLookupError, ChildProcessError):
                    pass

    def stop(self) -> None:
        for pid in list(self.running):
            _kill_group(pid)
        for pid in list(self.running):
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        self.running.clear()
        self.sweep()


def _children() -> list[int]:
    me = os.getpid()
    try:
        return [int(p) for p in Path(f"/proc/{me}/task/{me}/children").read_text().split()]
    except OSError:
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == me:
                found.append(int(stat.parent.name))
        return found


def _kill_group(pid: int, *, only_if_own: bool = False, keep: set[int] | None = None) -> None:
    try:
        group = os.getpgid(pid) if only_if_own else pid
        if keep is None or group not in keep:
            os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _dump_stack(pid: int) -> None:
    """Have a stuck kata's process write where it is to its log (its SIGUSR1 handler is
    faulthandler's, which runs even inside a loop that swallows exceptions)."""
    try:
        os.kill(pid, signal.SIGUSR1)
    except ProcessLookupError:
        return
    time.sleep(STACK_DUMP_WAIT)


def _exited(pid: int) -> bool:
    return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None


def _preload(modules: list[str]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except BaseException:  # noqa: BLE001  (a library that cannot import: the kata will say so)
            continue


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    jobs = max(1, parser.parse_args().jobs)
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it closes our stdin
    base = Path(tempfile.mkdtemp(prefix="kata-grade-", dir=scratch_root()))
    zygote: Zygote | None = None
    try:  # from here on: a SIGTERM while pytest is still being prepared removes `base` too
        os.chdir(base)
        zygote = Zygote(prepare(), jobs, out, base)
        warm_up()
        # What is imported by now lives as long as the zygote: a kata's garbage collections (the
        # async checks collect twice each) need not scan it, and its pages stay shared after fork.
        gc.freeze()
        zygote.send(event="ready")
        zygote.serve()
    except SystemExit:
        pass
    except BaseException:  # noqa: BLE001  (a broken install: the parent quotes this log)
        traceback.print_exc()
        sys.stderr.flush()
    finally:
        if zygote is not None:
            zygote.stop()
        os.chdir("/")
        shutil.rmtree(base, ignore_errors=True)
        out.close()
        os._exit(0)  # nothing left to clean: skip tearing down pytest and Hypothesis (~50 ms)


if __name__ == "__main__":
    main()
