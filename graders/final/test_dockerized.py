"""Grader of the final project's "dockerized" kata: the project's Dockerfile, compose.yaml and
.dockerignore by Day 14's rules (the shared code is graders/support/infra.py), adapted to the
project, plus its own rules:

- Dockerfile: Day 14's thirteen rules, with the project's names: the dependencies
  (``pyproject.toml`` and/or ``requirements*.txt``, lock files) are copied alone and installed
  before the ``taskq`` package is copied; the final stage copies ``taskq/``; uvicorn serves
  the app from ``taskq.api`` (``taskq.api:create_app --factory``, or an app object there) on
  0.0.0.0:8000; COPY sources exist in the project folder.
- compose.yaml (``docker compose config`` on the file alone, beside a ``.env`` the grader
  writes): services ``app``, ``worker`` and one PostgreSQL service (any name); the database
  pinned, ``pg_isready`` healthcheck, named volume, no ports; app and worker built from the
  project (``build: .``) or the worker on the app's image; both depend on the database with
  ``condition: service_healthy``, restart unless-stopped, ``TASKQ_DATABASE_URL`` =
  ``postgresql+asyncpg://<user>:<password from .env>@<db service>:5432/<database>``; the
  worker runs ``python -m taskq.worker``; only the app publishes 8000; no password in the file.
- .dockerignore (Docker's matching rules, docker-py's implementation): .git, .venv/venv,
  tests/, caches at any depth and .env files are not sent; everything the Dockerfile copies is.
"""

from __future__ import annotations

import posixpath
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from docker.utils.build import exclude_paths

import taskq
from engine.files import written
from graders.support import infra
from graders.support.infra import environment, service

PORT = "8000"
BACKENDS = ("app", "worker")
MANIFEST = re.compile(r"(requirements[\w.-]*\.txt|constraints[\w.-]*\.txt|pyproject\.toml|uv\.lock|poetry\.lock|pylock[\w.-]*\.toml)")


def project_dir() -> Path:
    return Path(taskq.__file__).resolve().parents[1]


# =============================================================================== Dockerfile


def dockerfile_text() -> str:
    return written(project_dir() / "Dockerfile")


def stages() -> list[infra.Stage]:
    """The project's Dockerfile as stages (reads it first: on the skeleton, not started)."""
    return infra.parse_stages(dockerfile_text())


def is_source(path: str) -> bool:
    return path == "taskq" or path.startswith("taskq/")


def is_manifest(sources: list[str]) -> bool:
    return all(MANIFEST.fullmatch(posixpath.basename(s)) for s in sources)


def installs_dependencies(run: infra.Instruction) -> bool:
    """A RUN that installs with pip (pip, pip3, python -m pip, uv pip) or uv sync."""
    words = infra.split(run.value)
    uv_sync = any(posixpath.basename(w) == "uv" and words[n + 1 : n + 2] == ["sync"] for n, w in enumerate(words))
    return (infra.runs_pip(run) and bool({"install", "wheel", "sync"} & set(words))) or uv_sync


def test_hadolint_finds_nothing(tmp_path: Path) -> None:
    """Dockerfile rule 1: hadolint finds nothing but DL3008/DL3066; inline ignores do not count."""
    infra.check_hadolint(dockerfile_text(), tmp_path)


def test_a_builder_stage_and_a_final_stage_that_copies_from_it() -> None:
    """Dockerfile rule 2: at least two stages; the final one copies from an earlier stage."""
    infra.check_multi_stage(stages())


def test_the_final_stage_is_a_slim_python_image() -> None:
    """Dockerfile rule 3: the last FROM is python:<version>-slim."""
    infra.check_slim_python_final(stages())


def test_every_base_image_is_pinned() -> None:
    """Dockerfile rule 4: every FROM names a version tag or a digest."""
    infra.check_pinned_bases(stages())


def test_every_python_stage_uses_the_final_stages_python() -> None:
    """Dockerfile rule 5: one Python major.minor in every python stage."""
    infra.check_one_python(stages())


def test_dependencies_are_installed_before_the_package_is_copied() -> None:
    """Dockerfile rule 6: copy the dependency files alone, install, then copy taskq/."""
    infra.check_dependencies_before_source(
        stages(),
        installs=installs_dependencies,
        is_source=is_source,
        is_manifest=is_manifest,
        install_rule="a RUN installs the dependencies (pip install ..., pip wheel ..., uv sync)",
        manifest_rule=(
            "COPY the dependency files alone (pyproject.toml, requirements*.txt, a lock file) "
            "before the first RUN that installs"
        ),
    )


def test_the_final_stage_copies_the_package_and_not_the_whole_context() -> None:
    """Dockerfile rule 7: the final stage copies taskq/; nothing copies the whole context."""
    infra.check_copies_source_not_context(
        stages(),
        is_source=is_source,
        what="what the image needs (taskq/, migrations/, alembic.ini)",
        source_rule="the final stage copies the taskq package from the context (COPY taskq/ ./taskq/)",
    )


