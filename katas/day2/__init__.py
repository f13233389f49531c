"""Day 2 — Collections & Dataclasses.

Pick the collection whose guarantees you need (order, uniqueness, O(1) lookup), know what each
operation costs, use ``collections`` (``defaultdict``, ``Counter``, ``deque``) instead of
re-inventing it, avoid the classic aliasing and copying traps, and model immutable data with
``@dataclass(frozen=True, slots=True)``.
"""
