"""Binds metric but looks the limit up in limits at call time."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeAlias

Alert: TypeAlias = Callable[[Mapping[str, float]], str | None]


def make_alerts(limits: Mapping[str, float]) -> list[Alert]:
    """Return one alert per ``(metric, limit)`` entry of ``limits``, in the mapping's order.

    The alert made for ``(metric, limit)`` is called with a reading (metric name -> value) and

    - returns ``f"{metric} is {value}, above {limit}"`` when the reading has ``metric`` and its
      ``value`` is greater than ``limit``;
    - returns ``None`` when the value is at or below ``limit``, or ``metric`` is not in the
      reading.

    Each alert keeps its own metric and limit for good: changing ``limits`` after
    ``make_alerts`` has returned does not change any alert. ``{}`` gives ``[]``.

    >>> [alert({"a": 5.0, "b": 5.0}) for alert in make_alerts({"a": 1.0, "b": 9.0})]
    ['a is 5.0, above 1.0', None]
    """
    return [_alert_for(metric, limits) for metric in limits]


def _alert_for(metric: str, limits: Mapping[str, float]) -> Alert:
    """One alert; ``metric`` and ``limit`` are this call's own variables, so nothing is shared."""

    def alert(reading: Mapping[str, float]) -> str | None:
        value = reading.get(metric)
        if value is not None and value > limits[metric]:
            return f"{metric} is {value}, above {limits[metric]}"
        return None

    return alert
