"""A timed mock interview: questions drawn from the whole library, graded by the katas' own graders.

A question is a kata with one plausible bug planted in it — one of the mutants the self-test
proves its grader rejects — shown with the kata's spec and never the bug's name: "this module
should do what its docstring says; find what is wrong and fix it". The drill writes the
questions into a scratch folder (``mock-interview/<stamp>/``), counts down, and grades every
answer with the kata's grader (the rest of the day from ``solutions/``), with a score per topic.

Questions answered wrongly come back sooner: a Leitner schedule (box 0 comes back at the next
drill, box ``n`` after ``2**n`` drills) kept with the drill history in the state directory,
never in ``katas/``.
"""

from __future__ import annotations

import ast
import json
import os
import random
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from engine import grade, store
from engine.catalog import REPO, Catalog, Kata

MANIFEST = "questions.json"
TOP_BOX = 5


def folder_of_drills() -> Path:
    """``mock-interview/`` in the repository (git ignores it), or ``KATA_MOCK_INTERVIEW_DIR``."""
    return Path(os.environ.get("KATA_MOCK_INTERVIEW_DIR", REPO / "mock-interview"))


class DrillError(Exception):
    """A drill cannot start or be graded; the message says why, in one line."""


@dataclass(frozen=True)
class Question:
    kata: Kata
    mutant: Path

    @property
    def key(self) -> str:
        return f"{self.kata.id}:{self.mutant.stem}"


@dataclass(frozen=True)
class Answer:
    question: Question
    file: Path
    passed: bool
    message: str


def questions(cat: Catalog, topics: Sequence[str] = ()) -> list[Question]:
    """Every question the library can ask: a Python module kata and one of its mutants."""
    wanted = {t.lower() for t in topics}
    days = [d for d in cat.graded_days if not wanted or {d.topic, d.session} & wanted]
    if wanted and not days:
        known = ", ".join(sorted({d.topic for d in cat.graded_days}))
        raise DrillError(f"no questions on {', '.join(sorted(wanted))}: topics are {known}")
    return [Question(k, m) for d in days for k in d.katas if k.kind == "module" for m in k.mutants]


def choose(pool: Sequence[Question], count: int, rng: random.Random) -> list[Question]:
    """``count`` questions, one per kata: those due again first (answered wrongly, or their box
    has come round), then ones never asked, then the rest — shuffled within each group."""
    state = _load()
    drill_number, boxes = len(state["drills"]), state["boxes"]
    groups: tuple[list[Question], list[Question], list[Question]] = ([], [], [])
    for question in pool:
        seen = boxes.get(question.key)
        groups[0 if seen and seen["due"] <= drill_number else 1 if not seen else 2].append(question)
    chosen: list[Question] = []
    for group in groups:
        rng.shuffle(group)
        for question in group:
            if len(chosen) < count and all(q.kata != question.kata for q in chosen):
                chosen.append(question)
    return chosen


def start(chosen: Sequence[Question], minutes: float, now: datetime | None = None) -> Path:
    """Write the questions into a fresh scratch folder; returns it."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = folder_of_drills() / stamp
    folder.mkdir(parents=True, exist_ok=False)
    entries = []
    for number, question in enumerate(chosen, 1):
        name = f"q{number:02d}_{question.kata.package}_{question.kata.name}.py"
        (folder / name).write_text(_question_text(question, number, len(chosen)), encoding="utf-8")
        entries.append({"file": name, "kata": question.kata.id, "mutant": question.mutant.stem})
    manifest = {"started": stamp, "minutes": minutes, "questions": entries}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return folder


def latest() -> Path:
    """The newest drill's folder."""
    found = sorted(p.parent for p in folder_of_drills().glob(f"*/{MANIFEST}"))
    if not found:
        raise DrillError("no mock interview started yet: nox -s mock-interview")
    return found[-1]


def grade_drill(cat: Catalog, folder: Path) -> list[Answer]:
    """Grade every answer in ``folder`` with its kata's grader; record the drill once."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    asked = [(folder / e["file"], Question(k := cat.find_kata(e["kata"]), _mutant(k, e["mutant"])))
             for e in manifest["questions"]]
    answers = []
    with grade.open_pool() as pool:
        for package in dict.fromkeys(q.kata.package for _, q in asked):
            here = [(file, q) for file, q in asked if q.kata.package == package]
            root = folder / ".grading" / package
            shutil.rmtree(root, ignore_errors=True)
            shutil.copytree(REPO / "solutions" / package, root / package)
            for file, q in here:
                shutil.copyfile(file, q.kata.source(root))
            results = grade.grade_katas([q.kata for _, q in here], root=root, pool=pool)
            answers += [Answer(q, file, r.status is grade.Status.PASSED, r.message) for (file, q), r in zip(here, results)]
    if not manifest.get("graded"):
        _record(manifest, answers, by_topic(cat, answers))
        manifest["graded"] = datetime.now().isoformat(timespec="seconds")
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return answers


def by_topic(cat: Catalog, answers: Sequence[Answer]) -> dict[str, tuple[int, int]]:
    """topic -> (right, asked)."""
    scores: dict[str, tuple[int, int]] = {}
    for answer in answers:
        topic = cat.day(answer.question.kata.day).topic
        right, asked = scores.get(topic, (0, 0))
        scores[topic] = (right + answer.passed, asked + 1)
    return scores


def history() -> list[dict[str, Any]]:
    """Every graded drill, oldest first: when, score, asked, and the score per topic."""
    drills: list[dict[str, Any]] = _load()["drills"]
    return drills


def _question_text(question: Question, number: int, total: int) -> str:
    """The kata's spec (the stub's module docstring) over the mutant's code, its bug unnamed."""
    spec = ast.get_docstring(ast.parse(question.kata.source(REPO / "katas").read_text(encoding="utf-8"))) or ""
    code = question.mutant.read_text(encoding="utf-8")
    tree = ast.parse(code)
    if tree.body and isinstance(tree.body[0], ast.Expr) and isinstance(tree.body[0].value, ast.Constant):
        code = "\n".join(code.splitlines()[tree.body[0].end_lineno or 0:]).lstrip("\n")  # the bug's name
    header = (f"# Mock interview, question {number} of {total} ({question.kata.id}): this module should do what\n"
              "# its docstring says, and one plausible bug hides in it. Find it and fix it here.\n")
    return f'{header}"""{spec}\n"""\n\n{code}\n'


def _mutant(kata: Kata, stem: str) -> Path:
    for path in kata.mutants:
        if path.stem == stem:
            return path
    raise DrillError(f"{kata.id} has no question {stem!r} any more: start a new drill")


def _state_path() -> Path:
    return store.state_dir() / "drills.json"


def _load() -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(_state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    return {"boxes": data.get("boxes", {}), "drills": data.get("drills", [])}


def _record(manifest: dict[str, Any], answers: Sequence[Answer], topics: dict[str, tuple[int, int]]) -> None:
    state = _load()
    number = len(state["drills"]) + 1
    for answer in answers:
        box = state["boxes"].get(answer.question.key, {}).get("box", 0)
        box = min(box + 1, TOP_BOX) if answer.passed else 0
        state["boxes"][answer.question.key] = {"box": box, "due": number + (2**box if answer.passed else 0)}
    state["drills"].append({
        "started": manifest["started"], "minutes": manifest["minutes"],
        "right": sum(a.passed for a in answers), "asked": len(answers),
        "topics": {topic: list(score) for topic, score in topics.items()},
    })  # fmt: skip
    path = _state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(state, indent=2), encoding="utf-8")
