"""``mypy --strict`` over the learner's day package and the day's type cases, in-process.

One mypy run per grade, errors sorted by file so each counts against its own kata only: a typo
in one kata never fails another kata's type cases. A syntax error stops mypy altogether
("blocking"), so the offending file (and the type case that imports it) is dropped and mypy is
run again on the rest.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path


class TypecheckError(Exception):
    """mypy could not check the files at all."""


@dataclass(frozen=True)
class MypyError:
    file: Path
    line: int
    code: str
    message: str
    expectation: str | None = None  # the type case's source line, for type-case errors

    def render(self, relative_to: Path) -> str:
        """``file:line: message [code]``; a type case shows its expectation, not its path.

        A type-case line such as ``assert_type(add(1, 2), int)`` is a spec statement, so it
        is quoted; where the grader's file lives is nobody's business.
        """
        if self.expectation is not None:
            return f"`{self.expectation}`: {self.message}"  # mypy's error code is type-case mechanics
        try:
            shown = self.file.relative_to(relative_to)
        except ValueError:
            shown = self.file
        return f"{shown}:{self.line}: {self.message}  [{self.code}]"


def check(
    files: dict[Path, Path], *, search_path: Path, cache_dir: Path
) -> dict[Path, list[MypyError]]:
    """Type-check ``files`` (file -> the kata file it belongs to); errors per kata file."""
    from mypy import api  # imported here: only grading pays for it, not --help or the catalog

    errors: dict[Path, list[MypyError]] = {owner: [] for owner in files.values()}
    # Type cases are the grader's files; a project's own modules (inside its folder) are the learner's.
    cases = {path.resolve() for path, owner in files.items() if path != owner and not path.is_relative_to(owner)}
    pending = {path.resolve(): owner for path, owner in files.items() if path.exists()}
    os.environ["MYPYPATH"] = str(search_path)
    while pending:
        stdout, stderr, status = api.run(
            [
                "--strict",
                "--output=json",
                "--no-error-summary",
                "--cache-dir", str(cache_dir),
                "--config-file", "",
                *map(str, pending),
            ]  # fmt: skip
        )
        found = [e for line in stdout.splitlines() if (e := _parse(line)) is not None]
        if status == 2 and not found:  # mypy itself failed (bad option, crash): never "no errors"
            raise TypecheckError(stderr.strip().splitlines()[-1] if stderr.strip() else "mypy failed")
        found = [_quote_case(e) if e.file in cases else e for e in found]
        blocking = {e.file for e in found if e.code == "syntax"}
        for error in found:
            owner = pending.get(error.file)
            if owner is not None and (not blocking or error.file in blocking):
                errors[owner].append(error)
        if not blocking:
            break
        broken = {pending[f] for f in blocking if f in pending}
        pending = {p: o for p, o in pending.items() if o not in broken}
    return errors


def _quote_case(error: MypyError) -> MypyError:
    lines = error.file.read_text(encoding="utf-8").splitlines()
    source = lines[error.line - 1].split("#")[0].strip() if error.line <= len(lines) else ""
    if error.code == "unused-ignore":  # the line's `# type: ignore[...]` marks an expected error
        return replace(error, expectation=source or None, message="must be a type error, but mypy accepts it")
    return replace(error, expectation=source or None)


def _parse(line: str) -> MypyError | None:
    if not line.startswith("{"):
        return None
    data = json.loads(line)
    if data.get("severity") != "error":
        return None
    return MypyError(
        file=Path(data["file"]).resolve(),
        line=int(data["line"]),
        code=str(data.get("code") or "misc"),
        message=str(data["message"]),
    )
