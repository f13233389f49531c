import pytest

from probe import clamp as subject


@pytest.fixture
def bounds() -> tuple[int, int]:
    return (0, 10)


@pytest.mark.parametrize(("x", "want"), [(-5, 0), (5, 5), (15, 10)])
def test_clamps(bounds: tuple[int, int], x: int, want: int) -> None:
    assert subject.clamp(x, *bounds) == want


def test_refuses_low_above_high() -> None:
    with pytest.raises(ValueError):
        subject.clamp(1, 5, 0)
