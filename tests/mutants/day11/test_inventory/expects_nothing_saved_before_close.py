"""Asserts that changes are not on disk before close(), which the spec leaves open."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from day11 import inventory
from day11.inventory import MAX_STOCK, Inventory, InsufficientStock, InventoryClosed


@pytest.fixture
def stock(tmp_path: Path) -> Iterator[inventory.Inventory]:
    """An inventory opened in ``tmp_path``, closed again after the test (code after ``yield``)."""
    opened = Inventory.open(tmp_path / "stock.db")
    yield opened
    opened.close()


def reopened(tmp_path: Path) -> Inventory:
    """The fixture's file opened again (close the fixture's inventory first)."""
    return Inventory.open(tmp_path / "stock.db")


def test_add_then_count(stock: Inventory) -> None:
    """add() puts units in stock and returns the new count; count() reads it back."""
    assert stock.add("bolt_m4", 10) == 10
    assert stock.add("bolt_m4", 5) == 15
    assert stock.count("bolt_m4") == 15


def test_a_sku_never_added_counts_zero(stock: Inventory) -> None:
    assert stock.count("never-seen") == 0
    assert stock.skus() == []


def test_skus_are_case_sensitive(stock: Inventory) -> None:
    stock.add("ab-1", 2)
    stock.add("AB-1", 3)
    assert (stock.count("ab-1"), stock.count("AB-1")) == (2, 3)
    assert stock.skus() == ["AB-1", "ab-1"]


def test_remove_takes_stock_away(stock: Inventory) -> None:
    """remove() takes units out and returns what is left."""
    stock.add("nut", 5)
    assert stock.remove("nut", 2) == 3
    assert stock.count("nut") == 3


def test_removing_everything_unlists_the_sku(stock: Inventory) -> None:
    stock.add("nut", 3)
    stock.add("bolt", 1)
    assert stock.remove("nut", 3) == 0
    assert stock.count("nut") == 0
    assert stock.skus() == ["bolt"]


def test_removing_more_than_in_stock_is_refused(stock: Inventory) -> None:
    """remove() of more than is in stock raises InsufficientStock and changes nothing."""
    stock.add("nut", 2)
    with pytest.raises(InsufficientStock) as refused:
        stock.remove("nut", 3)
    assert (refused.value.sku, refused.value.requested, refused.value.available) == ("nut", 3, 2)
    assert stock.count("nut") == 2
    with pytest.raises(InsufficientStock):
        stock.remove("never-added", 1)


@pytest.mark.parametrize(
    ("qty", "error"),
    [(0, ValueError), (-1, ValueError), (True, TypeError), (1.5, TypeError), ("3", TypeError)],
)
def test_bad_quantities_are_refused(stock: Inventory, qty: object, error: type[Exception]) -> None:
    stock.add("nut", 4)
    with pytest.raises(error):
        stock.add("nut", qty)  # type: ignore[arg-type]
    with pytest.raises(error):
        stock.remove("nut", qty)  # type: ignore[arg-type]
    assert stock.count("nut") == 4


@pytest.mark.parametrize("sku", ["", "a b", "ab\n", "ümlaut", "a/b"])
def test_bad_skus_are_refused(stock: Inventory, sku: str) -> None:
    with pytest.raises(ValueError):
        stock.add(sku, 1)
    with pytest.raises(ValueError):
        stock.remove(sku, 1)
    with pytest.raises(ValueError):
        stock.count(sku)


def test_max_stock_is_the_limit(stock: Inventory) -> None:
    assert stock.add("bulk", MAX_STOCK) == MAX_STOCK
    with pytest.raises(ValueError):
        stock.add("bulk", 1)
    assert stock.count("bulk") == MAX_STOCK
    with pytest.raises(ValueError):
        stock.add("other", MAX_STOCK + 1)
    assert stock.count("other") == 0


def test_changes_survive_reopening(stock: Inventory, tmp_path: Path) -> None:
    """What was added before close() is there after Inventory.open() of the same file."""
    stock.add("nut", 5)
    stock.add("bolt", 2)
    stock.remove("bolt", 2)
    early = reopened(tmp_path)
    assert early.count("nut") == 0, "nothing is saved before close()"
    early.close()
    stock.close()
    again = reopened(tmp_path)
    try:
        assert again.count("nut") == 5
        assert again.skus() == ["nut"]
    finally:
        again.close()


def test_a_with_block_closes_and_saves(tmp_path: Path) -> None:
    with Inventory.open(tmp_path / "stock.db") as store:
        store.add("nut", 7)
    with pytest.raises(InventoryClosed):
        store.count("nut")
    with Inventory.open(tmp_path / "stock.db") as store:
        assert store.count("nut") == 7


def test_a_with_block_closes_also_when_it_raises(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), Inventory.open(tmp_path / "stock.db") as store:
        store.add("nut", 1)
        raise RuntimeError("boom")
    with Inventory.open(tmp_path / "stock.db") as store:
        assert store.count("nut") == 1


def test_a_closed_inventory_refuses_use(stock: Inventory) -> None:
    stock.add("nut", 1)
    stock.close()
    stock.close()  # a second close does nothing
    with pytest.raises(InventoryClosed):
        stock.add("nut", 1)
    with pytest.raises(InventoryClosed):
        stock.remove("nut", 1)
    with pytest.raises(InventoryClosed):
        stock.count("nut")
    with pytest.raises(InventoryClosed):
        stock.skus()
