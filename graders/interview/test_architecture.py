"""Grader of the interview's "architecture" kata: the final project's ``ARCHITECTURE.md`` read
as Markdown (markdown-it-py tokens, never a regular expression over the raw text) and every
claim in it checked against that project's code:

- Components: every module of the ``taskq`` package, each with its responsibility, and no
  module that does not exist (the package's files);
- Layers: equal to the ``layers`` contract of the project's ``pyproject.toml``, and holding in
  the real import graph (grimp, the graph library import-linter is built on) — an upward
  import, or one between independent siblings, is named;
- Flow: every step resolves to a function of the project (its AST), the first is the endpoint
  of ``POST /tasks`` (the app's own route), the worker's side starts at ``Worker.run`` or
  ``Worker.run_once``, every sub-step is called by its parent's body (by name, in order), and
  the flow reaches the service, the repository, the claim, a handler and the completion;
- Failure handling: every error class of ``taskq.exceptions`` with its real ``status``, and the
  functions that handle a retry, a crashed worker and a cancelled worker, each checked by the
  calls (or the comparison) its body holds.

The project folder is ``final/`` beside the source root's ``interview/``; its ``taskq`` is
imported from that folder (put first on ``sys.path`` inside each check).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import sys
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import grimp
import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

import interview
from engine.files import written

PROJECT = Path(interview.__file__).resolve().parents[1] / "final"
FILE = "ARCHITECTURE.md"
SECTIONS = ("Components", "Layers", "Flow", "Failure handling")
DASH = re.compile(r"\s*[—–-]\s*(\S.*)?", re.S)
MODULE = re.compile(r"taskq(?:\.[A-Za-z_]\w*)+")
DOTTED = re.compile(r"taskq(?:\.[A-Za-z_]\w*)+")
STATUS = re.compile(r"[1-5]\d\d")
LABELS = ("Retry", "Crash", "Cancellation")
EXPIRY = re.compile(r"lease_expires_at\s*[<>]=?")


# --- the document -------------------------------------------------------------------------


@dataclass
class Item:
    """A list item: its first paragraph's inline token and the lists nested in it."""

    inline: Token | None = None
    lists: list[Block] = field(default_factory=list)

    def parts(self) -> list[tuple[str, str]]:
        """``("code", content)`` and ``("text", content)`` pieces of the item's first paragraph."""
        found: list[tuple[str, str]] = []
        for child in (self.inline.children or []) if self.inline is not None else []:
            if child.type == "code_inline":
                found.append(("code", child.content.strip()))
            elif child.type in ("text", "softbreak", "hardbreak"):
                found.append(("text", child.content if child.type == "text" else " "))
        return found

    def spans(self) -> list[str]:
        return [content for kind, content in self.parts() if kind == "code"]

    def text(self) -> str:
        return "".join(f"`{c}`" if kind == "code" else c for kind, c in self.parts()).strip()

    def lead(self) -> str:
        """The plain text before the item's first code span (emphasis markers dropped)."""
        text = ""
        for kind, content in self.parts():
            if kind == "code":
                break
            text += content
        return text.strip()

    def after_first_span(self) -> str | None:
        """What follows the first code span, or ``None`` when the item does not start with one."""
        parts = self.parts()
        while parts and parts[0][0] == "text" and not parts[0][1].strip():
            parts = parts[1:]
        if not parts or parts[0][0] != "code":
            return None
        return "".join(f"`{c}`" if kind == "code" else c for kind, c in parts[1:])


@dataclass
class Block:
    """A list: ordered or not, and its items."""

    ordered: bool
    items: list[Item] = field(default_factory=list)


def lists_in(tokens: list[Token]) -> list[Block]:
    """The top-level lists among ``tokens``, each item with its nested lists."""
    top: list[Block] = []
    stack: list[Block | Item] = []
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            block = Block(ordered=token.type == "ordered_list_open")
            parent = stack[-1] if stack else None
            if isinstance(parent, Item):
                parent.lists.append(block)
            elif parent is None:
                top.append(block)
            stack.append(block)
        elif token.type in ("bullet_list_close", "ordered_list_close", "list_item_close"):
            stack.pop()
        elif token.type == "list_item_open":
            item = Item()
            owner = stack[-1]
            assert isinstance(owner, Block)
            owner.items.append(item)
            stack.append(item)
        elif token.type == "inline" and stack and isinstance(stack[-1], Item) and stack[-1].inline is None:
            stack[-1].inline = token
    return top


