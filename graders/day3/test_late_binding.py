"""Grader for day3.late_binding: callbacks made in a loop each keep their own metric and limit."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from day3 import late_binding as kata

metric_names = st.sampled_from(["cpu", "disk", "mem", "net", "load", "swap"])
levels = st.floats(min_value=-100, max_value=100, allow_nan=False).map(lambda x: round(x, 2))


def expected(metric: str, limit: float, reading: dict[str, float]) -> str | None:
    value = reading.get(metric)
    if value is not None and value > limit:
        return f"{metric} is {value}, above {limit}"
    return None


def test_example_from_the_spec() -> None:
    cpu, disk = kata.make_alerts({"cpu": 0.9, "disk": 0.8})
    reading = {"cpu": 0.95, "disk": 0.1}
    assert [cpu(reading), disk(reading)] == ["cpu is 0.95, above 0.9", None], (
        "make_alerts(): each alert checks its own metric against its own limit, not the last "
        "entry's (the late binding bug)"
    )


@settings(max_examples=50)  # a small input space: 50 cases find every bug here
@given(
    limits=st.dictionaries(metric_names, levels, max_size=6),
    reading=st.dictionaries(metric_names, levels),
)
@example(limits={"cpu": 1.0, "disk": 9.0}, reading={"cpu": 5.0, "disk": 5.0})
@example(limits={"cpu": 9.0, "disk": 1.0}, reading={"cpu": 5.0, "disk": 5.0})
def test_each_alert_keeps_its_own_metric_and_limit(
    limits: dict[str, float], reading: dict[str, float]
) -> None:
    alerts = kata.make_alerts(limits)
    got = [alert(reading) for alert in alerts]
    want = [expected(metric, limit, reading) for metric, limit in limits.items()]
    assert got == want, (
        "make_alerts(): alert i checks the i-th (metric, limit) entry — each callback keeps its "
        "own metric and limit, not the values the loop variables ended with"
    )


def test_at_the_limit_or_missing_metric_is_none() -> None:
    (alert,) = kata.make_alerts({"cpu": 0.5})
    got = [alert({"cpu": 0.5}), alert({"disk": 99.0}), alert({}), alert({"cpu": 0.51})]
    assert got == [None, None, None, "cpu is 0.51, above 0.5"], (
        "alert(): None when the value is at or below the limit or the metric is missing; the "
        "message when it is above"
    )


def test_changing_limits_afterwards_changes_no_alert() -> None:
    limits = {"cpu": 0.9, "disk": 0.8}
    alerts = kata.make_alerts(limits)
    limits["cpu"] = 0.0
    limits["disk"] = 0.0
    limits["mem"] = 0.0
    reading = {"cpu": 0.5, "disk": 0.85, "mem": 1.0}
    got = [alert(reading) for alert in alerts]
    assert got == [None, "disk is 0.85, above 0.8"], (
        "make_alerts(): each alert keeps the metric and limit it was made with — changing "
        "limits after make_alerts has returned changes no alert"
    )


def test_one_alert_per_entry_in_order() -> None:
    got = [len(kata.make_alerts({})), len(kata.make_alerts({"a": 1.0, "b": 2.0, "c": 3.0}))]
    assert got == [0, 3], "make_alerts(): returns one alert per entry of limits ({} gives [])"
