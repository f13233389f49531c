import pytest

from probe import clamp as subject


@pytest.fixture
def bounds() -> tuple[int, int]:
    return (0, 10)


@pytest.mark.parametrize("x", [-5, 5])
def test_clamps_low_values(bounds: tuple[int, int], x: int) -> None:
    assert subject.clamp(x, *bounds) == max(x, 0)


def test_waits_until_high_values_are_clamped() -> None:
    while subject.clamp(15, 0, 10) != 10:  # hangs on a version that does not clamp
        pass


def test_refuses_low_above_high() -> None:
    with pytest.raises(ValueError):
        subject.clamp(1, 5, 0)
