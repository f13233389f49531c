"""Range-checks a non-str value before checking its type: NaN fails the range check and gets ValueError, not TypeError."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeGuard, TypeVar, overload

T = TypeVar("T")

_MIN_PORT, _MAX_PORT = 1, 65535


def require(value: T | None, what: str) -> T:
    """Return ``value`` unchanged unless it is ``None``; ``None`` raises.

    Only ``None`` counts as missing: falsy values (``0``, ``""``, ``[]``, ``False``) are
    returned like any other value, and so is the very same object (no copy).

    Raises:
        ValueError: ``value`` is ``None``; the message is ``f"{what} is required"``.

    For a caller holding ``x: int | None``, mypy sees ``require(x, "x")`` as ``int``.

    >>> require([], "tags")
    []
    >>> require(None, "user id")
    Traceback (most recent call last):
    ...
    ValueError: user id is required
    """
    if value is None:
        raise ValueError(f"{what} is required")
    return value


def parse_port(value: str | int | None, default: int = 8080) -> int:
    """Turn a configuration value into a TCP port number (1–65535 inclusive).

    - ``None`` (not configured): return ``default`` as it is.
    - ``int``: the port itself, if it is in range.
    - ``str``: surrounding whitespace is stripped; what remains must be one or more ASCII
      digits ``0``–``9`` and nothing else — no sign, no underscores, no other digits. Note
      that ``int()`` alone is too lenient: it accepts ``"+80"``, ``"8_0"`` and ``"٨٠"``.
      Leading zeros are fine (``"0080"`` is 80).

    Raises:
        TypeError: ``value`` is a ``bool`` (``True`` is an ``int`` to Python, but it is not a
            port) or any type other than ``str``, ``int`` or ``None``.
        ValueError: a ``str`` that is not ASCII digits, or a number outside 1–65535.

    >>> parse_port(None)
    8080
    >>> parse_port("0443")
    443
    >>> parse_port(0)
    Traceback (most recent call last):
    ...
    ValueError: port out of range: 0
    """
    if value is None:
        return default
    if isinstance(value, bool):
        raise TypeError("a bool is not a port")
    if isinstance(value, str):
        text = value.strip()
        if not (text.isascii() and text.isdigit()):
            raise ValueError(f"not a port number: {value!r}")
        port = int(text)
    else:
        port = value
    if not _MIN_PORT <= port <= _MAX_PORT:
        raise ValueError(f"port out of range: {port}")
    if not isinstance(port, int):  # unreachable for mypy; untyped callers can still get here
        raise TypeError(f"a port must be str, int or None, not {type(port).__name__}")
    return port


def only_strings(values: list[object]) -> TypeGuard[list[str]]:
    """Tell whether every element of ``values`` is a ``str`` (an empty list counts).

    Subclasses of ``str`` count as ``str``. The list is not changed.

    Typed as ``TypeGuard[list[str]]``: where it returns ``True`` (inside
    ``if only_strings(xs):``), mypy sees ``xs`` as ``list[str]``.

    >>> only_strings(["a", "b"])
    True
    >>> only_strings(["a", 1])
    False
    """
    return all(isinstance(item, str) for item in values)


@overload
def env_get(env: Mapping[str, str], key: str) -> str | None: ...
@overload
def env_get(env: Mapping[str, str], key: str, default: str) -> str: ...
def env_get(env: Mapping[str, str], key: str, default: str | None = None) -> str | None:
    """Look a setting up in ``env`` (a mapping such as ``os.environ``).

    The value is returned with surrounding whitespace stripped. A missing key and a blank value
    (empty or whitespace only, as ``FOO=`` in a ``.env`` file gives) both count as *not set*:
    then ``default`` is returned as it is — ``None`` when no default is given.

    Overloaded for the type checker: ``env_get(env, key)`` is ``str | None``;
    ``env_get(env, key, "fallback")`` is ``str``.

    >>> env_get({"PORT": " 80 "}, "PORT")
    '80'
    >>> env_get({"PORT": "  "}, "PORT") is None
    True
    >>> env_get({}, "PORT", "8080")
    '8080'
    """
    value = env.get(key, "").strip()
    return value or default
