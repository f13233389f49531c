"""Calls every method but asserts nothing and never uses pytest.raises."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from day11 import inventory
from day11.inventory import MAX_STOCK, Inventory


@pytest.fixture
def stock(tmp_path: Path) -> Iterator[inventory.Inventory]:
    """An inventory opened in ``tmp_path``, closed again after the test (code after ``yield``)."""
    opened = Inventory.open(tmp_path / "stock.db")
    yield opened
    opened.close()


def test_add_then_count(stock: Inventory) -> None:
    """add() puts units in stock and returns the new count; count() reads it back."""
    stock.add("bolt_m4", 10)
    stock.count("bolt_m4")
    stock.count("never-seen")
    stock.add("bulk", MAX_STOCK)


def test_remove_takes_stock_away(stock: Inventory) -> None:
    """remove() takes units out and returns what is left."""
    stock.add("nut", 5)
    stock.remove("nut", 2)
    stock.skus()


def test_removing_more_than_in_stock_is_refused(stock: Inventory) -> None:
    """remove() of more than is in stock raises InsufficientStock and changes nothing."""
    stock.add("nut", 2)
    try:
        stock.remove("nut", 3)
    except Exception:
        pass


@pytest.mark.parametrize("qty", [0, -1, True, 1.5])
def test_bad_quantities_are_refused(stock: Inventory, qty: int) -> None:
    try:
        stock.add("nut", qty)
    except Exception:
        pass


def test_changes_survive_reopening(stock: Inventory, tmp_path: Path) -> None:
    """What was added before close() is there after Inventory.open() of the same file."""
    stock.add("nut", 5)
    stock.close()
    with Inventory.open(tmp_path / "stock.db") as again:
        again.count("nut")
