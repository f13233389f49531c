"""The catalog: plan days in order, their checklist lines, their katas and what each covers.

Standard library only, because ``noxfile.py`` imports it before any session venv exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CATALOG_PATH = REPO / "catalog.toml"


class CatalogError(Exception):
    """The catalog file is malformed or refers to something that does not exist."""


class UnknownName(LookupError):
    """A day or kata name the catalog does not have; the message lists the valid ones."""


@dataclass(frozen=True)
class Kata:
    day: str
    name: str
    title: str
    covers: tuple[str, ...]
    hints: tuple[str, ...]
    # The stub's signatures differ from the solution's on purpose: writing them is the task.
    signature_is_the_exercise: bool = False
    # "module": the learner writes a module, the grader tests it. "tests": the learner writes
    # a test module for ``subject`` (a complete module of the same day, the spec), and the
    # grader runs those tests against correct and buggy versions of it (engine/suites.py).
    # "file": the learner writes ``file``, a file that is not Python (a Dockerfile, a Compose
    # file) in the day's folder; its stub holds only comments, the spec (engine/files.py).
    # "project": the learner's work is the day's whole folder, a standalone project whose
    # packages sit at its top (``katas/final/taskq/``); each kata grades one aspect of it.
    kind: str = "module"
    subject: str | None = None
    file: str | None = None
    # Lines of other days this kata also proves, as (session, line): an interview line such as
    # "Explain MRO and `super()`" is ticked by Day 4's MRO trace as well as by its own kata.
    also_covers: tuple[tuple[str, str], ...] = ()
    # A "file" kata about another day's project (the interview's architecture walkthrough of the
    # final project): its file lives in that project's folder, and its verdict depends on the
    # whole project, so that folder is what the store hashes and the self-test copies.
    in_project: str | None = None

    @property
    def id(self) -> str:
        """Stable identifier used in results and on the command line, e.g. ``day7.retry``."""
        return f"{self.day}.{self.name}"

    @property
    def package(self) -> str:
        return package_name(self.day)

    # Whether mypy --strict on the learner's code is part of this kata's verdict: always for a
    # module or a test module, never for a file; for a project, the kata that says so.
    mypy: bool = True

    def source(self, root: Path) -> Path:
        """The kata's file under a source root (``katas/``, ``solutions/`` or a copy): its
        module, for a "file" kata the file it names, for a "project" kata the project folder."""
        if self.is_project:
            return root / self.package
        folder = package_name(self.in_project) if self.in_project else self.package
        return root / folder / (self.file or f"{self.name}.py")

    def project_folder(self, root: Path) -> Path | None:
        """The project folder this kata's verdict depends on as a whole, if any."""
        if self.is_project:
            return self.source(root)
        return root / package_name(self.in_project) if self.in_project else None

    def import_root(self, root: Path) -> Path:
        """What goes first on ``sys.path`` to import the learner's code: the source root, or the
        project folder itself (so that ``import taskq`` works as in the exported project)."""
        return self.source(root) if self.is_project else root

    @property
    def is_python(self) -> bool:
        """Whether the learner's file is a Python module (mypy checks it; its stub raises)."""
        return self.file is None and not self.is_project

    @property
    def is_project(self) -> bool:
        return self.kind == "project"

    def subject_source(self, root: Path) -> Path | None:
        """The module a "tests" kata's tests are about, under a source root."""
        return root / self.package / f"{self.subject}.py" if self.subject else None

    @property
    def mutants(self) -> list[Path]:
        """The plausible bugs its grader must reject (``tests/mutants/<pkg>/<kata>/``): whole
        modules, or for a "file" kata whole files (``runs_as_root.Dockerfile``)."""
        folder = REPO / "tests" / "mutants" / self.package / self.name
        if self.is_project:  # a folder of files that replace the reference project's
            return sorted(p for p in folder.glob("*") if p.is_dir() and not p.name.startswith((".", "__")))
        if self.is_python:
            return sorted(folder.glob("*.py"))
        return sorted(p for p in folder.glob("*") if p.is_file() and not p.name.startswith((".", "__")))

    @property
    def grader(self) -> Path:
        return REPO / "graders" / self.package / f"test_{self.name}.py"

    @property
    def typecase(self) -> Path:
        return REPO / "graders" / self.package / "typecases" / f"{self.name}.py"


@dataclass(frozen=True)
class Day:
    session: str
    title: str
    checklist: tuple[str, ...]
    katas: tuple[Kata, ...]
    topic: str = ""  # a word for mock interviews' --topics ("async", "oop")

    @property
    def package(self) -> str:
        return package_name(self.session)

    @property
    def label(self) -> str:
        """``Day 7`` / ``Day 4.1`` / ``Final`` — how the plan itself names the day."""
        if self.session.startswith("day"):
            return f"Day {self.session[3:]}"
        return self.session.capitalize()

    def kata(self, name: str) -> Kata:
        for kata in self.katas:
            if name in (kata.name, kata.id):
                return kata
        valid = ", ".join(k.name for k in self.katas) or "none yet"
        raise UnknownName(f"unknown kata {name!r} for {self.session}; valid: {valid}")


