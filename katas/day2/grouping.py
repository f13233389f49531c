"""Grouping with ``defaultdict``: build a dict of lists without the ``if key not in d`` dance.

``collections.defaultdict(list)`` calls ``list()`` to create the value the first time a missing
key is read, so ``groups[key].append(item)`` just works. The same convenience is a trap once the
dict leaves your function: on a defaultdict, a *lookup* of a key that is not there (a typo, a
stale id) silently inserts an empty list instead of raising ``KeyError``. Build with a
defaultdict, hand back a plain ``dict``.

Grouping also needs a good *key*: it must be hashable (a ``list`` is not; a ``tuple`` or
``str`` is) and it must keep exactly the information that decides "same group".
"""

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V", bound=Hashable)


def anagram_groups(words: Iterable[str]) -> list[list[str]]:
    """Group the words that are anagrams of one another.

    Two words are anagrams when they are made of the same characters, each the same number of
    times. Every character counts and case matters: ``"listen"`` and ``"silent"`` are
    anagrams; ``"aab"`` and ``"abb"`` are not (same letters, different counts), nor are
    ``"Tea"`` and ``"eat"``.

    Groups come in the order of their first word's appearance; inside a group, words keep their
    input order, repeated words included.

    >>> anagram_groups(["listen", "google", "silent", "enlist", "gogole", "listen"])
    [['listen', 'silent', 'enlist', 'listen'], ['google', 'gogole']]
    >>> anagram_groups(["aab", "abb", "Tea", "eat"])
    [['aab'], ['abb'], ['Tea'], ['eat']]
    """
    raise NotImplementedError


def invert(index: Mapping[K, Iterable[V]]) -> dict[V, list[K]]:
    """Invert a one-to-many mapping: for every value, the keys whose iterable contains it.

    The values come in order of first appearance (reading the keys in the mapping's order and
    each key's values in order); each value's keys come in the mapping's order. A key is listed
    once per value even if its iterable repeats the value; a key with no values appears
    nowhere. The iterables may be one-shot iterators; ``index`` itself is not modified.

    The result is a plain ``dict``: looking up a value that never appeared raises
    ``KeyError`` (and does not insert anything).

    >>> tags = invert({"ann": ["admin", "dev"], "bob": ["dev"], "cid": []})
    >>> tags
    {'admin': ['ann'], 'dev': ['ann', 'bob']}
    >>> tags["ops"]
    Traceback (most recent call last):
    ...
    KeyError: 'ops'
    """
    raise NotImplementedError
