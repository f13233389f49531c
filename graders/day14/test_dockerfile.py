"""Grader for day14's Dockerfile: hadolint finds nothing (two rules excepted), plus the
production rules hadolint does not check, read with dockerfile-parse: stages, pinned slim
bases, layer order, a non-root user, the exec-form uvicorn command, EXPOSE, a HEALTHCHECK
that can run, no secrets, COPY sources that exist. Nothing is built: no Docker engine.
"""

import fnmatch
import json
import posixpath
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import day14
from dockerfile_parse import DockerfileParser

from engine.files import written

CONTEXT = Path(day14.__file__).parent
PORT = "8000"

# hadolint findings that do not fail the kata, and why (the spec says the same).
NOT_COUNTED = {
    "DL3008": "apt version pins break when Debian replaces the version; the base image is pinned",
    "DL3066": "a named USER is fine here",
}


@dataclass
class Instruction:
    name: str  # upper case: FROM, RUN, COPY...
    value: str
    line: int  # 1-based, as an editor shows it

    def flags_and_args(self) -> tuple[dict[str, str], list[str]]:
        """``--from=x --chown=y a b`` -> ({'from': 'x', 'chown': 'y'}, ['a', 'b']); JSON form too."""
        text = self.value.strip()
        flags: dict[str, str] = {}
        while text.startswith("--"):
            flag, _, text = text.partition(" ")
            key, _, val = flag[2:].partition("=")
            flags[key.lower()] = val
            text = text.strip()
        exec_form = exec_args(text)
        return flags, exec_form if exec_form is not None else split(text)


@dataclass
class Stage:
    index: int
    image: str  # as resolved by dockerfile-parse (ARG defaults substituted)
    alias: str | None
    line: int
    instructions: list[Instruction] = field(default_factory=list)
    stage_ref: bool = False  # FROM <an earlier stage>

    def all(self, name: str) -> list[Instruction]:
        return [i for i in self.instructions if i.name == name]

    def last(self, name: str) -> Instruction | None:
        found = self.all(name)
        return found[-1] if found else None


def split(text: str) -> list[str]:
    try:
        return shlex.split(text, comments=False)
    except ValueError:
        return text.split()


def exec_args(text: str) -> list[str] | None:
    """The JSON-array (exec) form's arguments, or None when the text is shell form."""
    text = text.strip()
    if not text.startswith("["):
        return None
    try:
        args = json.loads(text)
    except ValueError:
        return None
    if isinstance(args, list) and all(isinstance(a, str) for a in args):
        return args
    return None


def learner_text() -> str:
    return written(CONTEXT / "Dockerfile")


def stages() -> list[Stage]:
    """The learner's Dockerfile as stages (reads it first: on the stub this is not started)."""
    text = learner_text()
    with tempfile.TemporaryDirectory() as folder:
        parser = DockerfileParser(path=folder)
        parser.content = text
        structure = parser.structure
        resolved = parser.parent_images
    found: list[Stage] = []
    aliases: set[str] = set()
    for item in structure:
        name = item["instruction"].upper()
        line = int(item["startline"]) + 1
        if name == "FROM":
            words = [w for w in item["value"].split() if not w.startswith("--")]
            image = (
                resolved[len(found)] if len(found) < len(resolved) else (words[0] if words else "")
            )
            alias = words[2].lower() if len(words) >= 3 and words[1].lower() == "as" else None
            stage = Stage(len(found), image, alias, line, stage_ref=image.lower() in aliases)
            if alias:
                aliases.add(alias)
            found.append(stage)
        elif found and name != "COMMENT":
            found[-1].instructions.append(Instruction(name, item["value"], line))
    assert found, "Dockerfile: it needs at least one FROM"
    return found


def final_stage() -> Stage:
    return stages()[-1]


def image_parts(image: str) -> tuple[str, str | None, str | None]:
    """``docker.io/library/python:3.12-slim@sha256:..`` -> ('python', '3.12-slim', 'sha256:..')."""
    name, _, digest = image.partition("@")
    last = name.rsplit("/", 1)[-1]
    tag = last.partition(":")[2] if ":" in last else None
    repo = name[: len(name) - len(tag) - 1] if tag is not None else name
    for prefix in ("docker.io/", "index.docker.io/", "library/"):
        repo = repo.removeprefix(prefix)
    repo = repo.removeprefix("library/")
    return repo.lower(), tag, digest or None


def python_minor(tag: str | None) -> str | None:
    match = re.match(r"(\d+\.\d+)", tag or "")
    return match.group(1) if match else None


def norm(source: str) -> str:
    """A COPY source as a context path: ``./service/`` -> ``service``."""
    path = posixpath.normpath(source.strip())
    return "." if path in ("", "/") else path.lstrip("/") or "."


