from probe import clamp as subject


def test_clamps() -> None:
    assert subject.clamp(15, 0, 10) == 15
