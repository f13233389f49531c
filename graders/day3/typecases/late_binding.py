"""Type cases for day3.late_binding: alerts take a reading and return a message or None."""

from typing import assert_type

from day3.late_binding import Alert, make_alerts

alerts = make_alerts({"cpu": 0.9})
assert_type(alerts, list[Alert])
assert_type(alerts[0]({"cpu": 1.0}), str | None)
message: str = alerts[0]({"cpu": 1.0})  # type: ignore[assignment]
alerts[0]("cpu")  # type: ignore[arg-type]
make_alerts({"cpu": "high"})  # type: ignore[dict-item]
