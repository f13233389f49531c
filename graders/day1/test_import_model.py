"""Grader for day1.import_model: predictions about import, and fresh_import()."""

from __future__ import annotations

import ast
import importlib
import itertools
import sys
import textwrap
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from day1 import import_model

MODULES = {
    "tally.py": "COUNT = 0\n",
    "noisy.py": "import tally\ntally.COUNT += 1\nITEMS = []\n",
}

SNIPPETS = {
    "import_twice": """
        import noisy
        import noisy
        import tally
        tally.COUNT
    """,
    "import_in_function": """
        def load():
            import noisy
            return noisy
        load()
        load()
        import tally
        tally.COUNT
    """,
    "cached_in_sys_modules": """
        import sys
        before = "noisy" in sys.modules
        import noisy
        (before, "noisy" in sys.modules, "tally" in sys.modules)
    """,
    "shared_state": """
        import noisy
        noisy.ITEMS.append(1)
        import noisy as again
        again.ITEMS
    """,
    "from_import_binding": """
        from noisy import ITEMS
        import noisy
        noisy.ITEMS = ["new"]
        ITEMS
    """,
    "reload_runs_again": """
        import importlib
        import noisy
        import tally
        importlib.reload(noisy)
        tally.COUNT
    """,
    "reload_same_object": """
        import importlib
        import noisy
        old = noisy
        importlib.reload(noisy) is old
    """,
    "forget_and_import": """
        import sys
        import noisy
        import tally
        old = noisy
        del sys.modules["noisy"]
        import noisy
        (tally.COUNT, noisy is old)
    """,
    "forget_the_counter": """
        import sys
        import noisy
        del sys.modules["tally"]
        import tally
        tally.COUNT
    """,
}


def _forget(*names: str) -> None:
    for name in list(sys.modules):
        if name in names or name.startswith(tuple(f"{n}." for n in names)):
            del sys.modules[name]


