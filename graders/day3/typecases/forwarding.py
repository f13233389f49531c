"""Type cases for day3.forwarding: the wrapper keeps func's exact signature (ParamSpec)."""

from typing import assert_type

from day3.forwarding import Call, recorded

journal: list[Call] = []


def connect(host: str, port: int, /, *, timeout: float = 1.0) -> bytes:
    return b""


wrapped = recorded(connect, journal)
assert_type(wrapped("db", 5432), bytes)
assert_type(wrapped("db", 5432, timeout=0.5), bytes)
wrapped("db", "5432")  # type: ignore[arg-type]
wrapped("db")  # type: ignore[call-arg]
wrapped("db", 5432, 0.5)  # type: ignore[call-arg]
wrapped("db", 5432, retries=3)  # type: ignore[call-arg]
recorded(connect, [("db", 5432)])  # type: ignore[list-item]
