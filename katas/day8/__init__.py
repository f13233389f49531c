"""Day 8 — Typing & Static Analysis.

Here ``mypy --strict`` grades as much as pytest does. Five katas: narrowing ``Optional`` and
``Union`` values (and handing the narrowed type back to the caller), parsing untrusted JSON into
a ``TypedDict``, typing higher-order functions with ``Callable`` and ``ParamSpec``, a service
that depends only on a generic repository ``Protocol``, and the same contract written once as
an ABC and once as a Protocol. Each kata has type cases: code that must type-check, and code
that must be a mypy error — so an implementation that behaves right but is typed wrong fails.
"""
