"""invert() collects keys in sets to avoid repeats, losing the mapping's order of keys."""

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
    inverted: defaultdict[V, set[K]] = defaultdict(set)
    for key, values in index.items():
        for value in values:
            inverted[value].add(key)
    return {value: list(keys) for value, keys in inverted.items()}
