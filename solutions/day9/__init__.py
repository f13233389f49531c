"""Day 9 — Async Python: coroutines, the event loop, gather and TaskGroup, async context managers
and generators, the classic pitfalls, a rate limiter and concurrent HTTP calls."""
