"""Correct: a Counter with __slots__, saved as "SKU COUNT" lines on close."""

from __future__ import annotations

import os
import string
from collections import Counter
from types import TracebackType

MAX_STOCK = 1_000_000
_ALLOWED = frozenset(string.ascii_letters + string.digits + "-_")


class InventoryError(Exception):
    pass


class InsufficientStock(InventoryError):
    def __init__(self, sku: str, requested: int, available: int) -> None:
        super().__init__(f"{sku}: {requested} requested, {available} in stock")
        self.sku, self.requested, self.available = sku, requested, available


class InventoryClosed(InventoryError):
    pass


class Inventory:
    __slots__ = ("_file", "_stock", "_open")

    def __init__(self, file: str, stock: Counter[str]) -> None:
        self._file = file
        self._stock = stock
        self._open = True

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Inventory:
        file = os.fspath(path)
        stock: Counter[str] = Counter()
        if os.path.exists(file):
            with open(file, encoding="utf-8") as lines:
                for line in lines:
                    sku, _, count = line.rstrip("\n").rpartition(" ")
                    stock[sku] = int(count)
        return cls(file, stock)

    def _valid(self, sku: str, qty: int | None = None) -> None:
        if not self._open:
            raise InventoryClosed("closed")
        if type(sku) is not str or not sku or not set(sku) <= _ALLOWED:
            raise ValueError("bad sku")
        if qty is not None:
            if type(qty) is not int:
                raise TypeError("bad quantity type")
            if qty <= 0:
                raise ValueError("bad quantity")

    def add(self, sku: str, qty: int) -> int:
        self._valid(sku, qty)
        if self._stock[sku] + qty > MAX_STOCK:
            raise ValueError("over MAX_STOCK")
        self._stock[sku] += qty
        return self._stock[sku]

    def remove(self, sku: str, qty: int) -> int:
        self._valid(sku, qty)
        have = self._stock[sku]
        if have < qty:
            raise InsufficientStock(sku, qty, have)
        self._stock[sku] -= qty
        return self._stock[sku]

    def count(self, sku: str) -> int:
        self._valid(sku)
        return self._stock[sku]

    def skus(self) -> list[str]:
        if not self._open:
            raise InventoryClosed("closed")
        return sorted(sku for sku, n in self._stock.items() if n > 0)

    def close(self) -> None:
        if self._open:
            with open(self._file, "w", encoding="utf-8") as out:
                out.writelines(f"{sku} {n}\n" for sku, n in self._stock.items() if n > 0)
            self._open = False

    def __enter__(self) -> Inventory:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
