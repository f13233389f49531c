"""At import, writes garbage and a result for a test that does not exist into the events file."""
from pathlib import Path
from typing import Any

for candidate in (Path("../events.jsonl"), Path("events.jsonl")):
    with candidate.open("a", encoding="utf-8") as events:
        events.write('garbage\n{"event": "result"}\n[1, 2]\n{"event": "result", "nodeid": "no::such", "outcome": "passed"}\n')
        events.write('{"event": "collected", "tests": "nope"}\n{"event": 7}\n')


def __getattr__(name: str) -> Any:
    def answer(*args: Any, **kwargs: Any) -> Any:
        return None

    return answer
