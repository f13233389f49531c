"""What can be told about a kata's files by reading them, before anything runs."""

from __future__ import annotations

import ast
import functools
import io
import re
import tokenize
from collections.abc import Iterable
from pathlib import Path

from engine import typecheck
from engine.catalog import REPO

_INLINE_CONFIG = re.compile(r"#\s*mypy\s*:")
_TYPE_IGNORE = re.compile(r"#\s*type\s*:\s*ignore\b")
_SUPPORT = "graders.support."  # helpers graders share: not a kata, so their imports are preloaded


def unreadable(path: Path) -> str | None:
    """Why Python could not read this file as source text (None: it can); for a project
    folder, the first of its modules that it cannot read."""
    if path.is_dir():
        from engine.files import project_files

        return next((why for p in project_files(path) if p.suffix == ".py" and (why := unreadable(p))), None)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None  # reported as missing elsewhere
    except OSError as exc:
        return f"cannot read {_shown(path)}: {exc.strerror}"
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        data.decode(encoding)
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:
            line = data[: bad.start].count(b"\n") + 1
            return f"save {_shown(path)} as UTF-8: byte 0x{data[bad.start]:02x} on line {line} is not UTF-8"
        reason = exc.msg if isinstance(exc, SyntaxError) else str(exc)
        return f"save {_shown(path)} as UTF-8 ({reason})"  # valid UTF-8, but a coding line says otherwise
    return None


def inline_mypy_config(path: Path) -> list[typecheck.MypyError]:
    """``# mypy: ignore-errors`` or a file-level ``# type: ignore`` would switch
    ``mypy --strict`` off for the file: each one is a type failure of the kata."""
    try:
        tokens = list(tokenize.tokenize(io.BytesIO(path.read_bytes()).readline))
    except (OSError, SyntaxError, tokenize.TokenError):
        return []  # an unreadable or broken file is reported by the grade itself
    found = []
    code_seen = False
    for token in tokens:
        if token.type == tokenize.COMMENT:
            if _INLINE_CONFIG.match(token.string):
                message = f"inline mypy configuration `{token.string.strip()}` is not allowed: kata files are graded under mypy --strict as written"
            elif _TYPE_IGNORE.match(token.string) and not code_seen:
                message = "a `# type: ignore` before any code switches mypy off for the whole file"
            else:
                continue
            found.append(typecheck.MypyError(path.resolve(), token.start[0], "inline-config", message))
        elif token.type not in (tokenize.ENCODING, tokenize.NL, tokenize.NEWLINE):
            code_seen = True
    return found


def third_party_imports(graders: Iterable[Path]) -> list[str]:
    """Modules the graders import that are not a day's package (so never learner code),
    following the graders' shared helpers (``graders.support.web``) into their own imports."""
    modules: dict[str, None] = {}
    pending, seen = list(graders), set()
    while pending:
        grader = pending.pop(0)
        tree = _parsed(grader) if grader not in seen else None
        seen.add(grader)
        for node in ast.walk(tree) if tree is not None else ():
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                if name.startswith(_SUPPORT):
                    pending.append((REPO / Path(*name.split("."))).with_suffix(".py"))
                elif not _is_kata_package(name.split(".")[0]):
                    modules[name] = None
    return list(modules)


def imports_at_top_level(grader: Path, module: str) -> bool:
    """Whether the grader imports ``module`` (``day7.timed``) as soon as it is loaded. Only
    then may the engine import it first, alone, to name what goes wrong at import precisely;
    a grader that imports it inside a check is testing the import itself."""
    package, _, name = module.rpartition(".")
    tree = _parsed(grader)
    for node in tree.body if tree is not None else []:
        if isinstance(node, ast.Import) and any(a.name == module for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and node.level == 0:
            if node.module == module or (node.module == package and any(a.name == name for a in node.names)):
                return True
    return False


def _parsed(grader: Path) -> ast.Module | None:
    """The grader's syntax tree; parsed once per version of the file (watch regrades often)."""
    try:
        return _parse(grader, grader.stat().st_mtime_ns)
    except OSError:
        return None


@functools.lru_cache(maxsize=256)
def _parse(grader: Path, _version: int) -> ast.Module | None:
    try:
        return ast.parse(grader.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return None


def _is_kata_package(top: str) -> bool:
    """A day's package (``day7``, ``day4_1``, ``final``), a package of a project day
    (``taskq``: the learner's), or the library's own code."""
    return (top in ("engine", "graders", "tests") or top in _project_packages()
            or re.fullmatch(r"day\d+(_\d+)?|final|interview", top) is not None)


@functools.cache
def _project_packages() -> frozenset[str]:
    """A package inside a day's folder is a project's (a module day's folder holds modules only)."""
    return frozenset(p.parent.name for root in ("katas", "solutions") for p in (REPO / root).glob("*/*/__init__.py"))


def _shown(path: Path) -> str:
    from engine.grade import shown

    return shown(path)
