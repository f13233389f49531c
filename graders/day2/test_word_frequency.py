"""Grader: word frequency counter (tokenisation, casefold, tie order) vs a brute-force oracle."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day2 import word_frequency


def oracle_words(text: str) -> list[str]:
    """Character-by-character reading of the spec's tokenisation rules."""
    found: list[str] = []
    i, end = 0, len(text)
    while i < end:
        if not text[i].isalpha():
            i += 1
            continue
        word = ""
        while i < end:
            if text[i].isalpha():
                word += text[i]
                i += 1
            elif text[i] == "'" and i + 1 < end and text[i + 1].isalpha():
                word += "'"
                i += 1
            else:
                break
        found.append(word.casefold())
    return found


def oracle_top(text: str, n: int) -> list[tuple[str, int]]:
    """Brute force: count each distinct word by scanning, pick the best remaining n times."""
    all_words = oracle_words(text)
    remaining = {w: all_words.count(w) for w in all_words}
    best: list[tuple[str, int]] = []
    while remaining and len(best) < n:
        top_count = max(remaining.values())
        word = min(w for w, c in remaining.items() if c == top_count)
        best.append((word, top_count))
        del remaining[word]
    return best


VOCAB = ["the", "The", "THE", "a", "A", "b", "don't", "DON'T", "Straße", "STRASSE", "strasse",
         "rock'n'roll", "café", "Café", "'tis", "dogs'", "İstanbul", "istanbul"]
SEPARATORS = [" ", "  ", ", ", ".", "\n", "\t", "'", "''", "’", "_", "1", "-", "!",
              "²", "½", "Ⅻ"]
texts = st.lists(
    st.one_of(
        st.sampled_from(VOCAB),
        st.sampled_from(SEPARATORS),
        st.text(alphabet="abAB sSß'’_9é,²½Ⅻİǰ", max_size=4),
    ),
    max_size=30,
).map("".join)


@pytest.mark.parametrize(
    ("text", "want", "rule"),
    [
        ("Straße STRASSE strasse", ["strasse"] * 3,
         "words are folded with str.casefold(): 'ß' folds to 'ss'"),
        ("Hello HELLO hello", ["hello"] * 3, "words are compared case-insensitively"),
        ("don't rock'n'roll", ["don't", "rock'n'roll"],
         "a single apostrophe between two letters belongs to the word"),
        ("'tis dogs' a''b 'x'", ["tis", "dogs", "a", "b", "x"],
         "an apostrophe that is not between two letters separates words"),
        ("it’s", ["it", "s"], "the typographic apostrophe ’ is punctuation"),
        ("day_2 x1y a-b", ["day", "x", "y", "a", "b"],
         "digits, underscores and punctuation separate words"),
        ("café naïve", ["café", "naïve"], "non-ASCII letters such as é and ï are letters"),
        ("42 -- ! _", [], "a text without letters has no words"),
        ("x²y a½b Ⅻx", ["x", "y", "a", "b", "x"],
         "a letter is a character for which str.isalpha() is true: number characters such "
         "as ², ½ and Ⅻ are not letters"),
        ("İstanbul", ["İstanbul".casefold()],
         "str.casefold() is applied to each word once it has been cut out of the text: "
         "İstanbul is one word"),
        ("ǰx ΐy İ'x", ["ǰx".casefold(), "ΐy".casefold(), "İ'x".casefold()],
         "cut first, fold second: a letter whose fold ends in a combining mark does not "
         "split its word"),
    ],
)
def test_words_named_rules(text: str, want: list[str], rule: str) -> None:
    got = word_frequency.words(text)
    assert got == want, f"words({text!r}): {rule}"


@settings(max_examples=60)
@given(texts)
@example("Don't panic: DON'T!")
@example("'Tis the dogs' day_2, Straße")
def test_words_match_the_rules(text: str) -> None:
    got = word_frequency.words(text)
    assert got == oracle_words(text), (
        "words(): words are maximal runs of letters (a single ' between letters included), "
        "casefolded, in text order"
    )


def test_ties_are_alphabetical_not_first_seen() -> None:
    got = word_frequency.top_words("the cat and the hat and THE bat", 3)
    assert got == [("the", 3), ("and", 2), ("bat", 1)], (
        "top_words(): words with equal counts are listed alphabetically, not in order of "
        "first appearance"
    )


def test_ties_ascending_under_descending_counts() -> None:
    got = word_frequency.top_words("b a b a c d d d", 4)
    assert got == [("d", 3), ("a", 2), ("b", 2), ("c", 1)], (
        "top_words(): most common first; equal counts in ascending alphabetical order"
    )


@settings(max_examples=60)
@given(texts, st.integers(min_value=0, max_value=8))
@example("the cat and the hat and THE bat", 3)
@example("Straße strasse STRASSE ß ss", 2)
@example("", 3)
@example("a b c", 0)
def test_top_words_match_brute_force(text: str, n: int) -> None:
    got = word_frequency.top_words(text, n)
    assert got == oracle_top(text, n), (
        "top_words(): the n most common (word, count) pairs, most common first, ties "
        "alphabetical, all distinct words if there are fewer than n"
    )


@pytest.mark.parametrize("n", [-1, -5])
def test_negative_n_is_rejected(n: int) -> None:
    try:
        got = word_frequency.top_words("a b c", n)
    except ValueError:
        return
    pytest.fail(f"top_words(text, {n}): a negative n raises ValueError, got {got!r}")
