"""``katas/`` and ``solutions/`` mirror each other: same public names, signatures, docstrings.

Compared on the syntax tree, so nothing is imported or run: a stub may be anything from
``raise NotImplementedError`` upwards, and the comparison still means the same thing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from engine import catalog, store

REPO = catalog.REPO
KATAS = [pytest.param(k, id=k.id) for k in catalog.load().katas]


def public_interface(path: Path, *, signatures: bool = True) -> dict[str, str]:
    """Every public def/class (and method) -> its signature, decorators and docstring.

    Compared on the syntax tree, so nothing is imported or run.
    """
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
                elif signatures:
                    head = [ast.unparse(node.args), ast.unparse(node.returns) if node.returns else ""]
                else:
                    head = []
                decorators = [ast.unparse(d) for d in node.decorator_list]
                interface[name] = repr((type(node).__name__, head, decorators, ast.get_docstring(node)))
            # Class attributes (``__slots__``, ClassVars…) are left out on purpose: choosing
            # them is often the exercise (the slots and class-attribute katas).

    visit(tree.body, "")
    return interface


@pytest.mark.parametrize("kata", KATAS)
def test_stub_and_solution_share_one_interface(kata: catalog.Kata) -> None:
    signatures = not kata.signature_is_the_exercise
    stub = public_interface(kata.source(REPO / "katas"), signatures=signatures)
    solution = public_interface(kata.source(REPO / "solutions"), signatures=signatures)
    for name in sorted(stub.keys() | solution.keys()):
        assert stub.get(name) == solution.get(name), f"{kata.id}: {name} differs between stub and solution"


@pytest.mark.parametrize("kata", KATAS)
def test_every_stub_is_recognised_as_untouched(kata: catalog.Kata) -> None:
    """Progress skips grading untouched stubs, so each must be recognised as one."""
    assert store.is_stub(kata.source(REPO / "katas")), (
        f"{kata.id}: every function of the stub must only raise NotImplementedError"
    )


@pytest.mark.parametrize("kata", KATAS)
def test_no_solution_looks_like_an_untouched_stub(kata: catalog.Kata) -> None:
    """Otherwise progress would call a solved kata *not started* without grading it."""
    assert not store.is_stub(kata.source(REPO / "solutions")), f"{kata.id}: solution taken for a stub"
