"""Correct, written with branches."""


def clamp(x: int, low: int, high: int) -> int:
    if low > high:
        raise ValueError("low > high")
    if x < low:
        return low
    if x > high:
        return high
    return x
