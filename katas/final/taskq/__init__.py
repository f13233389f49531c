"""taskq: an async task-processing API — submit tasks over HTTP, workers run them.

The packages form layers (checked with ``lint-imports``, see ``pyproject.toml``):
``api`` and ``worker`` on top, then ``services``, then ``repository``, then the pure
``domain`` and ``exceptions`` at the bottom. ``handlers``, ``settings``, ``models`` and ``db``
are the supporting modules the layers share.
"""
