"""Grader of the final project's "typing" kata: what ``mypy --strict`` (run by the engine over
every module of the project, its errors counted against this kata) does not prove by itself.

- every public function and method of ``taskq`` is annotated, each parameter and the return
  (read from the source with ``ast``: a module mypy never reaches is still checked);
- no module of ``taskq`` switches mypy off with an inline ``# mypy:`` configuration comment;
- the layering contract: ``lint-imports --no-cache`` keeps every contract of the project's
  ``pyproject.toml`` — run in a copy of the project, never in the learner's folder;
- ``pyproject.toml`` still holds the two contracts the project's contract gives (a learner may
  add contracts, never drop or weaken these).
"""

from __future__ import annotations

import ast
import io
import os
import re
import shutil
import subprocess
import sys
import tokenize
import tomllib
from pathlib import Path
from typing import Any

import pytest

import taskq
from graders.support.project import copy_project
from taskq import worker

# The two contracts of docs/final-project.md ("Layers").
LAYERS = ["taskq.api", "taskq.worker", "taskq.services", "taskq.repository", "taskq.domain : taskq.exceptions"]
FORBIDDEN_SOURCES = {"taskq.domain", "taskq.exceptions"}
FORBIDDEN_MODULES = {"fastapi", "starlette", "sqlalchemy", "pydantic", "pydantic_settings"}

pytestmark = pytest.mark.timeout(30)


def started() -> None:
    """Call learner code first: on the untouched skeleton this raises NotImplementedError."""
    worker.backoff(1, 1.0, 60.0)


def package_dir() -> Path:
    return Path(taskq.__file__).resolve().parent


def project_dir() -> Path:
    return package_dir().parent


def modules() -> list[Path]:
    return sorted(p for p in package_dir().rglob("*.py") if "__pycache__" not in p.parts)


def shown(path: Path) -> str:
    return path.relative_to(project_dir()).as_posix()


# --------------------------------------------------------------------- annotations


def _missing(node: ast.FunctionDef | ast.AsyncFunctionDef, *, method: bool) -> list[str]:
    """What ``node`` leaves unannotated, in words."""
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    decorators = {ast.unparse(d).rsplit(".", 1)[-1] for d in node.decorator_list}
    if method and "staticmethod" not in decorators and positional:
        positional = positional[1:]  # self / cls
    params = [*positional, *args.kwonlyargs]
    missing = [f"parameter {a.arg}" for a in params if a.annotation is None]
    missing += [f"parameter *{a.arg}" for a in [args.vararg] if a is not None and a.annotation is None]
    missing += [f"parameter **{a.arg}" for a in [args.kwarg] if a is not None and a.annotation is None]
    # mypy's own rule: an __init__ with an annotated parameter may leave out `-> None`.
    init_ok = node.name == "__init__" and any(a.annotation is not None for a in params)
    if node.returns is None and not init_ok:
        missing.append("the return type")
    return missing


def _public(name: str) -> bool:
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__"))


def unannotated(path: Path) -> list[str]:
    """Public functions and methods of one module that miss an annotation."""
    tree = ast.parse(path.read_bytes(), filename=str(path))
    found: list[str] = []

    def visit(body: list[ast.stmt], prefix: str, *, in_class: bool) -> None:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _public(node.name):
                if node.name.startswith("__") and not in_class:
                    continue  # a module's __getattr__ and such: dunder, not API
                missing = _missing(node, method=in_class)
                if missing:
                    found.append(f"{shown(path)}:{node.lineno} {prefix}{node.name}(): no annotation for "
                                 + ", ".join(missing))  # fmt: skip
            elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                visit(node.body, f"{prefix}{node.name}.", in_class=True)
            elif isinstance(node, ast.If):  # `if TYPE_CHECKING:` / `if sys.version_info ...` blocks
                visit(node.body, prefix, in_class=in_class)
                visit(node.orelse, prefix, in_class=in_class)

    visit(tree.body, "", in_class=False)
    return found


def test_every_public_function_is_fully_annotated() -> None:
    """Every public function and method of taskq annotates each parameter and its return."""
    started()
    found = [line for path in modules() for line in unannotated(path)]
    assert found == [], (
        "taskq: every public function and method is typed — each parameter (self and cls "
        "aside) and the return — so mypy --strict checks its callers too"
    )


INLINE_CONFIG = re.compile(r"#\s*mypy\s*:")


def test_no_module_switches_mypy_off() -> None:
    """No module of taskq carries an inline `# mypy:` configuration comment."""
    started()
    found = []
    for path in modules():
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        found += [f"{shown(path)}:{t.start[0]} {t.string}" for t in tokens
                  if t.type == tokenize.COMMENT and INLINE_CONFIG.match(t.string)]  # fmt: skip
    assert found == [], (
        "taskq: no module changes mypy's settings inline (`# mypy: ignore-errors` and the "
        "like): the whole project is checked with --strict"
    )


