"""Treats every apostrophe as a separator: "don't" becomes "don" and "t"."""

import re
from collections import Counter


def words(text: str) -> list[str]:
    return [w.casefold() for w in re.findall(r"[^\W\d_]+", text)]


def top_words(text: str, n: int) -> list[tuple[str, int]]:
    if n < 0:
        raise ValueError(n)
    counts = Counter(words(text))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
