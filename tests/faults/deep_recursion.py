"""Recurses without end while being imported."""


def countdown(n: int) -> int:
    return countdown(n - 1)


countdown(10)
