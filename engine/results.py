"""The ``--json`` results file, shaped after Exercism's test-runner results.json (version 3).

Exercism's fields (``version``, ``status``, ``message``, ``tests`` with ``name``/``status``/
``message``/``task_id``/``output``) keep existing tools working; ``day``, ``target`` and
``katas`` are ours. Written atomically, so a reader never sees half a file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from engine.grade import DayResult, KataResult, Status
from engine.runner import TestResult

VERSION = 3


def to_json(result: DayResult) -> dict[str, Any]:
    broken = [k for k in result.katas if k.status in (Status.ERROR, Status.TIMEOUT)]
    if result.passed:
        status, message = "pass", None
    elif broken:
        status = "error"
        message = "; ".join(f"{k.kata.id}: {k.message}" for k in broken)
    else:
        status, message = "fail", None
    return {
        "version": VERSION,
        "status": status,
        "message": message,
        "day": result.day.session,
        "target": result.target,
        "tests": [test for kata in result.katas for test in _tests(kata)],
        "katas": [_kata(k) for k in result.katas],
    }


def _kata(kata: KataResult) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": kata.kata.id,
        "title": kata.kata.title,
        "status": kata.status.value,
        "plan_items": list(kata.kata.covers),
        "message": kata.message,
    }
    if kata.kata.also_covers:  # lines of other days (the interview checklist) it proves too
        entry["also_covers"] = [{"day": session, "line": line} for session, line in kata.kata.also_covers]
    chaffs = [t for t in kata.tests if t.chaff]
    if chaffs:  # a kata whose exercise is writing tests: which buggy implementations they catch
        entry["chaffs_caught"] = sum(t.outcome == "passed" for t in chaffs)
        entry["chaffs_total"] = len(chaffs)
    return entry


def _tests(kata: KataResult) -> list[dict[str, Any]]:
    tests = [_test(kata, t) for t in kata.tests]
    for name, errors in (("mypy --strict", kata.own_type_errors), ("type expectations", kata.case_type_errors)):
        if errors:
            tests.append(
                {
                    "name": f"{kata.kata.id}::{name}",
                    "status": "fail",
                    "message": "\n".join(e.render(Path.cwd()) for e in errors),
                    "task_id": kata.kata.id,
                    "output": None,
                }
            )
    if not kata.tests and kata.status in (Status.ERROR, Status.TIMEOUT):
        tests.append(
            {
                "name": f"{kata.kata.id}::import",
                "status": "error",
                "message": kata.message,
                "task_id": kata.kata.id,
                "output": None,
            }
        )
    return tests


def _test(kata: KataResult, test: TestResult) -> dict[str, Any]:
    if test.outcome in ("passed", "skipped"):
        status = "pass" if test.outcome == "passed" else "error"
    elif test.kind in ("assertion", "not_implemented"):
        status = "fail"
    else:
        status = "error"
    message = None
    if test.outcome != "passed":
        parts = [test.message]
        if test.expected is not None:
            parts.append(f"expected: {test.expected}\nactual:   {test.actual}")
        if test.case:
            parts.append(test.case)
        message = "\n".join(parts)
    return {
        "name": f"{kata.kata.id}::{test.name}",
        "status": status,
        "message": message,
        "task_id": kata.kata.id,
        "output": test.output or None,
    }


def write(result: DayResult, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(to_json(result), indent=2, ensure_ascii=False) + "\n")
    os.replace(partial, path)