def _norm(title: str) -> str:
    return " ".join(title.split()).casefold()


def document() -> list[Token]:
    """ARCHITECTURE.md parsed (read first: while it holds only its comment, not started)."""
    return MarkdownIt("commonmark").parse(written(PROJECT / FILE))


def sections(found: list[Token]) -> dict[str, list[Token]]:
    """Level-2 sections by title (case and spacing folded): their tokens up to the next h1/h2."""
    result: dict[str, list[Token]] = {}
    current: list[Token] | None = None
    for n, token in enumerate(found):
        if token.type == "heading_open" and token.tag in ("h1", "h2"):
            current = None
            if token.tag == "h2":
                current = result.setdefault(_norm(found[n + 1].content), [])
            continue
        if current is not None:
            current.append(token)
    return result


def section_list(title: str, *, ordered: bool | None = None) -> Block:
    """The one list of the section ``## title``."""
    found = sections(document())
    assert _norm(title) in found, (
        f"{FILE}: has a level-2 section `## {title}` — its level-2 sections: {sorted(found)}"
    )
    blocks = lists_in(found[_norm(title)])
    assert len(blocks) == 1, (
        f"{FILE}, {title}: the section holds exactly one list (paragraphs around it are free) — it holds {len(blocks)}"
    )
    block = blocks[0]
    if ordered is not None:
        kind = "an ordered list (`1.`)" if ordered else "a bulleted list (`-`)"
        assert block.ordered == ordered, f"{FILE}, {title}: the section's list is {kind}"
    return block


# --- the project --------------------------------------------------------------------------


def import_project(name: str = "taskq") -> ModuleType:
    """A module of the final project, imported from its folder."""
    folder = str(PROJECT)
    if not sys.path or sys.path[0] != folder:
        if folder in sys.path:
            sys.path.remove(folder)
        sys.path.insert(0, folder)
    return importlib.import_module(name)


def package_modules() -> set[str]:
    """Every module of the ``taskq`` package: its ``.py`` files (a sub-package by its
    ``__init__.py``), the package itself left out."""
    found = set()
    for path in (PROJECT / "taskq").rglob("*.py"):
        parts = path.relative_to(PROJECT).with_suffix("").parts
        if "__pycache__" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if len(parts) > 1:
            found.add(".".join(parts))
    return found


def module_file(module: str) -> Path | None:
    base = PROJECT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


Def = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


@cache
def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=path.name)


def definitions(body: list[ast.stmt]) -> dict[str, Def]:
    """Classes and functions defined directly in ``body`` (through ``if``/``try``/``with``)."""
    found: dict[str, Def] = {}
    for statement in body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found[statement.name] = statement
        elif isinstance(statement, (ast.If, ast.Try, ast.TryStar, ast.With, ast.AsyncWith)):
            nested = [*statement.body, *getattr(statement, "orelse", []), *getattr(statement, "finalbody", [])]
            for handler in getattr(statement, "handlers", []):
                nested.extend(handler.body)
            found.update(definitions(nested))
    return found


@dataclass(frozen=True)
class Function:
    """A step's function: its dotted name, module, and its ``def`` in the module's AST."""

    name: str
    module: str
    path: tuple[str, ...]
    node: ast.FunctionDef | ast.AsyncFunctionDef

    def obj(self) -> Any:
        """The function object, reached by attributes (``None`` for a function nested in one)."""
        found: Any = import_project(self.module)
        for part in self.path:
            found = getattr(found, part, None)
            if found is None:
                return None
        return found


def resolve(dotted: str) -> Function | str:
    """The function a dotted name names, or why it names none (in spec words)."""
    if not DOTTED.fullmatch(dotted):
        return f"`{dotted}` is not a dotted name `taskq.module.Qualname`"
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 1, -1):
        module = ".".join(parts[:cut])
        source = module_file(module)
        if source is None:
            continue
        scope: list[ast.stmt] = parsed(source).body
        node: Def | None = None
        for n, name in enumerate(parts[cut:]):
            node = definitions(scope).get(name)
            if node is None:
                where = ".".join(parts[cut : cut + n]) or "the module"
                return f"`{dotted}` is not a function of the project: `{module}` has no `{name}` in {where}"
            scope = node.body
        assert node is not None
        if isinstance(node, ast.ClassDef):
            return f"`{dotted}` is a class, not a function or method"
        return Function(dotted, module, tuple(parts[cut:]), node)
    return f"`{dotted}` is not a function of the project: no module `{'.'.join(parts[:2])}` in taskq/"


