def add(a: int, b: int) -> int:
    """The sum."""
    raise NotImplementedError
