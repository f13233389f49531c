"""Day 10 — Concurrency: the GIL, threads, processes, choosing an executor, and when async wins."""