def called_names(node: ast.AST) -> list[tuple[str, tuple[int, int]]]:
    """The names a function's body calls (``f(...)``, ``x.f(...)``), each with its position."""
    found = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            func = sub.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name is not None:
                found.append((name, (sub.lineno, sub.col_offset)))
    return found


def first_call(node: ast.AST, names: set[str]) -> tuple[int, int] | None:
    positions = [where for name, where in called_names(node) if name in names]
    return min(positions) if positions else None


def module_functions(function: Function) -> dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function and method of the function's module, by name."""
    source = module_file(function.module)
    assert source is not None
    found: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
    for sub in ast.walk(parsed(source)):
        if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.setdefault(sub.name, []).append(sub)
    return found


def with_callees(function: Function) -> list[ast.AST]:
    """The function's body and the bodies of the functions of its module it calls by name."""
    own = module_functions(function)
    bodies: list[ast.AST] = [function.node]
    for name, _ in called_names(function.node):
        bodies.extend(n for n in own.get(name, []) if n is not function.node)
    return bodies


# --- Components ---------------------------------------------------------------------------


def components() -> list[str]:
    """The modules `## Components` names, in order (the items' form checked)."""
    block = section_list("Components")
    named = []
    for n, item in enumerate(block.items, 1):
        rest = item.after_first_span()
        assert rest is not None, (
            f"{FILE}, Components item {n}: starts with the module as a code span (`taskq.worker`) — it reads {item.text()!r}"
        )
        module = item.spans()[0]
        assert MODULE.fullmatch(module), (
            f"{FILE}, Components item {n}: its code span is a module of the package, `taskq.<name>` — it is `{module}`"
        )
        match = DASH.fullmatch(rest)
        assert match is not None and match[1], (
            f"{FILE}, Components item {n}: `{module}` is followed by a dash and its responsibility "
            f"(`{module}` — what it does) — it reads {item.text()!r}"
        )
        named.append(module)
    return named


def test_components_items_name_a_module_then_its_responsibility() -> None:
    """Each item of `## Components`: a module's code span, a dash, its responsibility; each once."""
    named = components()
    twice = sorted({m for m in named if named.count(m) > 1})
    assert twice == [], f"{FILE}, Components: each module is listed once — listed twice: {twice}"


def test_components_name_no_module_that_does_not_exist() -> None:
    """`## Components` names only modules the taskq package has."""
    named = components()
    extra = sorted(set(named) - package_modules())
    assert extra == [], f"{FILE}, Components: names only modules of the taskq package — no such module: {extra}"


def test_components_name_every_module() -> None:
    """`## Components` names every module of the taskq package."""
    named = components()
    missing = sorted(package_modules() - set(named))
    assert missing == [], f"{FILE}, Components: names every module of the taskq package — missing: {missing}"


# --- Layers -------------------------------------------------------------------------------

Layer = tuple[frozenset[str], str]  # the modules and their separator: "|", ":" or "" (one module)


def show(layers: list[Layer]) -> list[str]:
    return [f" {sep} ".join(sorted(mods)) if sep else next(iter(mods)) for mods, sep in layers]


def declared_layers() -> list[Layer]:
    """`## Layers`, top first: each item's modules and the separator between them."""
    block = section_list("Layers", ordered=True)
    layers: list[Layer] = []
    for n, item in enumerate(block.items, 1):
        parts = [(kind, c.strip()) for kind, c in item.parts()]
        while parts and parts[0] == ("text", ""):
            parts = parts[1:]
        assert parts and parts[0][0] == "code", (
            f"{FILE}, Layers item {n}: starts with a module's code span — it reads {item.text()!r}"
        )
        modules, separators = [parts[0][1]], set()
        rest = parts[1:]
        while len(rest) >= 2 and rest[0][0] == "text" and rest[0][1] in ("|", ":") and rest[1][0] == "code":
            separators.add(rest[0][1])
            modules.append(rest[1][1])
            rest = rest[2:]
        tail = "".join(f"`{c}`" if kind == "code" else c for kind, c in rest)
        assert not tail.strip() or DASH.fullmatch(tail), (
            f"{FILE}, Layers item {n}: the layer's modules as code spans joined by `|` (independent) or `:` "
            f"(may import each other), then optionally a dash and words — it reads {item.text()!r}"
        )
        assert len(separators) <= 1, f"{FILE}, Layers item {n}: one layer uses one separator, `|` or `:`, not both"
        for module in modules:
            assert MODULE.fullmatch(module) and module in package_modules(), (
                f"{FILE}, Layers item {n}: `{module}` is not a module of the taskq package"
            )
        layers.append((frozenset(modules), separators.pop() if separators else ""))
    return layers


