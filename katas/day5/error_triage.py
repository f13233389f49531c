"""Error triage: turn what a request handler raised into an HTTP status.

A web framework calls your handler and must answer *something*: ``respond`` runs the handler
and maps the exception it raised, if any, to a status code. The rules below are checked from
top to bottom and **the first rule that matches wins**; "matches" means the exception is an
instance of the class (subclasses included — that is how ``except`` works):

====  ===========================================================================
403   ``PermissionError``
404   ``FileNotFoundError`` or any ``LookupError`` (``KeyError``, ``IndexError``, …)
504   ``TimeoutError``
503   any other ``OSError`` (``ConnectionRefusedError``, ``BrokenPipeError``, …)
400   ``ValueError`` (``UnicodeDecodeError``, ``json.JSONDecodeError``, …)
500   any other ``Exception``
====  ===========================================================================

An exception that is not an ``Exception`` at all (``KeyboardInterrupt``, ``SystemExit``,
``GeneratorExit``, ``asyncio.CancelledError``, …) is not an error of the handler: it must
propagate out of ``respond`` unchanged (the very same object), never be turned into a status.

Several of these classes are subclasses of others (``PermissionError``, ``FileNotFoundError``
and ``TimeoutError`` are all subclasses of ``OSError``): knowing the built-in hierarchy, and
ordering the ``except`` clauses by it, is the point.
"""

from collections.abc import Callable


def respond(handler: Callable[[], str]) -> tuple[int, str]:
    """Call ``handler()`` once and return ``(status, body)``.

    - It returned ``text``: ``(200, text)``.
    - It raised an ``Exception``: ``(status, name)`` where ``status`` comes from the first
      matching rule of the table above and ``name`` is the exception's class name
      (``type(exc).__name__``).
    - It raised a ``BaseException`` that is not an ``Exception``: that exception propagates.

    >>> respond(lambda: "hello")
    (200, 'hello')
    >>> respond(lambda: {}["user"])
    (404, 'KeyError')
    >>> respond(lambda: open("/no/such/file"))
    (404, 'FileNotFoundError')
    >>> def flaky() -> str:
    ...     raise ConnectionResetError("peer went away")
    >>> respond(flaky)
    (503, 'ConnectionResetError')
    >>> respond(lambda: str(int("forty-two")))
    (400, 'ValueError')
    """
    raise NotImplementedError
