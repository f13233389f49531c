"""Word frequency counter: the n most common words of a text.

Tokenisation, case folding and the order of ties are part of the contract, so that every
correct implementation gives the same answer for the same text:

* A *letter* is a character for which ``str.isalpha()`` is true: ``é`` and ``ß`` are letters;
  digits, ``_``, whitespace and punctuation are not, and neither are other number
  characters such as ``²``, ``½`` or ``Ⅻ``: ``x²y`` is the two words ``x`` and ``y``
  (mind that a regex "word character that is not a digit" does count them as letters).
* A *word* is a maximal run of letters, where a single ASCII apostrophe ``'`` standing between
  two letters belongs to the word: ``don't`` and ``rock'n'roll`` are one word each. Every other
  apostrophe separates words, like punctuation does: ``'tis`` gives ``tis``, ``dogs'`` gives
  ``dogs``, ``a''b`` gives ``a`` and ``b``. The typographic apostrophe ``’`` is punctuation.
* Words are compared case-insensitively through ``str.casefold()``, applied to each word once
  it has been cut out of the text: ``Straße``, ``STRASSE`` and ``strasse`` are all the word
  ``strasse``. (``str.lower()`` is not enough: ``"ß".lower()`` is still ``"ß"``.) Cut first,
  fold second: ``İstanbul`` is one word, although the fold of ``İ`` is ``i`` followed by a
  combining dot (U+0307) that is not a letter -- folding the whole text first would split it.
* Ties: words with the same count are listed in alphabetical order (plain ``str`` order of
  the folded words), never in order of first appearance.
"""

import heapq
import re
from collections import Counter

# Applied to a text where every character but letters and apostrophes became a space.
_WORD = re.compile(r"[^' ]+(?:'[^' ]+)*")


def words(text: str) -> list[str]:
    """Return the words of ``text``, case-folded, in the order they occur.

    >>> words("Don't panic: DON'T!")
    ["don't", 'panic', "don't"]
    >>> words("'Tis the dogs' day_2, Straße")
    ['tis', 'the', 'dogs', 'day', 'strasse']
    >>> words("42 -- !")
    []
    """
    letters_and_apostrophes = "".join(ch if ch.isalpha() or ch == "'" else " " for ch in text)
    return [word.casefold() for word in _WORD.findall(letters_and_apostrophes)]


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