def context_sources(instruction: Instruction) -> list[str] | None:
    """A COPY/ADD's sources from the build context, or None for ``COPY --from=...``."""
    flags, args = instruction.flags_and_args()
    if "from" in flags:
        return None
    return [norm(a) for a in args[:-1]]


def is_source(path: str) -> bool:
    return path == "service" or (path.startswith("service/") and path != "service/requirements.txt")


def installs_requirements(run: Instruction) -> bool:
    """A RUN that runs pip (pip, pip3, python -m pip, uv pip) with a requirements file."""
    words = split(run.value)
    runs_pip = any(
        posixpath.basename(w) in ("pip", "pip3") or re.fullmatch(r"pip3(\.\d+)?", w) for w in words
    )
    with_file = any(
        w in ("-r", "--requirement") or w.startswith(("-r", "--requirement=")) for w in words
    )
    return runs_pip and with_file


def show(instruction: Instruction) -> str:
    return f"line {instruction.line}: {instruction.name} {instruction.value}"


# --------------------------------------------------------------------------------- hadolint


def hadolint() -> str:
    found = Path(sys.executable).parent / "hadolint"
    return str(found) if found.exists() else (shutil.which("hadolint") or "hadolint")


def test_hadolint_finds_nothing(tmp_path: Path) -> None:
    """Rule 1: hadolint finds nothing at any level but DL3008/DL3066; inline ignores do not count."""
    text = learner_text()
    config = tmp_path / "hadolint.yaml"
    config.write_text("{}\n", encoding="utf-8")
    done = subprocess.run(
        [
            hadolint(),
            "--format",
            "json",
            "--no-color",
            "--disable-ignore-pragma",
            "--config",
            str(config),
            "-",
        ],
        input=text,
        check=False,
        capture_output=True,
        text=True,
        timeout=8,
        cwd=tmp_path,
    )
    try:
        findings = json.loads(done.stdout or "[]")
    except ValueError:
        raise AssertionError(
            f"hadolint could not read the Dockerfile: {(done.stderr or done.stdout).strip()}"
        ) from None
    counted = [
        f"{f['code']} (line {f['line']}, {f['level']}): {f['message']}"
        for f in findings
        if f["code"] not in NOT_COUNTED
    ]
    assert counted == [], "Dockerfile: hadolint must find nothing (DL3008 and DL3066 excepted)"


# ------------------------------------------------------------------------------ the stages


def test_a_builder_stage_and_a_final_stage_that_copies_from_it() -> None:
    """Rule 2: at least two stages; the final one copies from an earlier stage."""
    found = stages()
    assert len(found) >= 2, (
        "Dockerfile: a multi-stage build has at least two FROM lines (a builder, a final stage)"
    )
    earlier = {s.alias for s in found[:-1] if s.alias} | {str(s.index) for s in found[:-1]}
    froms = [
        flags["from"].lower()
        for copy in found[-1].all("COPY")
        for flags, _ in [copy.flags_and_args()]
        if "from" in flags
    ]
    assert [f for f in froms if f in earlier] != [], (
        "Dockerfile: the final stage copies the builder's result with COPY --from=<an earlier stage>"
    )


def test_the_final_stage_is_a_slim_python_image() -> None:
    """Rule 3: the last FROM is the official python image with a -slim tag."""
    final = final_stage()
    repo, tag, _ = image_parts(final.image)
    slim_python = repo == "python" and bool(tag and re.match(r"\d[\w.]*-slim(-|$)", tag))
    assert slim_python, (
        f"Dockerfile: the final stage starts FROM python:<version>-slim (line {final.line}: FROM {final.image})"
    )


def test_every_base_image_is_pinned() -> None:
    """Rule 4: every FROM names a version tag or a digest, never untagged or latest."""
    unpinned = []
    for stage in stages():
        if stage.stage_ref or stage.image.lower() == "scratch":
            continue
        _, tag, digest = image_parts(stage.image)
        if digest is None and not (tag and re.match(r"v?\d", tag)):
            unpinned.append(f"line {stage.line}: FROM {stage.image}")
    assert unpinned == [], (
        "Dockerfile: every base image is pinned to a version tag (python:3.12-slim), never latest or untagged"
    )


def test_every_python_stage_uses_the_final_stages_python() -> None:
    """Rule 5: the builder's Python major.minor is the final stage's."""
    found = stages()
    want = python_minor(image_parts(found[-1].image)[1])
    differing = [
        f"line {s.line}: FROM {s.image}"
        for s in found
        if not s.stage_ref
        and image_parts(s.image)[0] == "python"
        and python_minor(image_parts(s.image)[1]) not in (want, None)
    ]
    assert differing == [], (
        f"Dockerfile: every stage on the python image uses the final stage's Python ({want})"
    )