def _evaluate(code: str, directory: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    """Run a snippet with tally/noisy importable and not yet imported; return its last value."""
    for filename, source in MODULES.items():
        (directory / filename).write_text(source)
    monkeypatch.syspath_prepend(str(directory))
    _forget("tally", "noisy")
    try:
        *body, last = ast.parse(textwrap.dedent(code).strip()).body
        assert isinstance(last, ast.Expr)
        namespace: dict[str, object] = {"__name__": "snippet"}
        exec(compile(ast.Module(body=body, type_ignores=[]), "<snippet>", "exec"), namespace)
        return eval(compile(ast.Expression(last.value), "<snippet>", "eval"), namespace)
    finally:
        _forget("tally", "noisy")


@pytest.mark.predict
@pytest.mark.parametrize("name", list(SNIPPETS))
def test_predict(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = import_model.predict()
    assert name in answers, f"predict() must answer the snippet {name!r}"
    got, want = answers[name], _evaluate(SNIPPETS[name], tmp_path, monkeypatch)
    code = " / ".join(line.strip() for line in SNIPPETS[name].strip().splitlines())
    assert got == want, f"predict()[{name!r}]: what `{code}` evaluates to"
    assert repr(got) == repr(want), (
        f"predict()[{name!r}]: the right value but the wrong type -- give the value itself, "
        f"a {type(want).__name__}"
    )


# --- fresh_import -------------------------------------------------------------------------

_serial = itertools.count()

# Every throwaway module records each run of its code in this counter module.
COUNTER_BODY = "import {counter} as _c\n_c.runs.append(__name__)\nRUN = len(_c.runs)\nSTATE = []\n"


class Sandbox:
    """Throwaway modules under tmp_path whose code records every run in a counter module."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        self.prefix = f"day1_probe_{next(_serial)}"
        self.log: list[str] = []
        self.counter = types.ModuleType(f"{self.prefix}_counter")
        self.counter.runs = self.log  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, self.counter.__name__, self.counter)
        monkeypatch.syspath_prepend(str(root))

    def module(self, suffix: str, extra: str = "", package: bool = False) -> str:
        name = f"{self.prefix}_{suffix}"
        path = self.root / name / "__init__.py" if package else self.root / f"{name}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(COUNTER_BODY.format(counter=self.counter.__name__) + extra)
        return name

    def submodule(self, package: str, suffix: str, extra: str = "") -> str:
        (self.root / package / f"{suffix}.py").write_text(
            COUNTER_BODY.format(counter=self.counter.__name__) + extra
        )
        return f"{package}.{suffix}"

    def runs(self, name: str) -> int:
        return self.log.count(name)


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sandbox]:
    box = Sandbox(tmp_path, monkeypatch)
    yield box
    _forget(*(n for n in list(sys.modules) if n.startswith(box.prefix)))
    importlib.invalidate_caches()


def _raises(call: Callable[[], object], kind: type[BaseException], rule: str) -> BaseException:
    try:
        got = call()
    except kind as err:
        return err
    pytest.fail(f"{rule} -- but it returned {got!r}")


def test_runs_the_code_again_into_a_new_object(sandbox: Sandbox) -> None:
    name = sandbox.module("plain")
    old = importlib.import_module(name)
    new = import_model.fresh_import(name)
    assert sandbox.runs(name) == 2, "fresh_import(): the module's code runs again"
    assert new is not old, "fresh_import(): the result is a brand-new module object"
    assert sys.modules[name] is new, "fresh_import(): the new module becomes sys.modules[name]"
    assert new.RUN == 2 and new.STATE is not old.STATE, (
        "fresh_import(): the new module holds the state its fresh run created"
    )
    assert old.RUN == 1, (
        "fresh_import(): the old module object is left as it was (unlike importlib.reload)"
    )
    assert importlib.import_module(name) is new, (
        "fresh_import(): later imports of the name get the new module"
    )


def test_every_call_runs_again(sandbox: Sandbox) -> None:
    name = sandbox.module("thrice")
    importlib.import_module(name)
    results = [import_model.fresh_import(name) for _ in range(2)]
    assert sandbox.runs(name) == 3, "fresh_import(): every call runs the module's code again"
    assert results[0] is not results[1], "fresh_import(): every call creates a new module object"


def test_a_module_never_imported_is_imported(sandbox: Sandbox) -> None:
    name = sandbox.module("never")
    new = import_model.fresh_import(name)
    assert sandbox.runs(name) == 1, "fresh_import() of a module never imported: its code runs once"
    assert isinstance(new, types.ModuleType) and new.__name__ == name, (
        "fresh_import() returns the module object"
    )
    assert sys.modules.get(name) is new, "fresh_import(): the new module becomes sys.modules[name]"


def test_only_the_submodule_runs_again(sandbox: Sandbox) -> None:
    package = sandbox.module("pkg", package=True)
    sub = sandbox.submodule(package, "sub")
    old = importlib.import_module(sub)
    new = import_model.fresh_import(sub)
    assert sandbox.runs(sub) == 2, "fresh_import('pkg.sub'): the submodule's code runs again"
    assert sandbox.runs(package) == 1, (
        "fresh_import('pkg.sub'): only the submodule runs again, not the package's __init__"
    )
    assert new is not old and sys.modules[sub] is new, (
        "fresh_import('pkg.sub'): a new module object, registered in sys.modules"
    )


FAIL_ON_SECOND_RUN = "if RUN >= 2:\n    raise LookupError('boom on run ' + str(RUN))\n"


def test_a_failing_run_keeps_the_old_module(sandbox: Sandbox) -> None:
    name = sandbox.module("flaky", FAIL_ON_SECOND_RUN)
    old = importlib.import_module(name)
    err = _raises(
        lambda: import_model.fresh_import(name),
        LookupError,
        "fresh_import(): when the module's code raises, the exception must propagate",
    )
    assert err.args == ("boom on run 2",), (
        "fresh_import(): the module's exception propagates unchanged"
    )
    assert sys.modules.get(name) is old, (
        "fresh_import(): when the module's code raises, sys.modules keeps the old module"
    )


def test_a_failing_first_run_leaves_no_entry(sandbox: Sandbox) -> None:
    name = sandbox.module("broken", "raise LookupError('always')\n")
    _raises(
        lambda: import_model.fresh_import(name),
        LookupError,
        "fresh_import(): when the module's code raises, the exception must propagate",
    )
    assert name not in sys.modules, (
        "fresh_import(): a module that was never imported and fails leaves no sys.modules entry"
    )


def test_a_missing_module_raises(sandbox: Sandbox) -> None:
    name = f"{sandbox.prefix}_missing"
    _raises(
        lambda: import_model.fresh_import(name),
        ModuleNotFoundError,
        "fresh_import() of a module that does not exist must raise ModuleNotFoundError",
    )
    assert name not in sys.modules, "fresh_import(): a missing module leaves no sys.modules entry"


def _which(got: object, old: object, new: object = None) -> str:
    """Name a module object for an expected/actual message."""
    if got is None:
        return "no module"
    if got is new:
        return "the new module"
    if got is old:
        return "the old module"
    return "another module object"


def test_the_package_attribute_is_rebound(sandbox: Sandbox) -> None:
    package = sandbox.module("parent", package=True)
    sub = sandbox.submodule(package, "child")
    old = importlib.import_module(sub)
    new = import_model.fresh_import(sub)
    parent = sys.modules[package]
    got = _which(getattr(parent, "child", None), old, new)
    assert got == "the new module", (
        "fresh_import('pkg.sub'): the new module is also bound as the attribute sub of the "
        "package, so pkg.sub gets the new one"
    )
    namespace: dict[str, object] = {}
    exec(f"from {package} import child", namespace)
    assert _which(namespace["child"], old, new) == "the new module", (
        "fresh_import('pkg.sub'): from pkg import sub gets the new module too"
    )


FAIL_ON_ITS_SECOND_RUN = (
    "if _c.runs.count(__name__) >= 2:\n    raise LookupError('boom on its second run')\n"
)


def test_a_failing_submodule_keeps_the_package_attribute(sandbox: Sandbox) -> None:
    package = sandbox.module("holder", package=True)
    sub = sandbox.submodule(package, "flaky", FAIL_ON_ITS_SECOND_RUN)
    old = importlib.import_module(sub)
    _raises(
        lambda: import_model.fresh_import(sub),
        LookupError,
        "fresh_import(): when the module's code raises, the exception must propagate",
    )
    assert _which(sys.modules.get(sub), old) == "the old module", (
        "fresh_import(): when the module's code raises, sys.modules keeps the old module"
    )
    got = _which(getattr(sys.modules[package], "flaky", None), old)
    assert got == "the old module", (
        "fresh_import('pkg.sub'): when the submodule's code raises, the package's attribute "
        "is what it was before the call"
    )


EXIT_ON_SECOND_RUN = "if RUN >= 2:\n    raise SystemExit(3)\n"


def test_a_system_exit_keeps_the_old_module(sandbox: Sandbox) -> None:
    name = sandbox.module("quitter", EXIT_ON_SECOND_RUN)
    old = importlib.import_module(name)
    err = _raises(
        lambda: import_model.fresh_import(name),
        SystemExit,
        "fresh_import(): any exception the module's code raises, even SystemExit, must propagate",
    )
    assert err.args == (3,), "fresh_import(): the module's SystemExit propagates unchanged"
    got = _which(sys.modules.get(name), old)
    assert got == "the old module", (
        "fresh_import(): when the module's code raises any exception, even SystemExit, "
        "sys.modules keeps the old module"
    )


def test_a_keyboard_interrupt_keeps_the_old_module(sandbox: Sandbox) -> None:
    name = sandbox.module("interrupted", "if RUN >= 2:\n    raise KeyboardInterrupt\n")
    old = importlib.import_module(name)
    _raises(
        lambda: import_model.fresh_import(name),
        KeyboardInterrupt,
        "fresh_import(): any exception the module's code raises, even KeyboardInterrupt, "
        "must propagate",
    )
    got = _which(sys.modules.get(name), old)
    assert got == "the old module", (
        "fresh_import(): when the module's code raises any exception, even "
        "KeyboardInterrupt, sys.modules keeps the old module"
    )
