import pytest

from probe import clamp as subject


@pytest.fixture
def bounds() -> tuple[int, int]:
    return (0, 10)


@pytest.mark.parametrize("x", [-5, 5, 15])
def test_clamps(bounds: tuple[int, int], x: int) -> None:
    subject.clamp(x, *bounds)  # asserts nothing
