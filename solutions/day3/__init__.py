"""Day 3 — Functions, Args & Closures.

How Python binds arguments to parameters (positional, keyword, ``*args``/``**kwargs``,
positional-only and keyword-only), when defaults are evaluated, how names are resolved (LEGB,
``global``, ``nonlocal``), what closures capture and when (late binding), and where a lambda is
not enough.
"""