def contract_layers() -> list[Layer]:
    """The `layers` contract of the project's pyproject.toml ([tool.importlinter])."""
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config.get("tool", {}).get("importlinter", {}).get("contracts", [])
    found = [c for c in contracts if c.get("name") == "layers" and c.get("type") == "layers"]
    assert found, f"{FILE}, Layers: pyproject.toml has the import-linter contract named `layers` (type = \"layers\")"
    layers: list[Layer] = []
    for entry in found[0].get("layers", []):
        sep = "|" if "|" in entry else ":" if ":" in entry else ""
        mods = [m.strip().strip("()") for m in (entry.split(sep) if sep else [entry])]
        layers.append((frozenset(mods), sep if len(mods) > 1 else ""))
    return layers


def test_layers_equal_the_import_linter_contract() -> None:
    """`## Layers`, top first, is the `layers` contract of pyproject.toml, separators included."""
    declared = declared_layers()
    contract = contract_layers()
    assert show(declared) == show(contract), (
        f"{FILE}, Layers: the layers, top first, are the `layers` contract of pyproject.toml "
        f"(modules and their `|` or `:`)"
    )


def test_layers_hold_in_the_import_graph() -> None:
    """No module imports a layer above its own, nor an independent (`|`) sibling — the real imports."""
    declared = declared_layers()
    import_project()
    graph = grimp.build_graph("taskq", cache_dir=None)
    illegal = graph.find_illegal_dependencies_for_layers(
        [grimp.Layer(*mods, independent=sep != ":") for mods, sep in declared]
    )
    level = {m: n for n, (mods, _) in enumerate(declared) for m in mods}
    problems = []
    for dep in sorted(illegal, key=lambda d: (d.importer, d.imported)):
        route = sorted(dep.routes, key=lambda r: (len(r.middle), sorted(r.heads), sorted(r.tails)))[0]
        links = [sorted(route.heads)[0], *route.middle, sorted(route.tails)[0]]
        details = graph.get_import_details(importer=links[0], imported=links[1])
        line = f", line {details[0]['line_number']} of {links[0]}" if details else ""
        chain = " -> ".join(links) + line
        how = (
            f"imports its independent (`|`) sibling `{dep.imported}`"
            if level.get(dep.importer) == level.get(dep.imported)
            else f"imports upward: `{dep.imported}` is a layer above it"
        )
        problems.append(f"`{dep.importer}` {how} ({chain})")
    assert problems == [], f"{FILE}, Layers: the real imports follow the layers — " + "; ".join(problems)


# --- Flow ---------------------------------------------------------------------------------


@dataclass
class Step:
    number: str
    name: str
    children: list[Step]


def flow() -> list[Step]:
    """`## Flow`'s steps as a tree (the form checked): each a function's code span first."""

    def steps(block: Block, prefix: str) -> list[Step]:
        assert block.ordered, f"{FILE}, Flow{' step ' + prefix[:-1] if prefix else ''}: its sub-steps are an ordered list (`1.`)"
        found = []
        for n, item in enumerate(block.items, 1):
            number = f"{prefix}{n}"
            assert item.after_first_span() is not None, (
                f"{FILE}, Flow step {number}: starts with its function as a code span "
                f"(`taskq.module.Qualname.method`) — it reads {item.text()!r}"
            )
            assert len(item.lists) <= 1, f"{FILE}, Flow step {number}: holds at most one list of sub-steps"
            children = steps(item.lists[0], f"{number}.") if item.lists else []
            found.append(Step(number, item.spans()[0], children))
        return found

    top = steps(section_list("Flow", ordered=True), "")
    assert len(top) == 2, (
        f"{FILE}, Flow: has exactly two top-level steps, the request's side then the worker's — it has {len(top)}"
    )
    return top


