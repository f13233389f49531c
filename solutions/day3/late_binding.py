"""Late binding: fix callbacks created in a loop.

You inherited this alerting code::

    def make_alerts(limits):
        alerts = []
        for metric, limit in limits.items():
            alerts.append(
                lambda reading: f"{metric} is {reading[metric]}, above {limit}"
                if metric in reading and reading[metric] > limit
                else None
            )
        return alerts

It passes a test with one metric, yet in production every alert checks the *last* metric against
the *last* limit. A closure does not copy the values of its free variables when it is created: it
looks ``metric`` and ``limit`` up when it is *called* — and by then the loop has finished and both
hold their final values. Writing ``def`` instead of ``lambda``, or a list comprehension instead of
the loop, changes nothing: all the callbacks still share the same variables.

Fix it: ``make_alerts`` must return callbacks that each keep their own ``metric`` and ``limit``,
fixed at the moment the callback is created. (The usual fixes: a small factory function called
once per entry, ``functools.partial``, or — the old idiom — default arguments ``m=metric``.)

Example::

    >>> cpu, disk = make_alerts({"cpu": 0.9, "disk": 0.8})
    >>> cpu({"cpu": 0.95, "disk": 0.1})
    'cpu is 0.95, above 0.9'
    >>> print(disk({"cpu": 0.95, "disk": 0.1}))
    None
"""

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
    return [_alert_for(metric, limit) for metric, limit in limits.items()]


def _alert_for(metric: str, limit: float) -> Alert:
    """One alert; ``metric`` and ``limit`` are this call's own variables, so nothing is shared."""

    def alert(reading: Mapping[str, float]) -> str | None:
        value = reading.get(metric)
        if value is not None and value > limit:
            return f"{metric} is {value}, above {limit}"
        return None

    return alert
