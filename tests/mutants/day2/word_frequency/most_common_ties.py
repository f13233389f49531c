"""Uses Counter.most_common(n), which lists equal counts in order of first appearance."""

import re
from collections import Counter


def words(text: str) -> list[str]:
    cleaned = "".join(ch if ch.isalpha() or ch == "'" else " " for ch in text)
    return [w.casefold() for w in re.findall(r"[^' ]+(?:'[^' ]+)*", cleaned)]


def top_words(text: str, n: int) -> list[tuple[str, int]]:
    if n < 0:
        raise ValueError(n)
    return Counter(words(text)).most_common(n)