# ---------------------------------------------------------------------------- layer caching


def test_requirements_are_installed_before_the_source_is_copied() -> None:
    """Rule 6: COPY service/requirements.txt, then the pip -r RUN, then the source COPY."""
    order = [i for s in stages() for i in s.instructions]
    installs = [n for n, i in enumerate(order) if i.name == "RUN" and installs_requirements(i)]
    assert installs != [], (
        "Dockerfile: a RUN installs the requirements with pip -r <the copied requirements.txt>"
    )
    install = installs[0]
    copies = [
        (n, context_sources(i) or []) for n, i in enumerate(order) if i.name in ("COPY", "ADD")
    ]
    early = [
        show(order[n]) for n, sources in copies if n < install and any(map(is_source, sources))
    ]
    assert early == [], (
        "Dockerfile: the application source is copied only AFTER the RUN that installs the requirements"
        f" ({show(order[install])}): else every code change reinstalls every dependency"
    )
    requirements = [
        n for n, sources in copies if n < install and sources == ["service/requirements.txt"]
    ]
    assert requirements != [], (
        f"Dockerfile: COPY service/requirements.txt (that file alone) before the RUN that installs it ({show(order[install])})"
    )


def test_the_final_stage_copies_the_service_package_and_not_the_whole_context() -> None:
    """Rule 7: the final stage copies service/; nothing copies the whole context."""
    found = stages()
    whole = [
        show(i)
        for s in found
        for i in s.instructions
        if i.name in ("COPY", "ADD") and any(src in (".", "*") for src in context_sources(i) or [])
    ]
    assert whole == [], (
        "Dockerfile: never COPY the whole build context (COPY . .): copy the service package"
    )
    copied = [
        src
        for i in found[-1].all("COPY") + found[-1].all("ADD")
        for src in context_sources(i) or []
    ]
    assert [src for src in copied if is_source(src)] != [], (
        "Dockerfile: the final stage copies the service package from the context (COPY service/ ./service/)"
    )


# ------------------------------------------------------------------------------- run time


def test_the_final_stage_runs_as_a_non_root_user_that_exists() -> None:
    """Rule 8: the final stage's last USER is not root/0; a named user is created first."""
    final = final_stage()
    user = final.last("USER")
    assert user is not None, (
        "Dockerfile: the final stage sets a non-root USER (without one the container runs as root)"
    )
    name = user.value.strip().split(":")[0]
    assert name not in ("root", "0"), (
        f"Dockerfile: the final stage's last USER is not root ({show(user)})"
    )
    if name.isdigit() or name == "nobody":
        return
    creates = [
        i
        for i in final.all("RUN")
        if i.line < user.line
        and {"useradd", "adduser"} & set(map(posixpath.basename, split(i.value)))
        and name in split(i.value)
    ]
    assert creates != [], (
        f"Dockerfile: USER {name} must exist: create it in the final stage before the USER line (RUN useradd ... {name})"
    )


def command_of(final: Stage) -> tuple[list[str] | None, str]:
    """The container's argv (ENTRYPOINT + CMD, exec form) or None, and what the file says."""
    entry, cmd = final.last("ENTRYPOINT"), final.last("CMD")
    said = (
        "; ".join(show(i) for i in (entry, cmd) if i is not None)
        or "no CMD or ENTRYPOINT in the final stage"
    )
    parts = [exec_args(i.value) for i in (entry, cmd) if i is not None]
    if not parts or any(p is None for p in parts):
        return None, said
    return [a for p in parts if p is not None for a in p], said


def option(argv: list[str], name: str) -> str | None:
    for n, arg in enumerate(argv):
        if arg == name and n + 1 < len(argv):
            return argv[n + 1]
        if arg.startswith(name + "="):
            return arg.partition("=")[2]
    return None


def test_the_command_is_exec_form_uvicorn_on_0_0_0_0_port_8000() -> None:
    """Rule 9: exec-form CMD/ENTRYPOINT runs uvicorn service.app:app on 0.0.0.0:8000."""
    argv, said = command_of(final_stage())
    assert argv is not None, (
        f"Dockerfile: CMD/ENTRYPOINT in exec form (a JSON array), never shell form ({said})"
    )
    program = [posixpath.basename(a) for a in argv[:3]]
    runs_uvicorn = program[:1] == ["uvicorn"] or (
        bool(program)
        and re.fullmatch(r"python(3(\.\d+)?)?", program[0]) is not None
        and argv[1:3] == ["-m", "uvicorn"]
    )
    assert runs_uvicorn, (
        f"Dockerfile: the command runs uvicorn (uvicorn ... or python -m uvicorn ...): {argv}"
    )
    assert "service.app:app" in argv, f"Dockerfile: uvicorn serves the app service.app:app: {argv}"
    assert option(argv, "--host") == "0.0.0.0", (
        f"Dockerfile: uvicorn listens on --host 0.0.0.0: {argv}"
    )
    assert option(argv, "--port") == PORT, f"Dockerfile: uvicorn listens on --port 8000: {argv}"


