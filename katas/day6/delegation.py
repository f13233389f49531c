"""``yield from``: flatten nested data lazily, and delegate to a generator that *returns*.

Two uses of ``yield from``:

1. **Flattening** — ``flatten`` walks arbitrarily nested iterables depth-first and yields the
   leaves; the natural way is a recursive ``flatten`` that each nested iterable is handed to
   with ``yield from``.
2. **Delegation with a result** — besides what it yields, a generator can ``return`` a value.
   That value is not yielded: it travels in ``StopIteration.value``, and
   ``result = yield from sub()`` passes every item of ``sub()`` through to the caller *and*
   evaluates to ``sub()``'s return value. ``parse_ints`` yields the ints it parses and returns
   how many rows it skipped; ``parse_batches`` delegates each batch to it and returns the total.

Everything is lazy: nothing is pulled from an input before the caller asks for the next item
that needs it, and nothing builds a list of the results.
"""

from collections.abc import Generator, Iterable, Iterator


def flatten(data: Iterable[object]) -> Iterator[object]:
    """Yield the leaves of ``data``, depth-first, left to right, lazily.

    ``data`` itself is always iterated. An item inside it is descended into when it is
    iterable (``isinstance(item, collections.abc.Iterable)``: lists, tuples, sets, dicts — their
    keys —, generators, ...) **except** ``str``, ``bytes`` and ``bytearray``, which are leaves
    (a one-character string contains itself: descending into it would never end). Any other
    item is a leaf. Empty iterables contribute nothing. Nesting up to 100 levels deep works.

    Lazy: items are pulled from ``data`` and from the nested iterables only when the caller
    asks for the next leaf, so ``flatten`` works on generators, even infinite ones.

    >>> list(flatten([1, [2, (3, [4])], "ab", [[]], b"x", {5: "five"}]))
    [1, 2, 3, 4, 'ab', b'x', 5]
    >>> from itertools import count, islice
    >>> list(islice(flatten([0, count(1)]), 4))
    [0, 1, 2, 3]
    """
    raise NotImplementedError


def parse_ints(rows: Iterable[str]) -> Generator[int, None, int]:
    """Yield ``int(row)`` for each row ``int()`` accepts, skip the others; return the skip count.

    A row is valid when ``int(row)`` succeeds (``" 7 "``, ``"-3"``, ``"1_000"`` are valid;
    ``""``, ``"1.5"``, ``"x"`` are not). Invalid rows are skipped silently. When the rows run
    out the generator **returns** the number of rows it skipped: the caller receives it as
    ``StopIteration.value``, or as the value of ``yield from parse_ints(...)``. It is never
    yielded. Rows are pulled one at a time, only as the caller asks for the next int.

    >>> gen = parse_ints(["1", "x", " 3 ", "1.5"])
    >>> next(gen), next(gen)
    (1, 3)
    >>> next(gen)
    Traceback (most recent call last):
    StopIteration: 2
    >>> list(parse_ints(["1", "x"]))         # for loops and list() drop the return value
    [1]
    """
    raise NotImplementedError


def parse_batches(batches: Iterable[Iterable[str]]) -> Generator[int, None, int]:
    """Yield the ints of every batch, in order; return the total number of skipped rows.

    Delegate each batch to ``parse_ints`` with ``yield from``: its ints pass straight through to
    the caller, and its return value (that batch's skip count) becomes the value of the
    ``yield from`` expression. Returns the sum over all batches — 0 when there are none.
    Delegation is observable: ``send(value)`` and ``throw(exc)`` on the ``parse_batches``
    generator reach the generator of the current batch — the one this module's ``parse_ints``
    returned for it — as ``yield from`` forwards them; a loop that re-yields each int with
    ``next()`` would keep them for itself.
    Batches are pulled one at a time, only when the previous one is used up.

    >>> gen = parse_batches([["1", "x"], [], ["y", "2", "z"]])
    >>> next(gen), next(gen)
    (1, 2)
    >>> next(gen)
    Traceback (most recent call last):
    StopIteration: 3
    """
    raise NotImplementedError
