"""The grading engine: catalog, test runner, type checker, report. Content-free by design.

Nothing here knows about a particular kata: days, katas and plan lines come from
``catalog.toml``; graders, stubs and solutions are found by the paths in ``docs/authoring.md``.
"""
