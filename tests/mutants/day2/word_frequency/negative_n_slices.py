"""Does not validate n: a negative n silently slices off the least common words."""

import re
from collections import Counter


def words(text: str) -> list[str]:
    cleaned = "".join(ch if ch.isalpha() or ch == "'" else " " for ch in text)
    return [w.casefold() for w in re.findall(r"[^' ]+(?:'[^' ]+)*", cleaned)]


def top_words(text: str, n: int) -> list[tuple[str, int]]:
    counts = Counter(words(text))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
