"""Lambda limitations: where a named, typed function has to replace a lambda.

Settings come from environment variables, each read through a converter. The first version::

    CONVERTERS = {
        "PORT": lambda text: int(text),
        "DEBUG": lambda text: text.lower() in ("1", "true", "yes", "on"),
        "HOSTS": lambda text: text.split(","),
    }

New requirements, none of which a lambda can meet:

1. **Reject bad values with a clear error.** ``PORT=0`` or ``PORT=http`` and ``DEBUG=maybe``
   must raise a ``ValueError`` that names the variable and the bad text. ``raise``,
   ``try``/``except`` and multi-step logic are statements; a lambda's body is one expression.
2. **Survive pickling.** Converters are sent to worker processes (``multiprocessing``, a task
   queue), which pickle them. ``pickle`` stores a function as a reference to its module and
   qualified name, and a lambda's name is ``<lambda>``: ``pickle.dumps`` fails on it, and on
   anything that wraps one.
3. **Types and names.** A lambda cannot annotate its parameters or return value, so mypy cannot
   check its callers; and ``<lambda>`` in logs and tracebacks tells nobody which converter failed.

Write the three converters as module-level, annotated functions (their signatures are below) and
return them from ``converters()``.

Example::

    >>> parse_port(" 8080 ")
    8080
    >>> parse_flag("Yes"), parse_flag(" off ")
    (True, False)
    >>> parse_hosts("api.local, db.local,,")
    ['api.local', 'db.local']
    >>> sorted(converters())
    ['DEBUG', 'HOSTS', 'PORT']
"""

from __future__ import annotations

from collections.abc import Callable


def parse_port(text: str) -> int:
    """Return the TCP port written in ``text``.

    Surrounding whitespace is ignored -- whitespace is what ``str.strip()`` removes: every
    character for which ``str.isspace()`` is true, U+001C..U+001F and U+3000 included (``int()``
    alone refuses U+001C..U+001F, so strip first). The rest must be an integer as ``int()``
    reads it in base 10, from 1 to 65535 inclusive. Anything else raises
    ``ValueError(f"PORT must be an integer in 1..65535, got {text!r}")`` — exactly that
    message, with ``text`` as it was given (for non-numbers too, not ``int()``'s own message).

    >>> parse_port("65535")
    65535
    >>> parse_port("0")
    Traceback (most recent call last):
    ...
    ValueError: PORT must be an integer in 1..65535, got '0'
    """
    raise NotImplementedError


def parse_flag(text: str) -> bool:
    """Return the boolean written in ``text``.

    The text is normalised with ``text.strip().lower()``: surrounding whitespace (as in
    ``parse_port``) is ignored, and so is letter case -- through ``str.lower()``, not
    ``str.casefold()``, so ``"OFF"`` is ``"off"`` but ``"oﬀ"`` (with the ligature ``ﬀ``) and
    ``"yeſ"`` (with a long ``ſ``) are not words. After that, ``1``, ``true``, ``yes``, ``on``
    mean ``True``; ``0``, ``false``, ``no``, ``off`` mean ``False``. Anything else — the empty
    string included — raises ``ValueError(f"DEBUG must be one of 1/0, true/false, yes/no,
    on/off, got {text!r}")`` — exactly that message, with ``text`` as it was given.

    >>> parse_flag("TRUE"), parse_flag("0")
    (True, False)
    """
    raise NotImplementedError


def parse_hosts(text: str) -> list[str]:
    """Return the comma-separated host names in ``text``, each stripped, empty items dropped.

    Each item is stripped with ``str.strip()`` (the whitespace of ``parse_port``). Never
    raises: ``""`` and ``" , "`` give ``[]``.

    >>> parse_hosts(" a , b,,c ")
    ['a', 'b', 'c']
    """
    raise NotImplementedError


def converters() -> dict[str, Callable[[str], object]]:
    """Return ``{"PORT": parse_port, "DEBUG": parse_flag, "HOSTS": parse_hosts}``.

    The values are this module's functions themselves — not lambdas, not wrappers around them —
    so each survives ``pickle.loads(pickle.dumps(converter))`` (coming back as the very same
    function) and reports its real ``__name__``. A new dict on every call.
    """
    raise NotImplementedError