def walk(steps: list[Step]) -> list[Step]:
    return [s for step in steps for s in (step, *walk(step.children))]


def resolved(step: Step) -> Function:
    function = resolve(step.name)
    assert isinstance(function, Function), f"{FILE}, Flow step {step.number}: {function}"
    return function


def handler_runs() -> list[Any]:
    """The functions of the built-in task types, ``BUILTIN[type].run``."""
    handlers = import_project("taskq.handlers")
    builtin = getattr(handlers, "BUILTIN", {})
    return [inspect.unwrap(run) for t in builtin.values() if callable(run := getattr(t, "run", None))]


def is_handler(function: Function) -> bool:
    obj = function.obj()
    return obj is not None and any(inspect.unwrap(obj) is run for run in handler_runs())


def test_flow_steps_are_functions_of_the_project() -> None:
    """Every step of `## Flow` names a real function or method: `taskq.module.Qualname`."""
    for step in walk(flow()):
        resolved(step)


def app_routes(routes: list[Any], prefix: str = "") -> list[tuple[str, set[str], Any]]:
    """``(path, methods, endpoint)`` of every route, included routers and mounts walked into."""
    found: list[tuple[str, set[str], Any]] = []
    for route in routes:
        included = getattr(route, "original_router", None)  # FastAPI's included router
        if included is not None:
            context = getattr(route, "include_context", None)
            found += app_routes(included.routes, prefix + getattr(context, "prefix", ""))
        elif getattr(route, "endpoint", None) is not None and getattr(route, "methods", None):
            found.append((prefix + route.path, set(route.methods), route.endpoint))
        elif isinstance(getattr(route, "routes", None), list):  # a mount
            found += app_routes(route.routes, prefix + getattr(route, "path", ""))
    return found


def endpoint_of_post_tasks(tmp_path: Path) -> str:
    """The dotted name of the app's `POST /tasks` endpoint (enclosing functions included)."""
    settings_module = import_project("taskq.settings")
    api = import_project("taskq.api")
    settings = settings_module.Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'arch.db'}", workers=0)
    app = api.create_app(settings)
    for path, methods, endpoint in app_routes(list(app.routes)):
        if path == "/tasks" and "POST" in methods:
            endpoint = inspect.unwrap(endpoint)
            qualname = ".".join(p for p in endpoint.__qualname__.split(".") if p != "<locals>")
            return f"{endpoint.__module__}.{qualname}"
    raise AssertionError(f"{FILE}, Flow: the app has a `POST /tasks` route (create_app's routes) — it has none")


def test_flow_starts_at_the_endpoint_of_post_tasks(tmp_path: Path) -> None:
    """The first top-level step is the endpoint function of `POST /tasks` (the app's route)."""
    first = flow()[0]
    resolved(first)
    endpoint = endpoint_of_post_tasks(tmp_path)
    assert first.name == endpoint, (
        f"{FILE}, Flow step 1: the first step is the endpoint function of `POST /tasks` in the app's routes "
        f"(`{endpoint}`) — it is `{first.name}`"
    )


def test_flow_worker_side_starts_at_run_or_run_once() -> None:
    """The second top-level step is `taskq.worker.Worker.run` or `taskq.worker.Worker.run_once`."""
    second = flow()[1]
    resolved(second)
    assert second.name in ("taskq.worker.Worker.run", "taskq.worker.Worker.run_once"), (
        f"{FILE}, Flow step 2: the worker's side starts at `taskq.worker.Worker.run` or "
        f"`taskq.worker.Worker.run_once` — it is `{second.name}`"
    )


def test_flow_each_sub_step_is_called_by_its_parent_in_order() -> None:
    """A sub-step is called by name in its parent's body; sub-steps in the order of first call."""
    for parent in walk(flow()):
        caller = resolved(parent)
        positions = []
        for child in parent.children:
            callee = resolved(child)
            names = {callee.path[-1], "run"} if is_handler(callee) else {callee.path[-1]}
            where = first_call(caller.node, names)
            assert where is not None, (
                f"{FILE}, Flow step {child.number}: `{parent.name}` does not call `{child.name}` "
                f"(no call to {' or '.join(f'`{n}`' for n in sorted(names))} in its body)"
            )
            positions.append((where, child))
        for (here, child), (there, after) in zip(positions, positions[1:]):
            assert here <= there, (
                f"{FILE}, Flow step {parent.number}: its sub-steps are listed in the order its body first calls them — "
                f"`{parent.name}` calls `{after.name}` (line {there[0]}) before `{child.name}` (line {here[0]})"
            )


