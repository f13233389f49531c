"""Day 13's and the final project's graders on a real PostgreSQL 15, as ``KATAS_DATABASE_URL``
runs them for a learner: the reference solutions pass and every Day 13 mutant is rejected there
too (the rest of the self-test grades them on SQLite), and so is each bug only PostgreSQL can
show (``tests/postgres_mutants/``: a claim that waits on a locked row passes on SQLite).

The server is Debian's ``postgresql-15``: a cluster made by ``initdb`` in a temp dir (in RAM when
/dev/shm has room, as the katas' working trees), listening on 127.0.0.1 on a free port, stopped
and removed afterwards (one per test worker). ``initdb`` refuses
to run as root, so as root the cluster belongs to the ``postgres`` user the package creates and
the commands run through ``runuser``. Where no server can be started these cases are skipped,
with the reason; CI installs the package so that they run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine import catalog, grade, runner
from engine.zygote import scratch_root

BINARIES = Path("/usr/lib/postgresql/15/bin")


class Unavailable(Exception):
    """No PostgreSQL 15 server can be started here; the message says why."""


def _as_owner(command: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *command] if owner else command


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def server() -> Iterator[str]:
    """Start a server; yield an asyncpg URL of its ``postgres`` database (user ``postgres``)."""
    if not (BINARIES / "initdb").exists():
        raise Unavailable(f"PostgreSQL 15 is not installed ({BINARIES}/initdb is missing: apt-get install postgresql-15)")
    owner = None
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            raise Unavailable("running as root without runuser: initdb refuses root")
        owner = "postgres"
    # Not under pytest's 0700 temp dirs: the postgres user could not enter them. In RAM when
    # there is room: every check creates a database, ~30 ms there and ~350 ms on this disk.
    fallback = "/var/tmp" if Path("/var/tmp").is_dir() else None
    base = Path(tempfile.mkdtemp(prefix="katas-pg-", dir=scratch_root() or fallback))
    try:
        if owner:
            shutil.chown(base, owner)
        data, port = base / "data", _free_port()

        def run(*command: str) -> None:
            done = subprocess.run(_as_owner(list(command), owner), capture_output=True, text=True, timeout=60)
            if done.returncode != 0:
                raise Unavailable(f"{Path(command[0]).name} failed: {(done.stderr or done.stdout).strip()[-300:]}")

        run(str(BINARIES / "initdb"), "--no-sync", "-A", "trust", "-U", "postgres", "-D", str(data))
        options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        run(str(BINARIES / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(base / "log"), "-w", "start")
        try:
            yield f"postgresql+asyncpg://postgres@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(
                _as_owner([str(BINARIES / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], owner),
                capture_output=True, timeout=60,
            )  # fmt: skip
    finally:
        shutil.rmtree(base, ignore_errors=True)


CATALOG = catalog.load()
DAY = CATALOG.day("day13")
# The final project's katas that use a database (the others read files or run tools).
FINAL = [k for k in CATALOG.day("final").katas if k.name in ("fastapi", "async_db", "workers", "exceptions", "context_managers")]
POSTGRES_MUTANTS = Path(__file__).parent / "postgres_mutants"
# Bugs only SQLite shows: on PostgreSQL the same code is correct.
SQLITE_ONLY = {
    "day13.repository:sql_ids_reused_without_autoincrement": "PostgreSQL's sequences never give an id out twice",
}
MUTANT_CASES = [
    pytest.param(
        kata, path, id=f"{kata.id}:{path.stem}",
        marks=[pytest.mark.skip(reason=SQLITE_ONLY[case])] if (case := f"{kata.id}:{path.stem}") in SQLITE_ONLY else [],
    )
    for kata in DAY.katas
    for path in kata.mutants
]  # fmt: skip


@pytest.fixture(scope="module")
def postgres_pool(state_dir: Path) -> Iterator[runner.Pool]:
    """A warm grading process whose checks get their databases from a real PostgreSQL 15."""
    os.environ["KATA_STATE_DIR"] = str(state_dir)
    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(server())
        except Unavailable as exc:
            pytest.skip(f"Day 13 and the final project were graded on SQLite only: {exc}")
        yield stack.enter_context(runner.Pool(env={**grade.grading_env(), "KATAS_DATABASE_URL": url}))


@pytest.mark.parametrize("katas", [DAY.katas, FINAL], ids=["day13", "final"])
def test_reference_solutions_pass_on_postgres(katas: tuple[catalog.Kata, ...], postgres_pool: runner.Pool) -> None:
    results = grade.grade_katas(list(katas), root=catalog.REPO / "solutions", pool=postgres_pool)
    failed = {r.kata.id: r.message for r in results if r.status.value != "passed"}
    assert not failed, f"on PostgreSQL: {failed}"


@pytest.mark.parametrize(("kata", "mutant"), MUTANT_CASES)
def test_mutant_is_rejected_on_postgres(kata: catalog.Kata, mutant: Path, postgres_pool: runner.Pool, mirror) -> None:  # type: ignore[no-untyped-def]
    result = grade.grade_katas([kata], root=mirror(DAY, {kata.name: mutant}), pool=postgres_pool)[0]
    assert result.status.value == "failed", f"on PostgreSQL the grader must reject {mutant.stem}: got {result.status.value}: {result.message}"


POSTGRES_ONLY_CASES = [
    pytest.param(CATALOG.find_kata(f"{path.parts[-3]}.{path.parts[-2]}"), path, id=f"{path.parts[-3]}.{path.parts[-2]}:{path.name}")
    for path in sorted(POSTGRES_MUTANTS.glob("*/*/*")) if path.is_dir()
]  # fmt: skip


@pytest.mark.parametrize(("kata", "mutant"), POSTGRES_ONLY_CASES)
def test_a_bug_only_postgres_shows_is_rejected_there(kata: catalog.Kata, mutant: Path, postgres_pool: runner.Pool, mirror) -> None:  # type: ignore[no-untyped-def]
    result = grade.grade_katas([kata], root=mirror(CATALOG.day(kata.day), {kata.name: mutant}), pool=postgres_pool)[0]
    assert result.status.value == "failed", f"on PostgreSQL the grader must reject {mutant.name}: got {result.status.value}: {result.message}"
