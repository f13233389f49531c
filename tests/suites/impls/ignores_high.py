"""Values above high are not clamped."""


def clamp(x: int, low: int, high: int) -> int:
    if low > high:
        raise ValueError("low > high")
    return max(low, x)
