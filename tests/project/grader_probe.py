"""A grader of the probe project: it imports the project's package as the exported project would."""

from taskq.core import add


def test_add() -> None:
    assert add(2, 3) == 5, "add(): the sum"
