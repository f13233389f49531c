"""Grader for day3.lambdas: named, typed, picklable converters that validate with statements."""

from __future__ import annotations

import pickle
from collections.abc import Callable

from hypothesis import example, given, settings
from hypothesis import strategies as st

from day3 import lambdas as kata

PORT_ERROR = "PORT must be an integer in 1..65535, got {!r}"
FLAG_ERROR = "DEBUG must be one of 1/0, true/false, yes/no, on/off, got {!r}"
TRUE_WORDS = ["1", "true", "yes", "on"]
FALSE_WORDS = ["0", "false", "no", "off"]
# Whitespace is what str.strip() removes (str.isspace()); int() alone refuses U+001C..U+001F.
space = st.sampled_from(["", " ", "  ", "\t", "\n", "\x1c", "\x1f", "\u3000", "\x85", "\xa0"])
# Explicit alphabets: near misses are likelier than in random unicode, and Hypothesis does not
# have to build its unicode tables (seconds of CPU the first time a grading cache is used).
# \u0663 is ARABIC-INDIC DIGIT THREE: int() reads it; \x1c is whitespace only to str.strip().
PORT_CHARACTERS = "0123456789 \t\x1c+-_.xe\u0663"
FLAG_CHARACTERS = "truefalsyonTRUEFALSYON01 \t"


def outcome(convert: Callable[[str], object], text: str) -> tuple[str, object]:
    """("ok", value) or (exception class name, message)."""
    try:
        return "ok", convert(text)
    except NotImplementedError:
        raise
    except Exception as exc:  # show the learner what was raised
        return type(exc).__name__, str(exc)


def port_model(text: str) -> tuple[str, object]:
    try:
        port = int(text.strip())
    except ValueError:
        port = 0
    if 1 <= port <= 65535:
        return "ok", port
    return "ValueError", PORT_ERROR.format(text)


def random_case(word: str, flips: list[bool]) -> str:
    return "".join(c.upper() if flip else c for c, flip in zip(word, flips + [False] * len(word)))


@settings(max_examples=50)  # a small input space: 50 cases find every bug here
@given(port=st.integers(min_value=-100_000, max_value=100_000), left=space, right=space)
@example(port=1, left="", right="")
@example(port=65535, left=" ", right="\n")
@example(port=0, left="", right="")
@example(port=65536, left="", right="")
@example(port=8080, left="\x1c", right="\x1f")
def test_parse_port_numbers(port: int, left: str, right: str) -> None:
    text = f"{left}{port}{right}"
    assert outcome(kata.parse_port, text) == port_model(text), (
        "parse_port(): whitespace around the number is ignored; 1..65535 is returned as an int, "
        "anything else raises ValueError('PORT must be an integer in 1..65535, got <text>')"
    )


@given(text=st.text(alphabet=PORT_CHARACTERS, max_size=8))
@example(text="")
@example(text="http")
@example(text="80.0")
@example(text="0x50")
def test_parse_port_any_text(text: str) -> None:
    assert outcome(kata.parse_port, text) == port_model(text), (
        "parse_port(): text that is not an integer in 1..65535 raises "
        "ValueError('PORT must be an integer in 1..65535, got <text as given>') — that exact "
        "message, not int()'s own"
    )


def test_surrounding_whitespace_is_what_strip_removes() -> None:
    got = [
        outcome(kata.parse_port, "\x1c8080\x1f"),
        outcome(kata.parse_port, "\u300080\x85"),
        outcome(kata.parse_flag, "\x1dyes\x1e"),
        outcome(kata.parse_hosts, "\x1ca\x1f,\u3000b"),
    ]
    assert got == [("ok", 8080), ("ok", 80), ("ok", True), ("ok", ["a", "b"])], (
        "surrounding whitespace is what str.strip() removes -- every character for which "
        "str.isspace() is true, U+001C..U+001F and U+3000 included"
    )