def test_port_8000_is_exposed() -> None:
    """Rule 10: the final stage has EXPOSE 8000."""
    ports = [p.split("/")[0] for i in final_stage().all("EXPOSE") for p in split(i.value)]
    assert PORT in ports, "Dockerfile: the final stage has EXPOSE 8000"


def test_the_healthcheck_probes_health_with_a_tool_the_image_has() -> None:
    """Rule 11: an exec-form HEALTHCHECK probes :8000/health with a tool the image has."""
    final = final_stage()
    check = final.last("HEALTHCHECK")
    assert check is not None and check.value.strip().upper() != "NONE", (
        "Dockerfile: the final stage has a HEALTHCHECK that probes /health"
    )
    _, _, command = check.value.partition("CMD")
    argv = exec_args(command)
    assert argv is not None, (
        f"Dockerfile: the HEALTHCHECK command is exec form (a JSON array): {show(check)}"
    )
    assert any(f":{PORT}/health" in a for a in argv), (
        f"Dockerfile: the HEALTHCHECK probes http://127.0.0.1:8000/health: {argv}"
    )
    tools = {posixpath.basename(w) for a in argv for w in split(a)} & {"curl", "wget"}
    for tool in sorted(tools):
        installed = [
            i
            for i in final.all("RUN")
            if tool in split(i.value) and {"install", "add"} & set(split(i.value))
        ]
        assert installed != [], (
            f"Dockerfile: {tool} is not in a -slim image: install it in the final stage to probe with it"
        )
    if "curl" in tools:
        words = [w for a in argv for w in split(a)]
        fails = any(
            w in ("--fail", "--fail-with-body") or re.fullmatch(r"-[a-zA-Z]*f[a-zA-Z]*", w)
            for w in words
        )
        assert fails, (
            f"Dockerfile: the curl probe needs -f/--fail, or a 500 counts as healthy: {argv}"
        )


SECRET_WORD = re.compile(r"PASSWORD|PASSWD|SECRET|TOKEN")


def secret_looking(name: str) -> bool:
    words = name.upper().split("_")
    return any(SECRET_WORD.search(w) for w in words) or words[-1].endswith("KEY")


def assignments(instruction: Instruction) -> list[tuple[str, str | None]]:
    """(name, value) pairs of an ENV or ARG (``ENV A=1 B=2``, legacy ``ENV A 1``, ``ARG A``)."""
    words = split(instruction.value)
    if instruction.name == "ENV" and words and "=" not in words[0]:
        return [(words[0], " ".join(words[1:]))]
    pairs: list[tuple[str, str | None]] = []
    for word in words:
        name, eq, value = word.partition("=")
        pairs.append((name, value if eq else None))
    return pairs


def test_no_secret_in_env_or_arg() -> None:
    """Rule 12: no ENV or ARG gives a secret-looking name a value."""
    leaks = [
        f"{show(i)} ({name})"
        for s in stages()
        for i in s.instructions
        if i.name in ("ENV", "ARG")
        for name, value in assignments(i)
        if value and secret_looking(name)
    ]
    assert leaks == [], (
        "Dockerfile: no secret in ENV or ARG (they stay in the image's history): pass it at run time"
    )


def test_every_copy_source_exists_in_the_context() -> None:
    """Rule 13: each COPY/ADD source from the context exists there and stays inside it."""
    root = CONTEXT.resolve()
    everything = [p.relative_to(root).as_posix() for p in root.rglob("*")]
    missing = []
    for stage in stages():
        for i in stage.all("COPY") + stage.all("ADD"):
            for source in context_sources(i) or []:
                if re.match(r"[a-z][a-z0-9+.-]*://", source):  # ADD <url>: not from the context
                    continue
                inside = source == "." or not (source == ".." or source.startswith("../"))
                exists = (
                    source in (".", "*")
                    or (root / source).exists()
                    or any(fnmatch.fnmatchcase(p, source) for p in everything)
                )
                if not (inside and exists):
                    missing.append(f"{source} ({show(i)})")
    assert missing == [], "Dockerfile: every COPY source exists in the build context (katas/day14/)"
