"""Sessions: one per plan day that has katas (``nox -s day7``), plus ``selftest``.

Everything is read from ``catalog.toml``; nothing here names a day or a kata.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import nox

if sys.version_info < (3, 11):
    raise SystemExit("these katas need Python 3.11 or newer to run nox with")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from engine import catalog  # noqa: E402  (needs the path above)

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["status"]

# Bytecode caching is worth ~0.4 s a grade; the engine keeps the caches out of katas/.
RUN_ENV: dict[str, str | None] = {"PYTHONDONTWRITEBYTECODE": None}


def install(session: nox.Session, *requirements: Path) -> None:
    """Install pinned requirements, skipped while they are unchanged since the last install."""
    if not isinstance(session.virtualenv, nox.virtualenv.VirtualEnv):
        return
    marker = Path(session.virtualenv.location) / ".kata-requirements.sha256"
    digest = hashlib.sha256()
    for path in _with_included(requirements):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    if marker.exists() and marker.read_text() == digest.hexdigest():
        return
    if not _install_from_uv_cache(session, requirements):
        session.install(*(arg for path in requirements for arg in ("-r", str(path))))
    marker.write_text(digest.hexdigest())


def _with_included(requirements: tuple[Path, ...]) -> list[Path]:
    """The files and every file their ``-r`` lines include: a change in any one reinstalls."""
    found: list[Path] = []
    pending = list(requirements)
    while pending:
        path = pending.pop(0)
        if path not in found:
            found.append(path)
            lines = path.read_text().splitlines()
            pending += [path.parent / line[3:].strip() for line in lines if line.startswith("-r ")]
    return found


def _install_from_uv_cache(session: nox.Session, requirements: tuple[Path, ...]) -> bool:
    """Try uv offline first: with every pin already in uv's cache (any other day installed
    them) it takes ~0.2 s instead of ~1.5 s of index round trips. False: go online."""
    if session.venv_backend != "uv":
        return False
    has_uv, uv, _version = nox.virtualenv.find_uv()
    python = Path(session.virtualenv.location) / "bin" / "python"
    if not has_uv or not python.exists():
        return False
    command = [uv, "pip", "install", "--offline", "--quiet", "--python", str(python),
               *(arg for path in requirements for arg in ("-r", str(path)))]
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


def _run_quietly_failing(venv: Path, command: list[str]) -> int:
    """Run the engine in the session's venv; Ctrl-C is the engine's to handle (it stops the
    grade and everything it started, then exits 130), so nox ignores it meanwhile."""
    env = {k: v for k, v in os.environ.items() if k not in RUN_ENV}
    env |= {"VIRTUAL_ENV": str(venv), "PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"}
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return subprocess.call([str(venv / "bin" / "python"), *command], env=env)
    finally:
        signal.signal(signal.SIGINT, previous)


def requirements_for(day: catalog.Day) -> Path:
    """A day needing more than the grading tools has ``requirements/<session>.txt``."""
    own = HERE / "requirements" / f"{day.session}.txt"
    return own if own.exists() else HERE / "requirements" / "grading.txt"


def _install_only(session: nox.Session) -> bool:
    """``nox --install-only``: nox has no public flag for it, so read its runner's config."""
    return bool(getattr(getattr(getattr(session, "_runner", None), "global_config", None), "install_only", False))


def _grading_session(day: catalog.Day) -> None:
    def grade(session: nox.Session) -> None:
        install(session, requirements_for(day))
        command = ["-m", "engine", "grade", day.session, *session.posargs, "--cwd", session.invoked_from]
        if not isinstance(session.virtualenv, nox.virtualenv.VirtualEnv):  # --no-venv
            session.run("python", *command, env=RUN_ENV)
            return
        if _install_only(session):  # session.run() skips itself then; this bypass must too
            session.log("Skipping the grade, as --install-only is set.")
            return
        session.log(f"python {' '.join(command)}")
        status = _run_quietly_failing(Path(session.virtualenv.location), command)
        if status:
            # The report above has said what is not passing yet: end with its exit status
            # (CI badges need it) but without nox's "Session failed" under it.
            raise SystemExit(status)

    grade.__doc__ = f"{day.label} — {day.title}: grade your katas (-- KATA, --failed, --solutions, --json PATH, -v)"
    nox.session(grade, name=day.session)


for _day in catalog.load().graded_days:
    _grading_session(_day)


