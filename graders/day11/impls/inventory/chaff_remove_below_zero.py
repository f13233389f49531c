"""remove() of more units than are in stock is accepted: the count goes below zero."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from types import TracebackType

MAX_STOCK = 1_000_000
_SKU = re.compile(r"[A-Za-z0-9_-]+")


class InventoryError(Exception):
    pass


class InsufficientStock(InventoryError):
    def __init__(self, sku: str, requested: int, available: int) -> None:
        super().__init__(f"{sku}: {requested} requested, {available} in stock")
        self.sku = sku
        self.requested = requested
        self.available = available


class InventoryClosed(InventoryError):
    pass


class Inventory:
    def __init__(self, path: Path, counts: dict[str, int]) -> None:
        self._path = path
        self._counts = counts
        self._closed = False

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Inventory:
        path = Path(path)
        try:
            counts = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            counts = {}
        return cls(path, counts)

    def add(self, sku: str, qty: int) -> int:
        self._check_open()
        sku = _check_sku(sku)
        _check_qty(qty)
        new = self._counts.get(sku, 0) + qty
        if new > MAX_STOCK:
            raise ValueError(f"{sku}: {new} units would exceed MAX_STOCK")
        self._counts[sku] = new
        return new

    def remove(self, sku: str, qty: int) -> int:
        self._check_open()
        sku = _check_sku(sku)
        _check_qty(qty)
        available = self._counts.get(sku, 0)
        if qty == available:
            del self._counts[sku]
        else:
            self._counts[sku] = available - qty
        return available - qty

    def count(self, sku: str) -> int:
        self._check_open()
        sku = _check_sku(sku)
        return self._counts.get(sku, 0)

    def skus(self) -> list[str]:
        self._check_open()
        return sorted(self._counts)

    def close(self) -> None:
        if self._closed:
            return
        self._save()
        self._closed = True

    def _save(self) -> None:
        self._path.write_text(json.dumps(self._counts), encoding="utf-8")

    def __enter__(self) -> Inventory:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _check_open(self) -> None:
        if self._closed:
            raise InventoryClosed("closed")


def _check_sku(sku: str) -> str:
    if not isinstance(sku, str) or not _SKU.fullmatch(sku):
        raise ValueError(f"not a SKU: {sku!r}")
    return sku


def _check_qty(qty: int) -> None:
    if isinstance(qty, bool) or not isinstance(qty, int):
        raise TypeError("a quantity is an int")
    if qty < 1:
        raise ValueError("a quantity is at least 1")
