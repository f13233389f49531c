"""Also rejects float("inf") with math.isfinite, though inf is greater than 0."""

from __future__ import annotations

import math
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
    if not (timeout > 0 and math.isfinite(timeout)):
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
