"""Day 7 — Decorators.

Five decorators a backend codebase really has: a timer that reports through an injected
callback, a call limiter whose state lives in a closure, retry with capped exponential backoff,
a role check for protected functions and a per-instance method cache. Every one of them keeps
the wrapped function's metadata (``functools.wraps``) and, for type checkers, its signature.
"""