def test_the_final_stage_runs_as_a_non_root_user_that_exists() -> None:
    """Dockerfile rule 8: the final stage's last USER is not root; a named user is created first."""
    infra.check_non_root(stages())


def serves_the_app(argv: list[str]) -> bool:
    return any(a.startswith("taskq.api:") and len(a) > len("taskq.api:") for a in argv)


def test_the_command_is_exec_form_uvicorn_on_0_0_0_0_port_8000() -> None:
    """Dockerfile rule 9: exec-form uvicorn serving taskq.api on 0.0.0.0:8000."""
    infra.check_uvicorn_command(
        stages(),
        PORT,
        serves=serves_the_app,
        app_rule="uvicorn serves the app from taskq.api (taskq.api:create_app --factory)",
    )


def test_port_8000_is_exposed() -> None:
    """Dockerfile rule 10: the final stage has EXPOSE 8000."""
    infra.check_exposed(stages(), PORT)


def test_the_healthcheck_probes_health_with_a_tool_the_image_has() -> None:
    """Dockerfile rule 11: an exec-form HEALTHCHECK probes :8000/health."""
    infra.check_healthcheck(stages(), PORT)


def test_no_secret_in_env_or_arg() -> None:
    """Dockerfile rule 12: no ENV or ARG gives a secret-looking name a value."""
    infra.check_no_secret(stages())


def test_every_copy_source_exists_in_the_project() -> None:
    """Dockerfile rule 13: each COPY/ADD source exists in the project folder and stays inside it."""
    infra.check_copy_sources_exist(stages(), project_dir(), "the project folder")


# ================================================================================= Compose


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("compose")


def compose_text() -> str:
    return written(project_dir() / "compose.yaml")


def model(workdir: Path, password: str = infra.PASSWORDS[0]) -> tuple[infra.Run, dict[str, Any]]:
    """The project's compose.yaml, normalised by compose with a .env holding ``password``."""
    return infra.model(workdir, compose_text(), password)


def database(config: dict[str, Any]) -> str:
    """The name of the one service on the postgres image."""
    services = config.get("services") or {}
    found = sorted(n for n, s in services.items()
                   if infra.image_parts(str(s.get("image") or ""))[0] == "postgres")  # fmt: skip
    assert len(found) == 1, (
        "compose.yaml: one PostgreSQL service (image postgres:<major>) beside app and worker — "
        f"services on the postgres image: {found}"
    )
    return found[0]


def test_compose_accepts_the_file(workdir: Path) -> None:
    """`docker compose config` accepts the file (given a .env with POSTGRES_PASSWORD)."""
    _, config = model(workdir)
    assert isinstance(config.get("services"), dict), "compose.yaml: the file defines services"


def test_app_worker_and_a_postgres(workdir: Path) -> None:
    """The services include app, worker and one PostgreSQL service."""
    _, config = model(workdir)
    got = sorted(config.get("services") or {})
    assert {"app", "worker"} <= set(got), f"compose.yaml: has services named app and worker — services: {got}"
    database(config)


def test_the_database_image_is_a_pinned_postgres_major(workdir: Path) -> None:
    """The database runs postgres:<major>, never latest."""
    _, config = model(workdir)
    name = database(config)
    infra.check_pinned_postgres(service(config, name), name)


def test_the_database_healthcheck_runs_pg_isready(workdir: Path) -> None:
    """The database has a healthcheck whose test runs pg_isready."""
    _, config = model(workdir)
    name = database(config)
    infra.check_pg_isready(service(config, name), name)


def test_the_database_data_is_on_a_named_volume(workdir: Path) -> None:
    """The database keeps its data on a named volume declared top-level."""
    run, config = model(workdir)
    name = database(config)
    infra.check_named_volume(run, config, service(config, name), name)


def test_the_database_publishes_no_port(workdir: Path) -> None:
    """The database publishes no port: only the app is reachable from the host."""
    _, config = model(workdir)
    name = database(config)
    infra.check_no_ports(service(config, name), name, f" (app and worker reach it as {name}:5432 on the compose network)")


def test_app_and_worker_are_built_from_the_project(workdir: Path) -> None:
    """app is built with `build: .`; the worker too, or it runs the app's image."""
    run, config = model(workdir)
    app, worker = service(config, "app"), service(config, "worker")
    infra.check_built_here(run, app, "app")
    same_image = worker.get("build") is None and worker.get("image") is not None and worker.get("image") == app.get("image")
    if not same_image:
        infra.check_built_here(run, worker, "worker")


@pytest.mark.parametrize("name", BACKENDS)
def test_waits_for_a_healthy_database(workdir: Path, name: str) -> None:
    """app and worker depend on the database with condition: service_healthy."""
    _, config = model(workdir)
    infra.check_waits_for_healthy(service(config, name), name, database(config))


@pytest.mark.parametrize("name", BACKENDS)
def test_restart_unless_stopped(workdir: Path, name: str) -> None:
    """app and worker have restart: unless-stopped."""
    _, config = model(workdir)
    infra.check_restart(service(config, name), name)


