"""``python -m engine mock-interview``: start a drill, count down, grade it (engine/drill.py).

In a terminal the countdown ticks on one line; Enter grades at once. Without a terminal (CI, a
script) it waits for a line or the end of input on stdin, or for the time to run out. Ctrl-C
stops the clock and keeps the answers: ``--grade`` grades the newest drill later.
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time

from engine import drill
from engine.catalog import REPO, Catalog


def run(args: argparse.Namespace, cat: Catalog) -> int:
    if args.grade:
        folder = drill.latest()
    else:
        topics = [t for t in (args.topics or "").split(",") if t.strip()]
        pool = drill.questions(cat, [t.strip() for t in topics])
        chosen = drill.choose(pool, args.questions, random.Random(args.seed))
        if not chosen:
            raise drill.DrillError("no questions to ask: no kata of those days has mutants")
        folder = drill.start(chosen, args.minutes)
        shown = folder.relative_to(REPO) if folder.is_relative_to(REPO) else folder
        print(f"Mock interview: {len(chosen)} questions, {args.minutes:g} minutes, in {shown}/", flush=True)
        for entry in sorted(p.name for p in folder.glob("q*.py")):
            print(f"  {shown}/{entry}")
        print("Each file's docstring is the spec and one bug hides in its code: fix it there.", flush=True)
        if not _wait(args.minutes * 60):
            print(f"\nStopped. Your answers stay in {shown}/: nox -s mock-interview -- --grade", flush=True)
            return 130
    answers = drill.grade_drill(cat, folder)
    right = sum(a.passed for a in answers)
    print(f"\nScore: {right} of {len(answers)}")
    for topic, (good, asked) in sorted(drill.by_topic(cat, answers).items()):
        print(f"  {topic:<12} {good}/{asked}")
    for answer in answers:
        verdict = "right" if answer.passed else "wrong"
        detail = "" if answer.passed else f" — {answer.message}"
        print(f"  {verdict:<5}  {answer.file.name}{detail}")
    if right < len(answers):
        print("The wrong ones come back sooner in your next drills.")
    return 0 if right == len(answers) else 1


def _wait(seconds: float) -> bool:
    """Until Enter, the end of stdin, or the time is up: True; Ctrl-C: False."""
    answered = threading.Event()

    def on_enter() -> None:
        try:
            sys.stdin.readline()
        except (OSError, ValueError):
            pass
        answered.set()

    threading.Thread(target=on_enter, name="enter", daemon=True).start()
    deadline = time.monotonic() + seconds
    ticking = sys.stdout.isatty()
    try:
        while not answered.wait(timeout=1.0 if ticking else 0.25):
            left = deadline - time.monotonic()
            if left <= 0:
                print("\nTime is up.", flush=True)
                return True
            if ticking:
                minutes, secs = divmod(int(left), 60)
                print(f"\r  {minutes:02d}:{secs:02d} left — Enter grades now, Ctrl-C stops ", end="", flush=True)
    except KeyboardInterrupt:
        return False
    return True
