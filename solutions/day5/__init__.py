"""Day 5 — Exceptions & Context Managers.

Katas, in plan order:

- ``error_triage``: map exceptions to HTTP statuses with ordered, specific ``except`` clauses.
- ``try_trace``: predict what ``try / except / else / finally`` run, in which order.
- ``config_loader``: a TOML config loader with its own exception hierarchy and chaining.
- ``with_protocol``: do by hand what the ``with`` statement does with ``__enter__``/``__exit__``.
- ``open_all``: enter N context managers at once with ``ExitStack``.
- ``logging_cm``: one logging context manager, written as a class and with ``@contextmanager``.
"""
