"""Grader for day1.zen: the PEP 20 aphorisms without output, and a parser that refuses to guess."""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day1 import zen

TRUE_WORDS = ("true", "yes", "on", "1")
FALSE_WORDS = ("false", "no", "off", "0")
WHITESPACE = " \t\n\r\x0b\x0c\u00a0\u2003"


def _expected_aphorisms() -> list[str]:
    with contextlib.redirect_stdout(io.StringIO()):
        import this
    return codecs.decode(this.s, "rot13").splitlines()[2:]


def _source_root() -> str:
    return str(Path(zen.__file__).resolve().parents[1])


def test_returns_the_19_aphorisms_in_order() -> None:
    got = zen.zen_aphorisms()
    want = _expected_aphorisms()
    assert got == want, "zen_aphorisms(): the 19 aphorisms of this.s decoded, one per line, in order"
    assert len(got) == 19, "zen_aphorisms(): PEP 20 has 19 aphorisms (no title, no blank line)"


def test_first_import_of_this_prints_nothing(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delitem(sys.modules, "this", raising=False)
    got = zen.zen_aphorisms()
    out = capfd.readouterr().out
    assert out == "", (
        "zen_aphorisms(): nothing may reach stdout, even when the call is the first import "
        "of `this` in the process"
    )
    assert got == _expected_aphorisms(), "zen_aphorisms(): the aphorisms decoded from this.s"


def test_fresh_process_prints_nothing() -> None:
    zen.zen_aphorisms()
    env = {**os.environ, "PYTHONPATH": _source_root()}
    proc = subprocess.run(
        [sys.executable, "-c", "import day1.zen; day1.zen.zen_aphorisms()"],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert proc.stdout == "", (
        "neither `import day1.zen` nor the first zen_aphorisms() call in a fresh process may "
        "print anything"
    )
    assert proc.returncode == 0, f"importing day1.zen and calling zen_aphorisms() failed:\n{proc.stderr}"


@pytest.mark.parametrize("word", TRUE_WORDS + FALSE_WORDS)
def test_documented_spellings(word: str) -> None:
    want = word in TRUE_WORDS
    for text in (word, word.upper(), word.title(), f"  {word}\n", f"\t{word.upper()} "):
        got = zen.parse_flag(text)
        assert got is want, (
            f"parse_flag({text!r}): {word!r} means {want}, whatever its case and surrounding "
            "whitespace"
        )


def _check_rejected(text: str) -> None:
    try:
        got = zen.parse_flag(text)
    except ValueError as err:
        assert repr(text) in str(err), (
            f"parse_flag({text!r}): the ValueError message must contain repr(text) = {text!r}"
        )
    else:
        pytest.fail(
            f"parse_flag({text!r}) must raise ValueError (refuse to guess), but it returned {got!r}"
        )


@pytest.mark.parametrize(
    "text",
    ["", "   ", "y", "n", "t", "f", "2", "-1", "01", "00", "enabled", "t r u e", "nope", "None",
     "truee", "yes!", "on off", "\u200btrue"],
)
def test_everything_else_is_rejected(text: str) -> None:
    _check_rejected(text)


@st.composite
def _near_spellings(draw: st.DrawFn) -> str:
    word = draw(st.sampled_from(TRUE_WORDS + FALSE_WORDS))
    flips = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    cased = "".join(c.upper() if up else c for c, up in zip(word, flips))
    before = draw(st.text(WHITESPACE, max_size=3))
    after = draw(st.text(WHITESPACE, max_size=3))
    noise = draw(st.sampled_from(["", "", "", "x", "s", " 1", "-"]))
    return before + cased + noise + after


@settings(max_examples=80)
@given(st.one_of(st.text(), _near_spellings()))
@example("\u00a0ON\u2003")
@example("Off\r\n")
def test_any_text_is_parsed_or_refused(text: str) -> None:
    word = text.strip().lower()
    if word in TRUE_WORDS or word in FALSE_WORDS:
        got = zen.parse_flag(text)
        want = word in TRUE_WORDS
        assert got is want, f"parse_flag({text!r}): text.strip().lower() is {word!r}, which means {want}"
    else:
        _check_rejected(text)