# --------------------------------------------------------------------- the layers


def _pyproject() -> dict[str, Any]:
    path = project_dir() / "pyproject.toml"
    assert path.is_file(), "pyproject.toml: the project has one, with the [tool.importlinter] contracts"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise AssertionError(f"pyproject.toml: it must be valid TOML — {exc}") from None


def _importlinter() -> dict[str, Any]:
    config = _pyproject().get("tool", {}).get("importlinter")
    assert isinstance(config, dict), "pyproject.toml: it has a [tool.importlinter] table"
    return config


def _words(value: Any) -> list[str]:
    return [" ".join(str(v).split()) for v in value] if isinstance(value, list) else []


def test_pyproject_keeps_the_root_package_and_external_packages() -> None:
    """[tool.importlinter]: root_package taskq, include_external_packages = true."""
    started()
    config = _importlinter()
    roots = [config["root_package"]] if "root_package" in config else list(config.get("root_packages") or [])
    assert "taskq" in roots, "pyproject.toml: [tool.importlinter] has root_package = \"taskq\""
    assert config.get("include_external_packages") is True, (
        "pyproject.toml: [tool.importlinter] has include_external_packages = true (without it "
        "the contract cannot forbid fastapi, sqlalchemy, pydantic...)"
    )


def _contracts() -> list[dict[str, Any]]:
    contracts = _importlinter().get("contracts") or []
    return [c for c in contracts if isinstance(c, dict)]


def test_pyproject_keeps_the_layers_contract() -> None:
    """The layers contract is there as the project contract gives it, unweakened."""
    started()
    layers = [c for c in _contracts() if c.get("type") == "layers" and _words(c.get("layers")) == LAYERS]
    assert layers != [], (
        "pyproject.toml: keeps the contract `type = \"layers\"` with layers = "
        f"{LAYERS} (you may add contracts, never drop this one)"
    )
    weakened = [c.get("name") for c in layers if c.get("ignore_imports")]
    assert len(weakened) < len(layers), (
        "pyproject.toml: the layers contract has no ignore_imports: an ignored import is an "
        "import the layers do not allow"
    )


def test_pyproject_keeps_the_forbidden_frameworks_contract() -> None:
    """The forbidden contract: the domain and its exceptions import no framework."""
    started()
    forbidden = [
        c for c in _contracts()
        if c.get("type") == "forbidden"
        and FORBIDDEN_SOURCES <= set(_words(c.get("source_modules")))
        and FORBIDDEN_MODULES <= set(_words(c.get("forbidden_modules")))
    ]  # fmt: skip
    assert forbidden != [], (
        "pyproject.toml: keeps the contract `type = \"forbidden\"` with source_modules "
        f"{sorted(FORBIDDEN_SOURCES)} and forbidden_modules {sorted(FORBIDDEN_MODULES)} "
        "(you may add contracts, never drop this one)"
    )
    unweakened = [c for c in forbidden if not c.get("ignore_imports") and not c.get("allow_indirect_imports")]
    assert unweakened != [], (
        "pyproject.toml: the forbidden contract has no ignore_imports and does not allow "
        "indirect imports"
    )


def copy_of_project(tmp_path: Path) -> Path:
    """The project, copied: tools run there, never in the learner's folder."""
    return copy_project(project_dir(), tmp_path / "project")


def lint_imports() -> str:
    found = Path(sys.executable).parent / "lint-imports"
    return str(found) if found.exists() else (shutil.which("lint-imports") or "lint-imports")


def _broken(output: str) -> str:
    """lint-imports' 'Broken contracts' section, or its last lines."""
    _, marker, rest = output.partition("Broken contracts")
    text = rest.strip("-\n ") if marker else output.strip()
    lines = [line for line in text.splitlines() if line.strip() and set(line.strip()) != {"-"}]
    return "\n".join(lines[:12])


def test_lint_imports_keeps_every_contract(tmp_path: Path) -> None:
    """`lint-imports --no-cache` on a copy of the project: every contract KEPT."""
    started()
    _importlinter()
    copy = copy_of_project(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TASKQ_", "PYTHON"))}
    env |= {"PYTHONPATH": str(copy), "HOME": str(tmp_path), "NO_COLOR": "1"}
    done = subprocess.run(
        [lint_imports(), "--no-cache"],
        cwd=copy, env=env, capture_output=True, text=True, timeout=25, check=False,
    )  # fmt: skip
    output = (done.stdout + done.stderr).replace(str(copy) + os.sep, "").replace(str(copy), ".")
    assert "Contracts:" in output or done.returncode == 0, (
        f"lint-imports: it must be able to read the contracts and the taskq package — it said: {_broken(output)}"
    )
    assert done.returncode == 0, (
        "lint-imports: every contract is kept (an inner layer never imports an outer one; the "
        f"domain imports no framework) — broken: {_broken(output)}"
    )