def test_only_the_app_publishes_port_8000(workdir: Path) -> None:
    """The app publishes 8000 as host port 8000; the worker publishes nothing."""
    _, config = model(workdir)
    infra.check_publishes(service(config, "app"), "app", 8000)
    infra.check_no_ports(service(config, "worker"), "worker", "")


def _argv(svc: dict[str, Any]) -> list[str]:
    """The worker container's command: compose's entrypoint + command, or the image's."""
    entry = list(svc.get("entrypoint") or [])
    command = list(svc.get("command") or [])
    if not entry and svc.get("build") is not None:
        try:
            final = stages()[-1]
        except (NotImplementedError, AssertionError, OSError):
            final = None
        image_entry = final.last("ENTRYPOINT") if final is not None else None
        if image_entry is not None:
            entry = infra.exec_args(image_entry.value) or infra.split(image_entry.value)
    return entry + command


def test_the_worker_runs_python_m_taskq_worker(workdir: Path) -> None:
    """The worker's command runs `python -m taskq.worker`."""
    _, config = model(workdir)
    svc = service(config, "worker")
    argv = _argv(svc)
    program = posixpath.basename(argv[0]) if argv else ""
    runs = re.fullmatch(r"python(3(\.\d+)?)?", program) is not None and argv[1:3] == ["-m", "taskq.worker"]
    assert runs, (
        "worker: its command runs the worker process, `command: [\"python\", \"-m\", \"taskq.worker\"]` "
        f"(without one it would run the image's uvicorn) — it is {argv or 'the image default'}"
    )


def test_the_database_password_comes_from_env(workdir: Path) -> None:
    """The database's POSTGRES_PASSWORD follows the .env file; the file holds no password."""
    text = compose_text()
    _, config = model(workdir)
    infra.check_db_password_from_env(workdir, text, database(config), lambda p: model(workdir, p)[1])


@pytest.mark.parametrize("name", BACKENDS)
def test_taskq_database_url_points_at_the_database(workdir: Path, name: str) -> None:
    """TASKQ_DATABASE_URL is postgresql+asyncpg://<user>:<password>@<db service>:5432/<database>."""
    _, config = model(workdir)
    infra.check_url_points_at_db(
        lambda p: model(workdir, p)[1],
        name,
        database(config),
        "TASKQ_DATABASE_URL",
        scheme=lambda s: s,
        want_scheme="postgresql+asyncpg",
    )


def test_no_password_without_env(workdir: Path) -> None:
    """With no .env, config refuses or leaves every password empty."""
    _, config = model(workdir)
    infra.check_no_password_without_env(workdir, compose_text(), database(config), BACKENDS, "TASKQ_DATABASE_URL")


# ============================================================================ .dockerignore


def patterns() -> list[str]:
    text = written(project_dir() / ".dockerignore")
    return [line for line in (raw.strip() for raw in text.splitlines()) if line and not line.startswith("#")]


def sent(files: list[str]) -> set[str]:
    """Which of ``files`` a build context holding them would send (docker-py's walk)."""
    rules = patterns()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name in [*files, "Dockerfile"]:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("x\n", encoding="utf-8")
        included = exclude_paths(folder, list(rules), dockerfile="Dockerfile")
    return {name for name in files if name in included}


NOT_SENT = [
    ".git/HEAD", ".git/objects/ab/cdef0123", ".venv/pyvenv.cfg", ".venv/bin/python", "venv/pyvenv.cfg",
    "tests/test_api.py", "tests/conftest.py",
    "__pycache__/x.cpython-312.pyc", "taskq/__pycache__/api.cpython-312.pyc", "taskq/legacy.pyc",
    "migrations/__pycache__/env.cpython-312.pyc", ".mypy_cache/3.12/taskq/api.meta.json",
    ".pytest_cache/v/cache/lastfailed", "tests/.pytest_cache/v/cache/nodeids", ".hypothesis/examples/ab",
    ".env", ".env.local", "taskq/.env",
]  # fmt: skip


def test_dockerignore_keeps_git_venv_tests_caches_and_env_out() -> None:
    """.dockerignore: .git, .venv/venv, tests/, caches at any depth and .env files are not sent."""
    got = sorted(sent(NOT_SENT))
    assert got == [], (
        ".dockerignore: the build context leaves out .git, .venv and venv, tests/, caches at any "
        "depth (**/__pycache__, **/*.pyc, .mypy_cache, .pytest_cache, .hypothesis) and .env files"
        f" — sent anyway: {got}"
    )


def test_dockerignore_sends_what_the_dockerfile_copies() -> None:
    """.dockerignore: every file the Dockerfile copies from the context is sent."""
    patterns()
    root = project_dir()
    wanted: list[str] = []
    for stage in stages():
        for instruction in stage.all("COPY") + stage.all("ADD"):
            for source in infra.context_sources(instruction) or []:
                base = root / source
                files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else []
                wanted += [p.relative_to(root).as_posix() for p in files
                           if "__pycache__" not in p.parts and p.suffix != ".pyc"]  # fmt: skip
    got = sorted(set(wanted) - sent(sorted(set(wanted))))
    assert got == [], f".dockerignore: sends every file the Dockerfile copies — left out: {got[:5]}"
