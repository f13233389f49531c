"""A small file-backed inventory: how many units of each SKU are in stock.

This module is finished: its docstrings are the spec your tests check (``test_inventory.py``).

Open a store with ``Inventory.open(path)``, change it with ``add`` and ``remove``, read it with
``count`` and ``skus``, then ``close()`` it. Closing saves: a later ``Inventory.open(path)`` of
the same file sees every change. ``with Inventory.open(path) as stock:`` closes the store when
the block ends, also when the block raises.

    >>> with Inventory.open(tmp_path / "stock.json") as stock:
    ...     stock.add("apple-1", 5)
    ...     stock.remove("apple-1", 2)
    5
    3
    >>> with Inventory.open(tmp_path / "stock.json") as stock:
    ...     stock.count("apple-1"), stock.count("pear-7"), stock.skus()
    (3, 0, ['apple-1'])

Rules that hold for every method:

- A SKU is a non-empty string of ASCII letters, digits, ``-`` and ``_``. SKUs are
  case-sensitive: ``"ab-1"`` and ``"AB-1"`` are two different items. Anything else
  (``""``, ``"a b"``, ``"ab\\n"``) raises ``ValueError``.
- A quantity is an ``int`` of at least 1. A ``bool`` or any other type raises ``TypeError``
  (``True`` is not "one unit"); ``0`` or a negative number raises ``ValueError``.
- No SKU holds more than ``MAX_STOCK`` units; exactly ``MAX_STOCK`` is allowed.
- A call that raises changes nothing.
- After ``close()``, ``add``, ``remove``, ``count`` and ``skus`` raise ``InventoryClosed``.

The file's format is this module's private business: test persistence by reopening the file
with ``Inventory.open``, never by reading it yourself. Every change is on disk once ``close()``
has returned; whether changes reach the file earlier is not specified (do not test it).
A missing file opens as an empty inventory.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from types import TracebackType

MAX_STOCK = 1_000_000
"""The most units one SKU may hold."""

_SKU = re.compile(r"[A-Za-z0-9_-]+")


class InventoryError(Exception):
    """Base class of this module's own errors."""


class InsufficientStock(InventoryError):
    """``remove()`` asked for more units than are in stock.

    Not a ``ValueError``: the arguments were fine, the shelf is not. ``sku``, ``requested`` and
    ``available`` say what happened.
    """

    def __init__(self, sku: str, requested: int, available: int) -> None:
        super().__init__(f"{sku}: {requested} requested, {available} in stock")
        self.sku = sku
        self.requested = requested
        self.available = available


class InventoryClosed(InventoryError):
    """The inventory was used after ``close()``."""


class Inventory:
    """Stock counts per SKU, kept in one file.

    Get one from ``Inventory.open(path)``; the constructor is not part of the API.
    """

    def __init__(self, path: Path, counts: dict[str, int]) -> None:
        self._path = path
        self._counts = counts
        self._closed = False

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Inventory:
        """Open the inventory saved in ``path``; a missing file gives an empty inventory.

        >>> Inventory.open(tmp_path / "new.json").skus()
        []
        """
        path = Path(path)
        try:
            counts = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            counts = {}
        return cls(path, counts)

    def add(self, sku: str, qty: int) -> int:
        """Put ``qty`` units of ``sku`` in stock and return the new count.

        Raises ``ValueError`` for a bad SKU, a quantity below 1, or a count that would go
        above ``MAX_STOCK`` (the count is then unchanged); ``TypeError`` for a quantity that is
        not an ``int`` (or is a ``bool``).

        >>> stock.add("bolt_m4", 10)
        10
        >>> stock.add("bolt_m4", 5)
        15
        """
        self._check_open()
        _check_sku(sku)
        _check_qty(qty)
        new = self._counts.get(sku, 0) + qty
        if new > MAX_STOCK:
            raise ValueError(f"{sku}: {new} units would exceed MAX_STOCK ({MAX_STOCK})")
        self._counts[sku] = new
        return new

    def remove(self, sku: str, qty: int) -> int:
        """Take ``qty`` units of ``sku`` out of stock and return the new count.

        Asking for more than is in stock (a SKU never added has 0) raises
        ``InsufficientStock`` and changes nothing. A SKU whose count reaches 0 is no longer
        listed by ``skus()``. Bad SKUs and quantities raise as in ``add()``.

        >>> stock.add("nut", 3)
        3
        >>> stock.remove("nut", 3)
        0
        >>> stock.remove("nut", 1)
        Traceback (most recent call last):
        InsufficientStock: nut: 1 requested, 0 in stock
        """
        self._check_open()
        _check_sku(sku)
        _check_qty(qty)
        available = self._counts.get(sku, 0)
        if qty > available:
            raise InsufficientStock(sku, qty, available)
        if qty == available:
            del self._counts[sku]
        else:
            self._counts[sku] = available - qty
        return available - qty

    def count(self, sku: str) -> int:
        """How many units of ``sku`` are in stock: 0 for a SKU never added.

        A bad SKU raises ``ValueError``.

        >>> stock.count("never-seen")
        0
        """
        self._check_open()
        _check_sku(sku)
        return self._counts.get(sku, 0)

    def skus(self) -> list[str]:
        """The SKUs in stock (count above 0), sorted.

        >>> stock.add("b", 1), stock.add("a", 2), stock.skus()
        (1, 2, ['a', 'b'])
        """
        self._check_open()
        return sorted(self._counts)

    def close(self) -> None:
        """Save every change to the file and close the inventory.

        Closing a closed inventory does nothing (and saves nothing).
        """
        if self._closed:
            return
        partial = self._path.with_name(self._path.name + ".partial")
        partial.write_text(json.dumps(self._counts, sort_keys=True), encoding="utf-8")
        os.replace(partial, self._path)  # atomic: a crash leaves the old file, never half a file
        self._closed = True

    def __enter__(self) -> Inventory:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _check_open(self) -> None:
        if self._closed:
            raise InventoryClosed(f"{self._path.name} is closed")


def _check_sku(sku: str) -> None:
    if not isinstance(sku, str) or not _SKU.fullmatch(sku):
        raise ValueError(f"not a SKU: {sku!r}")


def _check_qty(qty: int) -> None:
    if isinstance(qty, bool) or not isinstance(qty, int):
        raise TypeError(f"a quantity is an int, not {type(qty).__name__}")
    if qty < 1:
        raise ValueError(f"a quantity is at least 1, not {qty}")
