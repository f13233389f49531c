"""Type cases for day7.retry: keyword-only configuration; the signature survives decoration."""

from typing import assert_type

from day7.retry import retry


@retry(attempts=3, exceptions=(ConnectionError, TimeoutError), sleep=lambda seconds: None)
def fetch(url: str, *, timeout: float = 1.0) -> bytes:
    return url.encode()


@retry(jitter=lambda delay: delay / 2)
def count(items: list[int]) -> int:
    return len(items)


assert_type(fetch("https://example.org", timeout=2.5), bytes)
assert_type(count([1, 2]), int)
fetch(b"https://example.org")  # type: ignore[arg-type]
fetch("https://example.org", 2.5)  # type: ignore[call-arg]
count(["a"])  # type: ignore[list-item]
retry(3)  # type: ignore[call-arg]
retry(exceptions=(ValueError, "oops"))  # type: ignore[arg-type]
