"""Design a keyword-only API: ``build_request``, where the signature does the validating.

A call like ``build_request("GET", url, None, 5, 3)`` is unreadable (is 5 the timeout or the
retries?) and fragile (inserting a parameter silently shifts every caller). Python lets the
signature itself forbid it:

- parameters before ``/`` are *positional-only*: callers cannot name them, so their names stay an
  implementation detail (rename ``url`` to ``target`` without breaking anyone);
- parameters after ``*`` are *keyword-only*: every caller has to spell them out, and a
  keyword-only parameter without a default is simply required;
- the ones in between are *positional-or-keyword*.

The signature, exactly — names, order, kinds and defaults are graded with ``inspect.signature``;
the annotations are graded by mypy::

    build_request(method: str, url: str, /, body: bytes | None = None, *,
                  timeout: float, retries: int = 0,
                  headers: Mapping[str, str] | None = None) -> Request

===========  ========================  ===========
parameter    kind                      default
===========  ========================  ===========
``method``   positional-only           (required)
``url``      positional-only           (required)
``body``     positional-or-keyword     ``None``
``timeout``  keyword-only              (required)
``retries``  keyword-only              ``0``
``headers``  keyword-only              ``None``
===========  ========================  ===========

With that signature, misuse is a ``TypeError`` raised by Python itself, before the body runs::

    build_request(method="GET", url="/", timeout=1.0)    # positional-only passed by name
    build_request("GET", "/", None, 1.0)                 # timeout passed positionally
    build_request("GET", "/")                            # timeout missing
    build_request("GET", "/", timeout=1.0, verify=False) # no such parameter

Example::

    >>> build_request("get", "/users", timeout=2.5)
    Request(method='GET', url='/users', body=None, timeout=2.5, retries=0, headers={})
    >>> build_request("POST", "/users", b"{}", timeout=1, headers={"X-Id": "7"}).headers
    {'X-Id': '7'}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Request:
    """An outgoing HTTP request, as ``build_request`` describes it."""

    method: str
    url: str
    body: bytes | None
    timeout: float
    retries: int
    headers: dict[str, str]


def build_request(
    method: str,
    url: str,
    /,
    body: bytes | None = None,
    *,
    timeout: float,
    retries: int = 0,
    headers: Mapping[str, str] | None = None,
) -> Request:
    """Return the ``Request`` for these arguments.

    - ``method`` is stored upper-cased (``"get"`` -> ``"GET"``); ``url`` and ``body`` are stored
      as given.
    - ``timeout`` is in seconds and must be greater than 0, else ``ValueError``. NaN is not
      greater than 0, so ``float("nan")`` raises ``ValueError`` too (``timeout <= 0`` lets it
      through: every comparison with NaN is false); ``float("inf")`` is accepted.
    - ``retries`` must be 0 or more, else ``ValueError``.
    - ``headers`` are copied into a new dict owned by the request: changing the caller's mapping
      later does not change the request, and no two requests share a headers dict. Omitted or
      ``None`` means ``{}`` (a new one each time).

    >>> build_request("GET", "/health", timeout=0)
    Traceback (most recent call last):
    ...
    ValueError: timeout must be > 0 seconds, got 0
    """
    if not timeout > 0:
        raise ValueError(f"timeout must be > 0 seconds, got {timeout!r}")
    if retries < 0:
        raise ValueError(f"retries must be >= 0, got {retries!r}")
    return Request(
        method=method.upper(),
        url=url,
        body=body,
        timeout=timeout,
        retries=retries,
        headers=dict(headers or {}),
    )
