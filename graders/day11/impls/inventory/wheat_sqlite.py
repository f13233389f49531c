"""Correct: SQLite, every change committed at once, so saved before close."""

from __future__ import annotations

import os
import re
import sqlite3
from types import TracebackType

MAX_STOCK = 1_000_000


class InventoryError(Exception):
    pass


class InsufficientStock(InventoryError):
    def __init__(self, sku: str, requested: int, available: int) -> None:
        super().__init__(f"{sku}: {requested} requested, {available} in stock")
        self.sku, self.requested, self.available = sku, requested, available


class InventoryClosed(InventoryError):
    pass


class Inventory:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db: sqlite3.Connection | None = db

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Inventory:
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("CREATE TABLE IF NOT EXISTS stock (sku TEXT PRIMARY KEY, n INTEGER NOT NULL)")
        return cls(db)

    def _conn(self, sku: str | None = None, qty: int | None = None) -> sqlite3.Connection:
        if self._db is None:
            raise InventoryClosed("the inventory is closed")
        if sku is not None and not (isinstance(sku, str) and re.fullmatch(r"[A-Za-z0-9_-]+", sku)):
            raise ValueError(f"bad SKU {sku!r}")
        if qty is not None:
            if isinstance(qty, bool) or not isinstance(qty, int):
                raise TypeError("quantity must be an int")
            if qty < 1:
                raise ValueError("quantity must be at least 1")
        return self._db

    def _get(self, db: sqlite3.Connection, sku: str) -> int:
        row = db.execute("SELECT n FROM stock WHERE sku = ?", (sku,)).fetchone()
        return int(row[0]) if row else 0

    def add(self, sku: str, qty: int) -> int:
        db = self._conn(sku, qty)
        new = self._get(db, sku) + qty
        if new > MAX_STOCK:
            raise ValueError("more than MAX_STOCK")
        db.execute("INSERT OR REPLACE INTO stock VALUES (?, ?)", (sku, new))
        return new

    def remove(self, sku: str, qty: int) -> int:
        db = self._conn(sku, qty)
        have = self._get(db, sku)
        if qty > have:
            raise InsufficientStock(sku, qty, have)
        if have == qty:
            db.execute("DELETE FROM stock WHERE sku = ?", (sku,))
        else:
            db.execute("UPDATE stock SET n = ? WHERE sku = ?", (have - qty, sku))
        return have - qty

    def count(self, sku: str) -> int:
        return self._get(self._conn(sku), sku)

    def skus(self) -> list[str]:
        rows = self._conn().execute("SELECT sku FROM stock ORDER BY sku").fetchall()
        return [str(sku) for (sku,) in rows]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Inventory:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
