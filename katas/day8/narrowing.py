"""Type hints basics, ``Optional`` and ``Union``: narrow a value, and hand the narrowed type back.

A value typed ``X | None`` (``Optional[X]`` is the same type, older spelling) or ``A | B``
(``Union[A, B]``) must be *narrowed* before it is used as an ``X`` or an ``A``: an ``is None``
check, an ``isinstance`` check, an early ``return`` or ``raise``. mypy follows those checks
line by line. Write four small functions whose *signatures* pass the narrowing on to their
callers, so that the caller's mypy knows more after the call than before it:

- ``require(value, what)`` — generic (a ``TypeVar``): gets a ``T | None``, returns a ``T`` or
  raises. For ``x: int | None``, mypy sees ``require(x, "x")`` as an ``int``.
- ``parse_port(value)`` — accepts ``str | int | None`` and dispatches on the type. Remember
  that ``bool`` is a subclass of ``int``: ``isinstance(True, int)`` is ``True``.
- ``only_strings(values)`` — a ``TypeGuard``: after ``if only_strings(xs):`` mypy sees ``xs``
  as ``list[str]`` inside the ``if``.
- ``env_get(env, key, default=None)`` — ``@overload``-ed like ``dict.get``: without a default
  the result is ``str | None``; with a ``str`` default it is ``str``, and the caller needs no
  ``None`` check.

The type claims above are graded by mypy (type cases that ``assert_type`` the results). An
implementation that returns the right values under looser types (``-> bool`` instead of the
``TypeGuard``, one signature instead of the overloads) fails them.

Example::

    >>> maybe_retries: int | None = 0
    >>> require(maybe_retries, "retries")   # 0 is a value, not a missing one
    0
    >>> parse_port(" 8000 ")
    8000
    >>> env_get({"HOST": " db "}, "HOST", "localhost")
    'db'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeGuard, TypeVar, overload

T = TypeVar("T")


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
    raise NotImplementedError


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
    raise NotImplementedError


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
    raise NotImplementedError


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
    raise NotImplementedError
