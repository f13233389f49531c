"""Day 11 — Testing: here you write the tests. Each kata gives a finished module (its docstrings
are the spec) and a test module to fill in; the grader runs your tests against correct and
subtly broken versions of that module."""