def test_flow_reaches_the_service_and_the_repository() -> None:
    """The request's side holds `TaskService.submit`, then `TaskRepository.add`."""
    names = [s.name for s in walk(flow()[:1])]
    for want in ("taskq.services.TaskService.submit", "taskq.repository.TaskRepository.add"):
        assert want in names, (
            f"{FILE}, Flow: the request's side (step 1 and its sub-steps) reaches `{want}` — its steps: {names}"
        )


def test_flow_worker_side_claims_runs_the_handler_and_completes() -> None:
    """The worker's side holds `Worker.run_once`, then the claim, a task type's handler, the completion."""
    steps = walk(flow()[1:])
    names = [s.name for s in steps]
    assert "taskq.worker.Worker.run_once" in names, (
        f"{FILE}, Flow: the worker's side (step 2 and its sub-steps) holds `taskq.worker.Worker.run_once` — its steps: {names}"
    )
    handler = next((s.name for s in steps if is_handler(resolved(s))), None)
    assert handler is not None, (
        f"{FILE}, Flow: the worker's side holds the handler that runs the task — the function of a built-in "
        f"task type (`taskq.handlers.BUILTIN[type].run`) — its steps: {names}"
    )
    order = ["taskq.repository.TaskRepository.claim", handler, "taskq.repository.TaskRepository.complete"]
    for want in order:
        assert want in names, f"{FILE}, Flow: the worker's side reaches `{want}` — its steps: {names}"
    at = [names.index(want) for want in order]
    assert at == sorted(at), (
        f"{FILE}, Flow: on the worker's side the claim, the handler and the completion come in that order — "
        f"they come as {[names[i] for i in sorted(at)]}"
    )


# --- Failure handling ---------------------------------------------------------------------


@dataclass
class Failures:
    errors: list[tuple[int, str, int]]  # item number, class name, status
    recoveries: dict[str, tuple[int, str]]  # label -> item number, function


def failures() -> Failures:
    """`## Failure handling`'s items (their form checked)."""
    block = section_list("Failure handling")
    errors: list[tuple[int, str, int]] = []
    recoveries: dict[str, tuple[int, str]] = {}
    for n, item in enumerate(block.items, 1):
        spans = item.spans()
        label = item.lead().strip("*_ ").rstrip(":").strip("*_ ")
        if label in LABELS:
            assert spans, f"{FILE}, Failure handling item {n}: `{label}:` is followed by a function's code span"
            assert label not in recoveries, f"{FILE}, Failure handling: one `{label}:` item — item {n} is a second one"
            recoveries[label] = (n, spans[0])
            continue
        assert not item.lead() and spans and spans[0].startswith("taskq.exceptions."), (
            f"{FILE}, Failure handling item {n}: starts with an exception class (`taskq.exceptions.TaskNotFound`) "
            f"or a label {', '.join(f'`{x}:`' for x in LABELS)} — it reads {item.text()!r}"
        )
        assert len(spans) >= 2 and STATUS.fullmatch(spans[1]), (
            f"{FILE}, Failure handling item {n}: `{spans[0]}` is followed by the HTTP status it maps to "
            f"as a code span (`404`) — it reads {item.text()!r}"
        )
        errors.append((n, spans[0].removeprefix("taskq.exceptions."), int(spans[1])))
    return Failures(errors, recoveries)


def error_classes() -> dict[str, type]:
    """`TaskqError` and every subclass of it defined in `taskq.exceptions`."""
    exceptions = import_project("taskq.exceptions")
    base = getattr(exceptions, "TaskqError", None)
    assert isinstance(base, type), f"{FILE}, Failure handling: `taskq.exceptions` defines `TaskqError`"
    return {
        name: obj for name, obj in vars(exceptions).items()
        if isinstance(obj, type) and issubclass(obj, base) and obj.__module__ == exceptions.__name__
    }  # fmt: skip


