"""Tokenises with [\\w']+, so digits, underscores and stray apostrophes end up inside words."""

import re
from collections import Counter


def words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text.casefold())


def top_words(text: str, n: int) -> list[tuple[str, int]]:
    if n < 0:
        raise ValueError(n)
    counts = Counter(words(text))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
