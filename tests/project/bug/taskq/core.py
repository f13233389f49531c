"""Subtracts instead of adding."""


def add(a: int, b: int) -> int:
    return a - b
