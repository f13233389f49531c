"""Grader for day14's Dockerfile: hadolint finds nothing (two rules excepted), plus the
production rules hadolint does not check, read with dockerfile-parse: stages, pinned slim
bases, layer order, a non-root user, the exec-form uvicorn command, EXPOSE, a HEALTHCHECK
that can run, no secrets, COPY sources that exist. Nothing is built: no Docker engine.

The rules' code is shared with the final project's grader (graders/support/infra.py).
"""

from pathlib import Path

import day14

from engine.files import written
from graders.support import infra

CONTEXT = Path(day14.__file__).parent
PORT = "8000"


def learner_text() -> str:
    return written(CONTEXT / "Dockerfile")


def stages() -> list[infra.Stage]:
    """The learner's Dockerfile as stages (reads it first: on the stub this is not started)."""
    return infra.parse_stages(learner_text())


def is_source(path: str) -> bool:
    return path == "service" or (path.startswith("service/") and path != "service/requirements.txt")


def test_hadolint_finds_nothing(tmp_path: Path) -> None:
    """Rule 1: hadolint finds nothing at any level but DL3008/DL3066; inline ignores do not count."""
    infra.check_hadolint(learner_text(), tmp_path)


def test_a_builder_stage_and_a_final_stage_that_copies_from_it() -> None:
    """Rule 2: at least two stages; the final one copies from an earlier stage."""
    infra.check_multi_stage(stages())


def test_the_final_stage_is_a_slim_python_image() -> None:
    """Rule 3: the last FROM is the official python image with a -slim tag."""
    infra.check_slim_python_final(stages())


def test_every_base_image_is_pinned() -> None:
    """Rule 4: every FROM names a version tag or a digest, never untagged or latest."""
    infra.check_pinned_bases(stages())


def test_every_python_stage_uses_the_final_stages_python() -> None:
    """Rule 5: the builder's Python major.minor is the final stage's."""
    infra.check_one_python(stages())


def test_requirements_are_installed_before_the_source_is_copied() -> None:
    """Rule 6: COPY service/requirements.txt, then the pip -r RUN, then the source COPY."""
    infra.check_dependencies_before_source(
        stages(),
        installs=infra.installs_requirements,
        is_source=is_source,
        is_manifest=lambda sources: sources == ["service/requirements.txt"],
        install_rule="a RUN installs the requirements with pip -r <the copied requirements.txt>",
        manifest_rule="COPY service/requirements.txt (that file alone) before the RUN that installs it",
    )


def test_the_final_stage_copies_the_service_package_and_not_the_whole_context() -> None:
    """Rule 7: the final stage copies service/; nothing copies the whole context."""
    infra.check_copies_source_not_context(
        stages(),
        is_source=is_source,
        what="the service package",
        source_rule="the final stage copies the service package from the context (COPY service/ ./service/)",
    )


def test_the_final_stage_runs_as_a_non_root_user_that_exists() -> None:
    """Rule 8: the final stage's last USER is not root/0; a named user is created first."""
    infra.check_non_root(stages())


def test_the_command_is_exec_form_uvicorn_on_0_0_0_0_port_8000() -> None:
    """Rule 9: exec-form CMD/ENTRYPOINT runs uvicorn service.app:app on 0.0.0.0:8000."""
    infra.check_uvicorn_command(
        stages(),
        PORT,
        serves=lambda argv: "service.app:app" in argv,
        app_rule="uvicorn serves the app service.app:app",
    )


def test_port_8000_is_exposed() -> None:
    """Rule 10: the final stage has EXPOSE 8000."""
    infra.check_exposed(stages(), PORT)


def test_the_healthcheck_probes_health_with_a_tool_the_image_has() -> None:
    """Rule 11: an exec-form HEALTHCHECK probes :8000/health with a tool the image has."""
    infra.check_healthcheck(stages(), PORT)


def test_no_secret_in_env_or_arg() -> None:
    """Rule 12: no ENV or ARG gives a secret-looking name a value."""
    infra.check_no_secret(stages())


def test_every_copy_source_exists_in_the_context() -> None:
    """Rule 13: each COPY/ADD source from the context exists there and stays inside it."""
    infra.check_copy_sources_exist(stages(), CONTEXT, "katas/day14/")
