"""Each kata's last grade, remembered so that progress need not regrade what cannot have changed.

A stored result is valid only for the exact bytes it was computed from: the learner's kata
file and the grader's version (its test file, type cases, shared conftest, pinned tools and
the engine itself). Edit any of those and the key no longer matches, so a tick can never be
stale. A kata whose file is still an untouched stub needs no grading at all (``is_stub``).
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from engine import files
from engine.catalog import REPO, Kata


@dataclass(frozen=True)
class Stored:
    key: str
    status: str
    message: str


def state_dir() -> Path:
    """Where grading keeps its caches and state: never inside the learner's tree."""
    return Path(os.environ.get("KATA_STATE_DIR", REPO / ".grading"))


def _store_path() -> Path:
    return state_dir() / "results.json"


def load() -> dict[str, Stored]:
    try:
        data = json.loads(_store_path().read_text(encoding="utf-8"))
        return {kata_id: Stored(**entry) for kata_id, entry in data.items()}
    except (OSError, ValueError, TypeError):
        return {}  # no store yet, or a damaged one: it is only a cache


def save(updates: dict[str, Stored]) -> None:
    if not updates:
        return
    entries = load() | updates
    _write_atomically(_store_path(), {k: asdict(v) for k, v in entries.items()})


def _write_atomically(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_text(json.dumps(data, indent=1))
    os.replace(partial, path)


def durations() -> dict[str, float]:
    """How long each kata's last grade took: the longest are started first."""
    try:
        data = json.loads((state_dir() / "durations.json").read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def save_durations(updates: dict[str, float]) -> None:
    if updates:
        _write_atomically(state_dir() / "durations.json", durations() | updates)


def key(kata: Kata, root: Path) -> str:
    """The learner's file and the grader's version, hashed together."""
    digest = hashlib.sha256(_grader_version(kata).encode())
    source = kata.project_folder(root) or kata.source(root)
    try:
        if source.is_dir():  # a project: every file, by its place in the project
            for path in files.project_files(source):
                digest.update(path.relative_to(source).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        else:
            digest.update(source.read_bytes())
    except OSError:
        digest.update(b"<missing>")
    return digest.hexdigest()


@cache
def _engine_version() -> str:
    digest = hashlib.sha256()
    shared = [REPO / "graders" / "conftest.py", *sorted((REPO / "graders" / "support").glob("*.py")),
              REPO / "requirements" / "grading.txt"]
    for path in [*sorted((REPO / "engine").glob("*.py")), *shared]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _grader_version(kata: Kata) -> str:
    """What decides a verdict besides the learner's code: the grader, its type cases, the day's
    shared fixtures, and a tests kata's correct and buggy implementations."""
    digest = hashlib.sha256(_engine_version().encode())
    impls = sorted((kata.grader.parent / "impls" / kata.subject).glob("*.py")) if kata.subject else []
    for path in (kata.grader, kata.typecase, kata.grader.parent / "conftest.py", *impls):
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def is_stub(path: Path) -> bool:
    """True while every function in the file still only raises NotImplementedError.

    Such a kata is *not started* without running anything: that is what makes progress cost
    next to nothing on the days a learner has not opened yet.
    """
    try:
        if path.is_dir():  # a project: untouched while no function and no stub file in it is written
            stubs = 0
            for file in files.project_files(path):
                if file.suffix == ".py" and files.is_project_code(file):
                    module = file.read_bytes()
                    if is_stub_source(module):
                        stubs += 1
                    elif _has_functions(module):
                        return False
                elif file.suffix != ".py" and files.has_stub_form(file) and not files.is_stub_file(file):
                    return False
            return stubs > 0
        return is_stub_source(path.read_bytes(), python=path.suffix == ".py", markdown=path.suffix == ".md")
    except OSError:
        return False


def _has_functions(source: bytes) -> bool:
    try:
        return any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) for n in ast.walk(ast.parse(source)))
    except (SyntaxError, ValueError):
        return True  # unparsable: something was written


def is_stub_source(source: bytes, *, python: bool = True, markdown: bool = False) -> bool:
    if not python:
        return files.is_stub_text(source, markdown=markdown)
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return False
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    unimplemented = [f for f in functions if _only_raises_not_implemented(f)]
    # At least one function still to write, and nothing written beyond what a stub may give.
    return bool(unimplemented) and all(
        f in unimplemented or _declaration(f) for f in functions
    )


def _only_raises_not_implemented(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    if len(body) == 2 and isinstance(body[1], ast.Expr) and isinstance(body[1].value, ast.Yield):
        body = body[:1]  # a generator's stub: the unreachable `yield` gives it a generator's type
    return (
        len(body) == 1
        and isinstance(body[0], ast.Raise)
        and body[0].exc is not None
        and "NotImplementedError" in ast.unparse(body[0].exc)
    )


def _declaration(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """``...`` bodies (Protocol members, overloads) and dunders the stub implements itself."""
    body = [n for n in function.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
    return not body or (function.name.startswith("__") and not _raises(function))


def _raises(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(isinstance(n, ast.Raise) for n in ast.walk(function))