@nox.session(venv_backend="none")
def days(session: nox.Session) -> None:
    """List the plan days and how to grade them."""
    for day in catalog.load().days:
        katas = ", ".join(k.name for k in day.katas) or "(no katas yet)"
        session.log(f"{day.session:<10} {day.label} — {day.title}: {katas}")
    session.log("Grade a day with: nox -s day1   (then: nox -s day1 -- KATA | --json r.json | -v)")


def _engine(session: nox.Session, command: str) -> None:
    """Run an engine command in this session's venv (or nox's own Python when it has none)."""
    _engine_run(session, command, *session.posargs)


def _engine_run(session: nox.Session, *arguments: str) -> None:
    python = "python" if isinstance(session.virtualenv, nox.virtualenv.VirtualEnv) else sys.executable
    session.run(python, "-m", "engine", *arguments, env=RUN_ENV, external=True)


def _requirements_of(name: str, posargs: list[str]) -> list[Path]:
    """What a learner command grades with: every day's tools for ``progress`` and
    ``mock-interview`` (they grade the whole plan), the named day's for ``watch -- day9``, the
    grading tools otherwise."""
    days = catalog.load().graded_days
    if name in ("progress", "mock-interview"):
        return sorted({requirements_for(day) for day in days})
    named = [requirements_for(day) for day in days if day.session in posargs]
    return named[:1] or [HERE / "requirements" / "grading.txt"]


def _grading_tools_session(name: str, doc: str) -> None:
    def run(session: nox.Session) -> None:
        install(session, *_requirements_of(name, session.posargs))
        _engine(session, name)

    run.__doc__ = doc
    nox.session(run, name=name)


def _plain_session(name: str, doc: str) -> None:
    def run(session: nox.Session) -> None:
        _engine(session, name)

    run.__doc__ = doc
    nox.session(run, name=name, venv_backend="none")


_grading_tools_session("progress", "Tick the plan's checklist from your grades; write PROGRESS.md and badges/.")
_grading_tools_session("solution", "Show a kata's reference solution once it passes (-- day7.retry [--force]).")
_grading_tools_session("watch", "Regrade a day on every save (-- day7).")
_grading_tools_session("mock-interview", "A timed drill of questions from the whole library (-- --minutes 45 --topics async,oop; --grade).")
_plain_session("status", "Every day's katas with their last status, and the next one to do (the default).")
_plain_session("hint", "Show the next hint of a kata (-- day7.retry [--all]).")
_plain_session("reset", "Restore a kata's stub; your file is backed up first (-- day7.retry [--yes]).")
_plain_session("restore", "Bring back your file as it was before the last reset (-- day7.retry).")
_plain_session("fork-badges", "Point the README's day badges at your fork's GitHub Actions.")
_plain_session("workflows", "Maintainers: regenerate .github/workflows/<day>.yml and the README badge row.")


def _export_session(day: catalog.Day) -> None:
    def run(session: nox.Session) -> None:
        if len(session.posargs) != 1:
            session.error(f"name the folder to write: nox -s export-{day.session} -- DIR")
        _engine_run(session, "export", day.session, *session.posargs, "--cwd", session.invoked_from)

    run.__doc__ = f"Write {day.title} out as its own git repository, ready to push (-- DIR)."
    nox.session(run, name=f"export-{day.session}", venv_backend="none")


for _day in catalog.load().graded_days:
    if any(k.is_project for k in _day.katas):
        _export_session(_day)


@nox.session
def selftest(session: nox.Session) -> None:
    """The library's own tests: solutions pass, stubs are not started, mutants are rejected."""
    install(session, HERE / "requirements" / "selftest.txt")
    with _scratch_basetemp(session.posargs) as basetemp:
        session.run("python", "-m", "pytest", "-n", "auto", *basetemp, *session.posargs, env=RUN_ENV)


@contextlib.contextmanager
def _scratch_basetemp(posargs: list[str]) -> Iterator[list[str]]:
    """The tests' temp folders in RAM (/dev/shm) when it has room, removed afterwards: they
    grade hundreds of copied days, and a file made on this disk costs ~70x one made there
    (measured: the Day 7-8 grading tests, four runs each, a mean of 45.6 s on disk and 39.4 s
    there). Your own ``-- --basetemp DIR`` wins, and is kept for you to look into."""
    from engine.zygote import scratch_root  # here: every other session's start-up need not import it

    scratch = scratch_root()
    if scratch is None or any(arg.startswith("--basetemp") for arg in posargs):
        yield []
        return
    folder = tempfile.mkdtemp(prefix="kata-selftest-", dir=scratch)
    try:
        yield ["--basetemp", folder]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
