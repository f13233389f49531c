"""Grader: grouping with defaultdict — anagram groups and an inverted index, vs brute force."""

import copy
from collections import Counter

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day2.grouping import anagram_groups, invert


def oracle_anagram_groups(words: list[str]) -> list[list[str]]:
    groups: list[list[str]] = []
    for word in words:
        for group in groups:
            if Counter(group[0]) == Counter(word):
                group.append(word)
                break
        else:
            groups.append([word])
    return groups


def oracle_invert(index: dict[int, list[str]]) -> dict[str, list[int]]:
    values_in_order = [v for vs in index.values() for v in vs]
    distinct = [v for i, v in enumerate(values_in_order) if v not in values_in_order[:i]]
    return {v: [k for k, vs in index.items() if v in vs] for v in distinct}


@settings(max_examples=50)
@given(st.lists(st.text(alphabet="abAB ", max_size=4), max_size=20))
@example(["listen", "google", "silent", "enlist", "gogole", "listen"])
@example(["aab", "abb"])
@example(["Tea", "eat"])
@example([])
def test_anagram_groups(words: list[str]) -> None:
    got = anagram_groups(words)
    assert got == oracle_anagram_groups(words), (
        "anagram_groups(): words with the same characters the same number of times (case "
        "matters) form a group; groups in order of first appearance, words in input order"
    )


def test_anagram_counts_matter() -> None:
    got = anagram_groups(["aab", "abb", "ab"])
    assert got == [["aab"], ["abb"], ["ab"]], (
        "anagram_groups(): 'aab' and 'abb' are not anagrams — each character must occur the "
        "same number of times (a set of letters is not a good key)"
    )


def test_anagram_groups_accepts_a_generator() -> None:
    got = anagram_groups(w for w in ["ab", "ba"])
    assert got == [["ab", "ba"]], "anagram_groups(): words may be any iterable, a generator too"


@settings(max_examples=50)
@given(st.dictionaries(st.integers(0, 9), st.lists(st.sampled_from("abcde"), max_size=4),
                       max_size=6))
@example({1: ["admin", "dev"], 2: ["dev"], 3: []})
@example({30: ["x"], 20: ["x"], 10: ["x"]})
@example({1: ["a", "a", "b"]})
def test_invert(index: dict[int, list[str]]) -> None:
    snapshot = copy.deepcopy(index)
    got = invert(index)
    assert got == oracle_invert(snapshot), (
        "invert(): every value maps to the keys whose iterable contains it, each key once, "
        "in the mapping's order"
    )
    assert list(got) == list(oracle_invert(snapshot)), (
        "invert(): the values come in order of first appearance"
    )
    assert index == snapshot, "invert(): the input mapping is not modified"


def test_invert_accepts_one_shot_iterators() -> None:
    got = invert({"ann": iter(["admin", "dev"]), "bob": (r for r in ["dev"])})
    assert got == {"admin": ["ann"], "dev": ["ann", "bob"]}, (
        "invert(): the iterables may be one-shot iterators"
    )


def test_invert_returns_a_plain_dict() -> None:
    got = invert({"ann": ["admin"]})
    try:
        leaked = got["ops"]
    except KeyError:
        pass
    else:
        pytest.fail(
            f"invert(): looking up a value that never appeared raises KeyError (return a plain "
            f"dict, not the defaultdict) — it gave {leaked!r}"
        )
    assert "ops" not in got, "invert(): a failed lookup does not insert the key"
    assert type(got) is dict, "invert(): the result is a plain dict"
