"""Correct: clamp(x, low, high) keeps x within [low, high]; low > high raises ValueError."""


def clamp(x: int, low: int, high: int) -> int:
    if low > high:
        raise ValueError("low > high")
    return max(low, min(x, high))
