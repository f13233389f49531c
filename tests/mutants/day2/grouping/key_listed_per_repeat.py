"""invert() appends the key once per occurrence, so a repeated value lists its key twice."""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V", bound=Hashable)


def anagram_groups(words: Iterable[str]) -> list[list[str]]:
    groups: defaultdict[tuple[str, ...], list[str]] = defaultdict(list)
    for word in words:
        groups[tuple(sorted(word))].append(word)
    return list(groups.values())


def invert(index: Mapping[K, Iterable[V]]) -> dict[V, list[K]]:
    inverted: defaultdict[V, list[K]] = defaultdict(list)
    for key, values in index.items():
        for value in values:
            inverted[value].append(key)
    return dict(inverted)
