"""``katas/`` and ``solutions/`` mirror each other: same public names, signatures, docstrings.

Compared on the syntax tree, so nothing is imported or run: a stub may be anything from
``raise NotImplementedError`` upwards, and the comparison still means the same thing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from engine import catalog

REPO = catalog.REPO
KATAS = [pytest.param(k, id=k.id) for k in catalog.load().katas]


def public_interface(path: Path) -> dict[str, str]:
    """Every public def/class (and method) -> its signature, decorators and docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    interface = {"<module>": ast.get_docstring(tree) or ""}

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if node.name.startswith("_") and not node.name.startswith("__"):
                    continue
                name = prefix + node.name
                if isinstance(node, ast.ClassDef):
                    head = [ast.unparse(b) for b in node.bases + node.keywords]  # type: ignore[operator]
                    visit(node.body, name + ".")
                else:
                    head = [ast.unparse(node.args), ast.unparse(node.returns) if node.returns else ""]
                decorators = [ast.unparse(d) for d in node.decorator_list]
                interface[name] = repr((type(node).__name__, head, decorators, ast.get_docstring(node)))
            elif isinstance(node, (ast.AnnAssign, ast.Assign)) and prefix:
                interface[prefix + ast.unparse(node).split("=")[0].strip()] = "attribute"

    visit(tree.body, "")
    return interface


@pytest.mark.parametrize("kata", KATAS)
def test_stub_and_solution_share_one_interface(kata: catalog.Kata) -> None:
    stub = public_interface(kata.source(REPO / "katas"))
    solution = public_interface(kata.source(REPO / "solutions"))
    for name in sorted(stub.keys() | solution.keys()):
        assert stub.get(name) == solution.get(name), f"{kata.id}: {name} differs between stub and solution"


@pytest.mark.parametrize("kata", KATAS)
def test_every_public_callable_of_the_stub_raises_not_implemented(kata: catalog.Kata) -> None:
    tree = ast.parse(kata.source(REPO / "katas").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
            raises = any(
                isinstance(n, ast.Raise) and "NotImplementedError" in ast.unparse(n)
                for n in ast.walk(node)
            )
            if not raises and not _is_declaration(node):
                pytest.fail(f"{kata.id}: stub function {node.name}() does not raise NotImplementedError")


def _is_declaration(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Protocol/abstract members and overload signatures have no body to implement."""
    body = [n for n in node.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
    decorated = {ast.unparse(d) for d in node.decorator_list}
    return not body or all(isinstance(n, ast.Expr) and ast.unparse(n) == "..." for n in body) or bool(
        decorated & {"overload", "typing.overload", "abstractmethod", "abc.abstractmethod"}
    )
