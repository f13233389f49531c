"""Grader for day14's compose.yaml: an app, a worker and PostgreSQL, checked on the model the
real Compose implementation normalises the file into.

Only the learner's compose.yaml is copied into an empty project directory, beside a `.env` the
grader writes (``POSTGRES_PASSWORD=<test value>``); ``docker-compose config --format json`` runs
there, offline, with an otherwise empty environment. Each (file, .env) pair is run once and the
result shared by the checks. The rules' code is shared with the final project's grader
(graders/support/infra.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import day14
from engine.files import written
from graders.support import infra
from graders.support.infra import environment, service

KATA_FILE = Path(day14.__file__).parent / "compose.yaml"
BACKENDS = ("app", "worker")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("compose")


def model(workdir: Path, password: str = infra.PASSWORDS[0]) -> tuple[infra.Run, dict[str, Any]]:
    """The learner's file, normalised by compose with a .env holding ``password``."""
    return infra.model(workdir, written(KATA_FILE), password)


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
    infra.check_pinned_postgres(service(config, "db"), "db")


def test_db_healthcheck_runs_pg_isready(workdir: Path) -> None:
    """db has a healthcheck, not disabled, whose test runs pg_isready."""
    _, config = model(workdir)
    infra.check_pg_isready(service(config, "db"), "db")


def test_db_data_on_a_named_volume(workdir: Path) -> None:
    """db keeps its data on a named volume, declared top-level, mounted at PostgreSQL's data dir."""
    run, config = model(workdir)
    infra.check_named_volume(run, config, service(config, "db"), "db")


def test_db_publishes_no_port(workdir: Path) -> None:
    """db publishes no port: only the app is reachable from the host."""
    _, config = model(workdir)
    infra.check_no_ports(
        service(config, "db"), "db", " (the app reaches it as db:5432 on the compose network)"
    )


# --- app and worker ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", BACKENDS)
def test_builds_from_the_dockerfile_beside_the_file(workdir: Path, name: str) -> None:
    """app and worker are built with `build: .` (the Dockerfile beside compose.yaml)."""
    run, config = model(workdir)
    infra.check_built_here(run, service(config, name), name)


@pytest.mark.parametrize("name", BACKENDS)
def test_waits_for_a_healthy_db(workdir: Path, name: str) -> None:
    """app and worker depend on db with condition: service_healthy."""
    _, config = model(workdir)
    infra.check_waits_for_healthy(service(config, name), name, "db")


@pytest.mark.parametrize("name", BACKENDS)
def test_restart_unless_stopped(workdir: Path, name: str) -> None:
    """app and worker have restart: unless-stopped."""
    _, config = model(workdir)
    infra.check_restart(service(config, name), name)


def test_only_the_app_publishes_port_8000(workdir: Path) -> None:
    """The app publishes container port 8000 as host port 8000; the worker publishes nothing."""
    _, config = model(workdir)
    infra.check_publishes(service(config, "app"), "app", 8000)
    infra.check_no_ports(service(config, "worker"), "worker", "")


# --- configuration from the environment --------------------------------------------------------


def test_db_password_comes_from_env(workdir: Path) -> None:
    """db's POSTGRES_PASSWORD follows the .env file: two .env values, two different models."""
    text = written(KATA_FILE)
    infra.check_db_password_from_env(workdir, text, "db", lambda p: model(workdir, p)[1])


@pytest.mark.parametrize("name", BACKENDS)
def test_database_url_points_at_db(workdir: Path, name: str) -> None:
    """DATABASE_URL is postgresql://<db's user>:<password from .env>@db:5432/<db's database>."""
    infra.check_url_points_at_db(
        lambda p: model(workdir, p)[1],
        name,
        "db",
        "DATABASE_URL",
        scheme=lambda s: "postgresql" if infra.URL_SCHEME.fullmatch(s) else s,
        want_scheme="postgresql",
    )


def test_no_password_without_env(workdir: Path) -> None:
    """With no .env and no POSTGRES_PASSWORD, config refuses or leaves every password empty."""
    model(workdir)  # with a .env, the file is accepted
    infra.check_no_password_without_env(workdir, written(KATA_FILE), "db", BACKENDS, "DATABASE_URL")
