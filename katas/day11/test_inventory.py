"""Write the tests for ``day11/inventory.py``: a small file-backed stock store.

Read ``inventory.py`` first: its docstrings are the spec. Then replace every
``raise NotImplementedError`` below with a real test. The skeletons are a start, not the whole
job: the spec has more rules than they name, so add as many tests as you need. The grader runs
your file against the reference ``inventory.py``, against other correct versions built
differently, and against several subtly broken ones, each with one bug a careful reader of the
spec would test for. Your suite passes when every test passes on every correct version and at
least one test fails on every broken one. The grader names the behaviour a broken version got
past you with, never its code.

What the grader requires of your suite, besides catching the bugs:

- **A fixture with teardown.** Write a fixture (``stock`` below) that opens an inventory in
  pytest's ``tmp_path`` and yields it, then closes it after the test: an open store is a
  resource, and the test that uses it must not have to close it. Use it in your tests.
- **A parametrized table.** Put a table of at least three cases in one
  ``@pytest.mark.parametrize`` test rather than a loop: for instance
  ``test_bad_quantities_are_refused(stock, qty, error)`` over the quantities ``add()`` must
  refuse, each with the exception it raises (bad SKUs make a good second table).
- **``pytest.raises``** for every error the spec names, with the exact exception class
  (``ValueError``, ``TypeError``, ``inventory.InsufficientStock``,
  ``inventory.InventoryClosed``).

Test through the public API only: ``Inventory.open(path)``, ``add``, ``remove``, ``count``,
``skus``, ``close`` and ``with``. The file's format is private (the correct versions do not
all use the same one), so check persistence by reopening the file, never by reading it.
Use the real module — a mock of ``Inventory`` tests nothing.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

from day11 import inventory


@pytest.fixture
def stock(tmp_path: Path) -> Iterator[inventory.Inventory]:
    """An inventory opened in ``tmp_path``, closed again after the test (code after ``yield``)."""
    raise NotImplementedError
    yield


def test_add_then_count() -> None:
    """add() puts units in stock and returns the new count; count() reads it back."""
    raise NotImplementedError


def test_remove_takes_stock_away() -> None:
    """remove() takes units out and returns what is left."""
    raise NotImplementedError


def test_removing_more_than_in_stock_is_refused() -> None:
    """remove() of more than is in stock raises InsufficientStock and changes nothing."""
    raise NotImplementedError


def test_changes_survive_reopening() -> None:
    """What was added before close() is there after Inventory.open() of the same file."""
    raise NotImplementedError