def test_failure_handling_errors_map_to_their_real_status() -> None:
    """Each exception item names a `TaskqError` class of `taskq.exceptions` and its `status`."""
    found = failures()
    classes = error_classes()
    for n, name, status in found.errors:
        assert name in classes, (
            f"{FILE}, Failure handling item {n}: `taskq.exceptions.{name}` is not a `TaskqError` class of "
            f"taskq.exceptions — it has {sorted(classes)}"
        )
        real = getattr(classes[name], "status", None)
        assert real == status, (
            f"{FILE}, Failure handling item {n}: `taskq.exceptions.{name}` maps to HTTP {real} "
            f"(its class attribute `status`), not {status}"
        )


def test_failure_handling_names_every_error_class() -> None:
    """Every `TaskqError` class of `taskq.exceptions` (the base included) has its item, once."""
    found = failures()
    named = [name for _, name, _ in found.errors]
    twice = sorted({n for n in named if named.count(n) > 1})
    assert twice == [], f"{FILE}, Failure handling: each exception class has one item — twice: {twice}"
    missing = sorted(set(error_classes()) - set(named))
    assert missing == [], (
        f"{FILE}, Failure handling: names every `TaskqError` class of taskq.exceptions — missing: {missing}"
    )


def recovery(label: str) -> tuple[str, Function]:
    found = failures()
    assert label in found.recoveries, f"{FILE}, Failure handling: has a `{label}:` item naming the function that handles it"
    n, dotted = found.recoveries[label]
    function = resolve(dotted)
    assert isinstance(function, Function), f"{FILE}, Failure handling item {n} (`{label}:`): {function}"
    return f"{FILE}, Failure handling item {n} (`{label}:`)", function


def calls(bodies: list[ast.AST], name: str) -> bool:
    return any(first_call(body, {name}) is not None for body in bodies)


def test_failure_handling_retry() -> None:
    """`Retry:` names the function that records a failed attempt: it calls the repository's
    `fail`, and it (or a function of its module it calls) calls `backoff`."""
    where, function = recovery("Retry")
    assert calls([function.node], "fail"), (
        f"{where}: `{function.name}` records the failed attempt — it does not call the repository's `fail`"
    )
    assert calls(with_callees(function), "backoff"), (
        f"{where}: `{function.name}` sets the retry time — neither it nor a function of its module it calls calls `backoff`"
    )


def compares_expiry(body: ast.AST) -> bool:
    for sub in ast.walk(body):
        if isinstance(sub, ast.Compare) and "lease_expires_at" in ast.unparse(sub):
            return True
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and EXPIRY.search(sub.value):
            return True
    return False


def test_failure_handling_crash() -> None:
    """`Crash:` names the function that hands a crashed worker's task (its lease expired) to
    another worker: it (or a function of its module it calls) compares `lease_expires_at`."""
    where, function = recovery("Crash")
    assert any(compares_expiry(body) for body in with_callees(function)), (
        f"{where}: `{function.name}` takes over a task whose lease expired — neither it nor a function "
        f"of its module it calls compares `lease_expires_at`"
    )


def test_failure_handling_cancellation() -> None:
    """`Cancellation:` names the function that gives the in-flight task back when the worker is
    cancelled or stopped mid-task: it (or a function of its module it calls) calls `release`."""
    where, function = recovery("Cancellation")
    assert calls(with_callees(function), "release"), (
        f"{where}: `{function.name}` gives the task back — neither it nor a function of its module it calls "
        f"calls the repository's `release`"
    )


# --- the form -----------------------------------------------------------------------------


def test_a_level_1_heading_architecture_first() -> None:
    """The first heading is `# Architecture`."""
    found = document()
    headings = [(n, t) for n, t in enumerate(found) if t.type == "heading_open"]
    assert headings, f"{FILE}: starts with a level-1 heading `# Architecture` — it has no heading"
    n, heading = headings[0]
    title = found[n + 1].content.strip()
    assert (heading.tag, _norm(title)) == ("h1", "architecture"), (
        f"{FILE}: its first heading is `# Architecture` — it is {'#' * int(heading.tag[1:])} {title}"
    )


@pytest.mark.parametrize("title", SECTIONS)
def test_the_section_is_there_with_one_list(title: str) -> None:
    """ARCHITECTURE.md has this level-2 section, holding one list."""
    section_list(title)