def test_parse_flag_folds_case_with_lower_not_casefold() -> None:
    texts = ["oﬀ", "yeſ", "falſe", "OFF", "Yes"]
    got = [outcome(kata.parse_flag, text) for text in texts]
    want = [("ValueError", FLAG_ERROR.format(text)) for text in texts[:3]]
    assert got == [*want, ("ok", False), ("ok", True)], (
        "parse_flag(): the text is normalised with text.strip().lower(), not casefold(): "
        "'OFF' is 'off', but 'oﬀ' and 'yeſ' are not words and raise ValueError"
    )


@settings(max_examples=50)  # a small input space: 50 cases find every bug here
@given(
    word=st.sampled_from(TRUE_WORDS + FALSE_WORDS),
    flips=st.lists(st.booleans(), max_size=5),
    left=space,
    right=space,
)
def test_parse_flag_words(word: str, flips: list[bool], left: str, right: str) -> None:
    text = f"{left}{random_case(word, flips)}{right}"
    assert outcome(kata.parse_flag, text) == ("ok", word in TRUE_WORDS), (
        "parse_flag(): 1/true/yes/on mean True and 0/false/no/off mean False, "
        "case-insensitive, whitespace around ignored"
    )


@given(text=st.text(alphabet=FLAG_CHARACTERS, max_size=6))
@example(text="")
@example(text="maybe")
@example(text="y")
@example(text="10")
def test_parse_flag_rejects_anything_else(text: str) -> None:
    got = outcome(kata.parse_flag, text)
    if text.strip().lower() in TRUE_WORDS + FALSE_WORDS:
        return  # a valid word: test_parse_flag_words grades those
    assert got == ("ValueError", FLAG_ERROR.format(text)), (
        "parse_flag(): any other text (the empty string too) raises ValueError('DEBUG must be "
        "one of 1/0, true/false, yes/no, on/off, got <text as given>')"
    )


@settings(max_examples=50)  # a small input space: 50 cases find every bug here
@given(items=st.lists(st.sampled_from(["a.local", "db", "", " ", "x-1", "  api  "]), max_size=6))
@example(items=[""])
@example(items=[" a ", " b", "", "c "])
def test_parse_hosts(items: list[str]) -> None:
    text = ",".join(items)
    want = [item.strip() for item in items if item.strip()]
    assert outcome(kata.parse_hosts, text) == ("ok", want), (
        "parse_hosts(): splits on commas, strips each item and drops the empty ones "
        "('' gives [])"
    )


def test_converters_are_the_module_functions() -> None:
    got = kata.converters()
    want = {"PORT": kata.parse_port, "DEBUG": kata.parse_flag, "HOSTS": kata.parse_hosts}
    assert got == want, (
        "converters(): returns {'PORT': parse_port, 'DEBUG': parse_flag, 'HOSTS': parse_hosts} — "
        "the module's functions themselves, not lambdas or wrappers"
    )


def test_converters_survive_pickling() -> None:
    unpicklable: list[str] = []
    for name, converter in kata.converters().items():
        try:
            restored = pickle.loads(pickle.dumps(converter))
        except Exception:  # pickle raises PicklingError, AttributeError, TypeError, ...
            unpicklable.append(name)
            continue
        if restored is not converter:
            unpicklable.append(name)
    assert unpicklable == [], (
        "converters(): every converter survives pickle.dumps / pickle.loads as the very same "
        "function (a lambda, or anything wrapping one, cannot be pickled) — these did not"
    )


def test_converters_have_real_names() -> None:
    got = {key: getattr(f, "__name__", None) for key, f in kata.converters().items()}
    assert got == {"PORT": "parse_port", "DEBUG": "parse_flag", "HOSTS": "parse_hosts"}, (
        "converters(): each converter reports its real __name__ (a lambda's is '<lambda>')"
    )


def test_converters_returns_a_new_dict_each_time() -> None:
    first = kata.converters()
    first["PORT"] = str
    assert kata.converters().get("PORT") is kata.parse_port, (
        "converters(): returns a new dict on every call — changing one changes no other"
    )