@dataclass(frozen=True)
class Catalog:
    days: tuple[Day, ...]

    def day(self, session: str) -> Day:
        for day in self.days:
            if day.session == session:
                return day
        valid = ", ".join(d.session for d in self.graded_days)
        raise UnknownName(f"unknown day {session!r}; valid: {valid}")

    @property
    def graded_days(self) -> tuple[Day, ...]:
        """Days that have at least one kata, in plan order."""
        return tuple(day for day in self.days if day.katas)

    @property
    def katas(self) -> tuple[Kata, ...]:
        return tuple(kata for day in self.days for kata in day.katas)

    def covering(self, day: Day, line: str) -> list[Kata]:
        """The katas that prove a checklist line: the day's own that cover it, then those of
        other days that also cover it."""
        own = [k for k in day.katas if line in k.covers]
        return own + [k for k in self.katas if (day.session, line) in k.also_covers]

    def find_kata(self, kata_id: str) -> Kata:
        """Look a kata up by its id, ``day7.retry`` (the day part may contain a dot), or by a
        bare name that only one day uses (``retry``)."""
        session, _, name = kata_id.rpartition(".")
        if not session:
            matches = [k for k in self.katas if k.name == kata_id]
            if len(matches) == 1:
                return matches[0]
            if matches:
                ids = ", ".join(k.id for k in matches)
                raise UnknownName(f"{kata_id!r} is a kata of several days: say which ({ids})")
            raise UnknownName(f"no kata is called {kata_id!r}; kata ids look like day7.retry")
        return self.day(session).kata(name)


def package_name(session: str) -> str:
    """``day4.1`` -> ``day4_1``: the importable package holding a day's katas."""
    return session.replace(".", "_")


def load(path: Path = CATALOG_PATH) -> Catalog:
    import tomllib  # here: starting a grade's warm process needs REPO, not a TOML parser

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogError(f"cannot read {path.name}: {exc}") from exc
    try:
        days = tuple(_day(entry) for entry in data["day"])
    except (KeyError, TypeError) as exc:
        raise CatalogError(f"{path.name}: missing or malformed field {exc}") from exc
    checklists = {day.session: day.checklist for day in days}
    projects = {day.session for day in days if any(k.is_project for k in day.katas)}
    for kata in (k for day in days for k in day.katas):
        if kata.in_project is not None and kata.in_project not in projects:
            raise CatalogError(f"{path.name}: {kata.id} in_project = {kata.in_project!r}, which is not a project day")
        for session, line in kata.also_covers:
            if line not in checklists.get(session, ()):
                raise CatalogError(f"{path.name}: {kata.id} also_covers {session}: {line!r}, which that day does not have")
    return Catalog(days)


def _day(entry: dict[str, object]) -> Day:
    session = str(entry["session"])
    return Day(
        session=session,
        topic=str(entry.get("topic", session)),
        title=str(entry["title"]),
        checklist=_strings(entry, "checklist"),
        katas=tuple(
            Kata(
                day=session,
                name=str(k["name"]),
                title=str(k["title"]),
                covers=_strings(k, "covers"),
                hints=_strings(k, "hints", required=False),
                signature_is_the_exercise=bool(k.get("signature_is_the_exercise", False)),
                kind=_kind(k),
                subject=str(k["subject"]) if k.get("kind") == "tests" else None,
                file=str(k["file"]) if k.get("kind") == "file" else None,
                also_covers=_also_covers(k),
                in_project=str(k["in_project"]) if k.get("kind") == "file" and "in_project" in k else None,
                mypy=bool(k.get("mypy", k.get("kind", "module") in ("module", "tests"))),
            )
            for k in _list(entry, "kata", required=False)
        ),
    )


def _also_covers(entry: dict[str, object]) -> tuple[tuple[str, str], ...]:
    """``also_covers = { interview = ["Explain GIL"] }`` -> (("interview", "Explain GIL"),)."""
    table = entry.get("also_covers", {})
    if not isinstance(table, dict):
        raise TypeError("also_covers must be a table of session = [lines]")
    return tuple((str(session), str(line)) for session, lines in table.items() for line in lines)


def _kind(entry: dict[str, object]) -> str:
    kind = str(entry.get("kind", "module"))
    if kind not in ("module", "tests", "file", "project"):
        raise TypeError(f"kind must be 'module', 'tests', 'file' or 'project', not {kind!r}")
    return kind


def _list(entry: dict[str, object], key: str, *, required: bool = True) -> list[dict[str, object]]:
    value = entry[key] if required else entry.get(key, [])
    if not isinstance(value, list):
        raise TypeError(f"{key!r} must be a list")
    return value


def _strings(entry: dict[str, object], key: str, *, required: bool = True) -> tuple[str, ...]:
    return tuple(str(item) for item in _list(entry, key, required=required))
