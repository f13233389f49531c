"""GitHub Actions: one small workflow per graded day, and the README's badge row.

Each ``.github/workflows/<session>.yml`` is generated from the catalog and only calls the
reusable ``grade.yml`` *of the upstream repository*, which checks out the learner's fork and
then puts the upstream release's graders, engine and catalog back over the fork's copies:
editing ``graders/`` in a fork cannot turn a badge green.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

from engine.catalog import REPO, Catalog, Day
from engine.learner import LearnerError

WORKFLOWS = REPO / ".github" / "workflows"
README = REPO / "README.md"
BADGES_START, BADGES_END = "<!-- day-badges:start -->", "<!-- day-badges:end -->"


@dataclass(frozen=True)
class Upstream:
    repository: str  # owner/name on GitHub
    ref: str


def upstream() -> Upstream:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["katas"]
    return Upstream(config["upstream"], config["upstream_ref"])


def day_workflow(day: Day, origin: Upstream) -> str:
    return f"""\
# Generated from catalog.toml by `nox -s workflows`; edit the catalog, not this file.
name: "{day.label} — {day.title}"

on:
  push:
  workflow_dispatch:

permissions:
  contents: read

jobs:
  grade:
    uses: {origin.repository}/.github/workflows/grade.yml@{origin.ref}
    with:
      day: "{day.session}"
      upstream: "{origin.repository}"
      upstream-ref: "{origin.ref}"
"""


def generated_workflows(catalog: Catalog) -> dict[Path, str]:
    origin = upstream()
    return {WORKFLOWS / f"{day.session}.yml": day_workflow(day, origin) for day in catalog.graded_days}


def write_workflows(catalog: Catalog) -> list[Path]:
    """Write the per-day workflows; remove those of days the catalog no longer grades."""
    wanted = generated_workflows(catalog)
    for stale in WORKFLOWS.glob("day*.yml"):
        if stale not in wanted:
            stale.unlink()
    WORKFLOWS.mkdir(parents=True, exist_ok=True)
    for path, text in wanted.items():
        path.write_text(text)
    return sorted(wanted)


def badge_row(catalog: Catalog, repository: str) -> str:
    badges = [
        f"[![{day.label}](https://github.com/{repository}/actions/workflows/{day.session}.yml/badge.svg)]"
        f"(https://github.com/{repository}/actions/workflows/{day.session}.yml)"
        for day in catalog.graded_days
    ]
    return "\n".join([BADGES_START, *badges, BADGES_END])


def rewrite_readme_badges(catalog: Catalog, repository: str, readme: Path = README) -> None:
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BADGES_START) + r".*?" + re.escape(BADGES_END), re.S)
    if not pattern.search(text):
        raise LearnerError(f"{readme.name} has no {BADGES_START} … {BADGES_END} block")
    readme.write_text(pattern.sub(lambda _: badge_row(catalog, repository), text), encoding="utf-8")


def origin_repository() -> str:
    """``owner/name`` of this clone's ``origin`` remote on GitHub."""
    try:
        url = subprocess.run(
            ["git", "remote", "get-url", "origin"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        raise LearnerError("this clone has no 'origin' remote (git remote get-url origin failed)") from None
    return parse_github_url(url)


def parse_github_url(url: str) -> str:
    match = re.fullmatch(r"(?:https://|ssh://git@|git@)github\.com[:/]([\w.-]+)/([\w.-]+?)(?:\.git)?/?", url)
    if match is None:
        raise LearnerError(f"origin is not a GitHub repository: {url}")
    return f"{match[1]}/{match[2]}"
