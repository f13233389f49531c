"""Leaves the whitespace to int(), which refuses U+001C..U+001F that str.strip() removes."""

from __future__ import annotations

from collections.abc import Callable

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


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
    error = ValueError(f"PORT must be an integer in 1..65535, got {text!r}")
    try:
        port = int(text)
    except ValueError:
        raise error from None
    if not 1 <= port <= 65535:
        raise error
    return port


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
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(f"DEBUG must be one of 1/0, true/false, yes/no, on/off, got {text!r}")


def parse_hosts(text: str) -> list[str]:
    """Return the comma-separated host names in ``text``, each stripped, empty items dropped.

    Each item is stripped with ``str.strip()`` (the whitespace of ``parse_port``). Never
    raises: ``""`` and ``" , "`` give ``[]``.

    >>> parse_hosts(" a , b,,c ")
    ['a', 'b', 'c']
    """
    return [host for item in text.split(",") if (host := item.strip())]


def converters() -> dict[str, Callable[[str], object]]:
    """Return ``{"PORT": parse_port, "DEBUG": parse_flag, "HOSTS": parse_hosts}``.

    The values are this module's functions themselves — not lambdas, not wrappers around them —
    so each survives ``pickle.loads(pickle.dumps(converter))`` (coming back as the very same
    function) and reports its real ``__name__``. A new dict on every call.
    """
    return {"PORT": parse_port, "DEBUG": parse_flag, "HOSTS": parse_hosts}
