"""Takes the regex class [^\\W\\d_] for a letter, so x²y, a½b and Ⅻx stay whole."""

import heapq
import re
from collections import Counter

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def words(text: str) -> list[str]:
    """Return the words of ``text``, case-folded, in the order they occur.

    >>> words("Don't panic: DON'T!")
    ["don't", 'panic', "don't"]
    >>> words("'Tis the dogs' day_2, Straße")
    ['tis', 'the', 'dogs', 'day', 'strasse']
    >>> words("42 -- !")
    []
    """
    return [word.casefold() for word in _WORD.findall(text)]


def top_words(text: str, n: int) -> list[tuple[str, int]]:
    """Return the ``n`` most common words of ``text`` as ``(word, count)`` pairs.

    The most common word comes first; words with equal counts are in alphabetical order.
    If the text has fewer than ``n`` distinct words, all of them are returned; ``n == 0``
    gives ``[]``.

    Raises ``ValueError`` if ``n`` is negative.

    >>> top_words("the cat and the hat and THE bat", 3)
    [('the', 3), ('and', 2), ('bat', 1)]
    >>> top_words("b a b a c", 10)
    [('a', 2), ('b', 2), ('c', 1)]
    """
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    counts = Counter(words(text))
    # Sort key: most common first, then alphabetical; nsmallest keeps only n items in its heap.
    return heapq.nsmallest(n, counts.items(), key=lambda item: (-item[1], item[0]))
