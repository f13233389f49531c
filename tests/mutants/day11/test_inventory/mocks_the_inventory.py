"""Replaces Inventory itself with a Mock, so no test runs the real code."""

from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

from day11 import inventory


@pytest.fixture
def stock(tmp_path: Path) -> Iterator[inventory.Inventory]:
    """An inventory opened in ``tmp_path``, closed again after the test (code after ``yield``)."""
    with mock.patch.object(inventory, "Inventory") as fake:
        opened = fake.open(tmp_path / "stock.db")
        yield opened
        opened.close()
        opened.close.assert_called_once_with()


def test_add_then_count(stock: inventory.Inventory) -> None:
    """add() puts units in stock and returns the new count; count() reads it back."""
    stock.add("bolt_m4", 10)
    stock.count("bolt_m4")
    stock.add.assert_called_once_with("bolt_m4", 10)  # type: ignore[attr-defined]
    stock.count.assert_called_once_with("bolt_m4")  # type: ignore[attr-defined]


def test_remove_takes_stock_away(stock: inventory.Inventory) -> None:
    """remove() takes units out and returns what is left."""
    stock.remove("nut", 2)
    stock.remove.assert_called_once_with("nut", 2)  # type: ignore[attr-defined]


def test_removing_more_than_in_stock_is_refused(stock: inventory.Inventory) -> None:
    """remove() of more than is in stock raises InsufficientStock and changes nothing."""
    shortage = inventory.InsufficientStock("nut", 3, 2)
    stock.remove.side_effect = shortage  # type: ignore[attr-defined]
    with pytest.raises(inventory.InsufficientStock):
        stock.remove("nut", 3)


@pytest.mark.parametrize("qty", [0, -1, True])
def test_bad_quantities_are_refused(stock: inventory.Inventory, qty: int) -> None:
    stock.add.side_effect = ValueError  # type: ignore[attr-defined]
    with pytest.raises(ValueError):
        stock.add("nut", qty)


def test_changes_survive_reopening(stock: inventory.Inventory) -> None:
    """What was added before close() is there after Inventory.open() of the same file."""
    stock.count.return_value = 5  # type: ignore[attr-defined]
    stock.add("nut", 5)
    assert stock.count("nut") == 5
