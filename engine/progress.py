"""The plan's checkboxes, ticked by grading: a line is done when every kata covering it passes.

Cheap on an untouched repo: stubs are recognised without running them, and every other kata
reuses its stored result while its file and grader are byte-for-byte what was graded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from engine import grade, runner, store
from engine.catalog import Catalog, Day, Kata


@dataclass(frozen=True)
class Progress:
    catalog: Catalog
    statuses: dict[str, str]  # kata id -> status

    def passed(self, kata: Kata) -> bool:
        return self.statuses.get(kata.id) == grade.Status.PASSED.value

    def ticked(self, day: Day) -> list[bool]:
        """One flag per checklist line of ``day``: covered, and all its katas pass (its own, and
        those of other days that also cover it)."""
        covering = {line: self.catalog.covering(day, line) for line in day.checklist}
        return [bool(covering[line]) and all(map(self.passed, covering[line])) for line in day.checklist]

    @property
    def lines_done(self) -> int:
        return sum(sum(self.ticked(day)) for day in self.catalog.days)

    @property
    def lines_total(self) -> int:
        return sum(len(day.checklist) for day in self.catalog.days)

    def next_kata(self, after: Iterable[Kata] = ()) -> Kata | None:
        """The first kata in plan order not passed yet, preferring those in ``after``."""
        for kata in [*after, *self.catalog.katas]:
            if not self.passed(kata):
                return kata
        return None


def measure(catalog: Catalog, root: Path, *, timeout: float = runner.DEFAULT_TIMEOUT) -> tuple[Progress, int]:
    """Statuses for every kata, grading only what changed; also returns how many were graded."""
    statuses = dict(known(catalog, root).statuses)
    stale = [kata for kata in catalog.katas if kata.id not in statuses]
    if stale:  # every changed kata of every day in one grading run, one warm zygote
        results = grade.grade_katas(stale, root=root, timeout=timeout)
        remember(results, root)
        statuses |= {k.kata.id: k.status.value for k in results}
    return Progress(catalog, statuses), len(stale)


def remember(results: list[grade.KataResult], root: Path) -> None:
    """Store what a complete run decided, under the key of the bytes it graded; a crash, a
    timeout or a file saved mid-grade leaves the store as it was."""
    store.save({k.kata.id: store.Stored(k.key, k.status.value, k.message) for k in results if k.key})


def known(catalog: Catalog, root: Path) -> Progress:
    """What is known without grading anything: a stub is not started, any other kata has its
    stored status while its file is what was graded (else no status: "not graded yet")."""
    stored = store.load()
    statuses = {}
    for kata in catalog.katas:
        if store.is_stub(kata.source(root)):
            statuses[kata.id] = grade.Status.NOT_STARTED.value
        elif (entry := stored.get(kata.id)) is not None and entry.key == store.key(kata, root):
            statuses[kata.id] = entry.status
    return Progress(catalog, statuses)


def markdown(progress: Progress, badges: Path | None) -> str:
    """PROGRESS.md: the plan with GitHub-rendered checkboxes and each day's badge."""
    done, total = progress.lines_done, progress.lines_total
    out = [
        "# Progress",
        "",
        f"{done} of {total} checklist lines done. Written by `nox -s progress` — edit your katas, not this file.",
        "",
    ]
    for day in progress.catalog.days:
        ticks = progress.ticked(day)
        out.append(f"## {day.label} — {day.title} ({sum(ticks)}/{len(ticks)})")
        out.append("")
        if badges is not None and day.katas:
            out += [f"![{day.label}](badges/{day.session}.svg)", ""]
        out += [f"- [{'x' if tick else ' '}] {line}" for line, tick in zip(day.checklist, ticks)]
        out.append("")
    return "\n".join(out + _drills())


def _drills(shown: int = 10) -> list[str]:
    """The newest mock interviews (``nox -s mock-interview``), if there were any."""
    from engine import drill

    drills = drill.history()[-shown:]
    if not drills:
        return []
    out = ["## Mock interviews", "", "| started | minutes | score | by topic |", "|---|---|---|---|"]
    for entry in reversed(drills):
        topics = ", ".join(f"{topic} {right}/{asked}" for topic, (right, asked) in sorted(entry["topics"].items()))
        out.append(f"| {entry['started']} | {entry['minutes']:g} | {entry['right']}/{entry['asked']} | {topics} |")
    return [*out, ""]


def write_badges(progress: Progress, folder: Path) -> list[Path]:
    import anybadge  # only progress needs it

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for day in progress.catalog.graded_days:
        ticks = progress.ticked(day)
        done = sum(ticks)
        colour = "green" if done == len(ticks) else "orange" if done else "lightgrey"
        value = f"{done}/{len(ticks)} lines"  # checklist lines of the plan, not katas or tests
        badge = anybadge.Badge(label=day.label, value=value, default_color=colour)
        path = folder / f"{day.session}.svg"
        badge.write_badge(str(path), overwrite=True)
        written.append(path)
    return written
