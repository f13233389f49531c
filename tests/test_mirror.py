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
    if kata.is_project:  # the reference project has every file of the skeleton
        from engine.files import project_files

        skeleton, reference = kata.source(REPO / "katas"), kata.source(REPO / "solutions")
        names = lambda folder: {p.relative_to(folder) for p in project_files(folder)}  # noqa: E731
        missing = names(skeleton) - names(reference)
        assert not missing, f"{kata.id}: the reference lacks the skeleton's {sorted(map(str, missing))}"
        # The reference may add what the learner adds: revisions, more test modules — in the
        # skeleton's own folders only.
        folders = {p.parent for p in names(skeleton)}
        stray = [str(p) for p in names(reference) - names(skeleton) if p.parent not in folders]
        assert not stray, f"{kata.id}: the reference has files where the skeleton has no folder: {stray}"
        assert store.is_stub(skeleton) and not store.is_stub(reference), f"{kata.id}: skeleton vs reference"
        return
    if not kata.is_python:  # a file kata's stub is its spec in comments; the solution is the file
        assert store.is_stub(kata.source(REPO / "katas")), f"{kata.id}: the stub must hold only comments"
        assert not store.is_stub(kata.source(REPO / "solutions")), f"{kata.id}: the solution is empty"
        return
    if kata.kind == "tests":  # the reference suite fills the stub's tests in and may add fixtures
        stub = public_interface(kata.source(REPO / "katas"), signatures=False)
        solution = public_interface(kata.source(REPO / "solutions"), signatures=False)
        for name in sorted(stub):
            assert stub[name] == solution.get(name), f"{kata.id}: {name} differs between stub and solution"
        return
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


def _snippets(grader: Path) -> list[str]:
    """Code of a predict grader's ``SNIPPETS`` (a literal dict, or filled key by key)."""
    tree = ast.parse(grader.read_text(encoding="utf-8"))
    values: list[ast.expr] = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            if isinstance(target, ast.Name) and target.id == "SNIPPETS" and isinstance(node.value, ast.Dict):
                values += node.value.values  # type: ignore[arg-type]
            elif isinstance(target, ast.Subscript) and ast.unparse(target.value) == "SNIPPETS":
                values.append(node.value)  # type: ignore[arg-type]
    codes = []
    for value in values:
        literal = ast.literal_eval(value)
        codes.append(literal[-1] if isinstance(literal, tuple) else literal)  # (rule, code) pairs
    return codes


PREDICT_KATAS = [p for p in KATAS if _snippets(p.values[0].grader)]


@pytest.mark.parametrize("kata", PREDICT_KATAS)
def test_predict_snippets_are_the_ones_the_spec_shows(kata: catalog.Kata) -> None:
    """The grader runs its own copy of each snippet; the learner reads the stub's. Same code."""
    shown = {
        line.strip().removeprefix(">>> ").removeprefix("... ").strip()
        for line in kata.source(REPO / "katas").read_text(encoding="utf-8").splitlines()
    }
    for code in _snippets(kata.grader):
        missing = [line.strip() for line in code.splitlines() if line.strip() and line.strip() not in shown]
        assert not missing, f"{kata.id}: the stub's docstring does not show {missing}"


TESTS_KATAS = [pytest.param(k, id=k.id) for k in catalog.load().katas if k.kind == "tests"]


@pytest.mark.parametrize("kata", TESTS_KATAS)
def test_the_module_under_test_is_the_same_in_katas_and_solutions(kata: catalog.Kata) -> None:
    """The learner reads it in katas/; the grader's reference wheat is the solutions/ copy."""
    shown, reference = kata.subject_source(REPO / "katas"), kata.subject_source(REPO / "solutions")
    assert shown is not None and reference is not None
    assert shown.read_bytes() == reference.read_bytes(), f"{kata.id}: {shown.name} differs"
