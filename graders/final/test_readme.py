"""Grader of the final project's "readme" kata: README.md read as Markdown with markdown-it-py
(CommonMark plus tables), so headings are headings and code spans are code spans — never a
regular expression over the raw text.

- a level-1 heading first, then at least one paragraph saying what the project is;
- the level-2 sections Quick start, API, Configuration, Running the tests, Architecture;
- API names every route of the app's OpenAPI schema as a code span ``METHOD /path`` and no
  route the app does not have (the schema: ``create_app(Settings(...)).openapi()``);
- Configuration names every field of ``Settings`` as its environment variable in a code span
  (``TASKQ_`` + the name in upper case) and no variable ``Settings`` does not have;
- Quick start and Running the tests each hold a fenced code block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

import taskq
from engine.files import written
from taskq.api import create_app
from taskq.settings import Settings

SECTIONS = ("Quick start", "API", "Configuration", "Running the tests", "Architecture")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
ROUTE = re.compile(rf"({'|'.join(METHODS)})\s+(/\S*)")
VARIABLE = re.compile(r"(TASKQ_[A-Za-z0-9_]+)(?:\s*=.*)?")


def readme_path() -> Path:
    return Path(taskq.__file__).resolve().parents[1] / "README.md"


@dataclass
class Section:
    title: str
    tokens: list[Token] = field(default_factory=list)

    def code_spans(self) -> list[str]:
        return [child.content.strip() for t in self.tokens if t.type == "inline"
                for child in t.children or [] if child.type == "code_inline"]  # fmt: skip

    def fences(self) -> list[Token]:
        return [t for t in self.tokens if t.type == "fence"]


def tokens() -> list[Token]:
    """README.md parsed (reads it first: while it is only a comment, not started)."""
    return MarkdownIt("commonmark").enable("table").parse(written(readme_path()))


def _norm(title: str) -> str:
    return " ".join(title.split()).casefold()


def sections(found: list[Token]) -> dict[str, Section]:
    """Level-2 sections by title (case and spacing folded): their tokens up to the next h1/h2."""
    result: dict[str, Section] = {}
    current: Section | None = None
    for n, token in enumerate(found):
        if token.type == "heading_open" and token.tag in ("h1", "h2"):
            current = None
            if token.tag == "h2":
                title = found[n + 1].content.strip()
                current = result.setdefault(_norm(title), Section(title))
            continue
        if current is not None:
            current.tokens.append(token)
    return result


def section(title: str) -> Section:
    found = sections(tokens())
    assert _norm(title) in found, (
        f"README.md: has a level-2 section `## {title}` — its level-2 sections: "
        f"{[s.title for s in found.values()]}"
    )
    return found[_norm(title)]


def test_a_title_then_a_paragraph_saying_what_it_is() -> None:
    """The first heading is a level-1 heading; a paragraph of text follows it."""
    found = tokens()
    headings = [(n, t) for n, t in enumerate(found) if t.type == "heading_open"]
    assert headings, "README.md: starts with a level-1 heading (`# taskq`) — it has no heading"
    first, heading = headings[0]
    assert heading.tag == "h1", (
        f"README.md: its first heading is a level-1 heading (`# taskq`) — it is level {heading.tag[1:]}: "
        f"{found[first + 1].content!r}"
    )
    end = headings[1][0] if len(headings) > 1 else len(found)
    texts = [
        "".join(c.content for c in found[n + 1].children or [] if c.type in ("text", "code_inline"))
        for n in range(first + 1, end)
        if found[n].type == "paragraph_open"
    ]
    assert [t for t in texts if len(t.split()) >= 3] != [], (
        "README.md: the level-1 heading is followed by a paragraph saying what the project is "
        "(before the next heading)"
    )


@pytest.mark.parametrize("title", SECTIONS)
def test_the_section_is_there(title: str) -> None:
    """README.md has this level-2 section."""
    section(title)


@pytest.mark.parametrize("title", ["Quick start", "Running the tests"])
def test_the_section_holds_a_fenced_code_block(title: str) -> None:
    """Quick start and Running the tests each hold a fenced code block."""
    assert section(title).fences() != [], (
        f"README.md: `## {title}` holds a fenced code block (``` ... ```) with the commands"
    )


def app_routes(tmp_path: Path) -> set[str]:
    """``METHOD /path`` of every operation in the learner app's OpenAPI schema."""
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'readme.db'}", workers=0)
    schema = create_app(settings).openapi()
    return {f"{method.upper()} {path}" for path, item in (schema.get("paths") or {}).items()
            for method in item if method.upper() in METHODS}  # fmt: skip


def readme_routes(spans: list[str]) -> set[str]:
    """The code spans that name a route, ``METHOD /path`` (a query string left out)."""
    found = set()
    for span in spans:
        match = ROUTE.fullmatch(span)
        if match:
            found.add(f"{match[1]} {match[2].split('?')[0]}")
    return found


def test_api_names_every_route(tmp_path: Path) -> None:
    """`## API` names every route of the OpenAPI schema as a code span `METHOD /path`."""
    want = app_routes(tmp_path)
    got = readme_routes(section("API").code_spans())
    missing = sorted(want - got)
    assert missing == [], (
        f"README.md: `## API` names every route of the app as a code span (`GET /tasks/{{task_id}}`) — missing: {missing}"
    )


def test_api_names_no_route_that_does_not_exist(tmp_path: Path) -> None:
    """`## API` names no route the app does not have."""
    want = app_routes(tmp_path)
    got = readme_routes(section("API").code_spans())
    extra = sorted(got - want)
    assert extra == [], (
        f"README.md: `## API` names only routes the app has (its OpenAPI schema) — not in the app: {extra}"
    )


def settings_variables() -> set[str]:
    Settings(workers=0)  # learner code first
    return {f"TASKQ_{name.upper()}" for name in Settings.model_fields}


def readme_variables() -> set[str]:
    found = set()
    for span in section("Configuration").code_spans():
        match = VARIABLE.fullmatch(span)
        if match:
            found.add(match[1])
    return found


def test_configuration_names_every_setting() -> None:
    """`## Configuration` names every setting as its environment variable in a code span."""
    got = readme_variables()
    missing = sorted(settings_variables() - got)
    assert missing == [], (
        f"README.md: `## Configuration` names every setting as its environment variable in a code span (`TASKQ_LEASE_SECONDS`) — missing: {missing}"
    )


def test_configuration_names_no_variable_settings_lacks() -> None:
    """`## Configuration` names no TASKQ_ variable that Settings does not have."""
    got = readme_variables()
    extra = sorted(got - settings_variables())
    assert extra == [], (
        f"README.md: `## Configuration` names only variables Settings reads — Settings has no: {extra}"
    )
