"""Day 6 — Iterators & Generators.

Iterables and iterators written by hand (``__iter__`` / ``__next__``), generator functions and
their return values, ``yield from`` delegation, generator expressions, and lazy, bounded-memory
processing: a streaming file reader and a log-processing pipeline that never pulls more than it
needs.
"""
