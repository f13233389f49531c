def test_clamps() -> None:
    raise NotImplementedError


def test_refuses_low_above_high() -> None:
    raise NotImplementedError
