"""Grader for day8.narrowing: None-only checks, Union dispatch, a TypeGuard and an overloaded get.

The type claims (``require`` returns ``T``, the ``TypeGuard``, the overloads) are graded by the
type cases in ``typecases/narrowing.py``; these tests grade the behaviour.
"""

from __future__ import annotations

import string
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day8 import narrowing as kata


def call(rule: str, func: Any, *args: Any) -> Any:
    """Call learner code; an unexpected exception fails with the rule (the stub's propagates)."""
    try:
        return func(*args)
    except NotImplementedError:
        raise
    except Exception as exc:
        pytest.fail(f"{rule} — it raised {type(exc).__name__}: {exc}")


def expect_raises(exc_type: type[Exception], rule: str, func: Any, *args: Any) -> Exception:
    """Call learner code; the stub's NotImplementedError always propagates unchanged."""
    try:
        got = func(*args)
    except NotImplementedError:
        raise
    except exc_type as caught:
        return caught
    except Exception as other:
        pytest.fail(f"{rule} — it raised {type(other).__name__}: {other}")
    pytest.fail(f"{rule} — it returned {got!r}")


any_value = st.one_of(
    st.integers(),
    st.text(max_size=5),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
    st.floats(allow_nan=False),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
)


@settings(max_examples=40)
@given(value=any_value)
@example(value=0)
@example(value="")
@example(value=[])
@example(value=False)
@example(value=0.0)
def test_require_returns_every_value_that_is_not_none(value: object) -> None:
    rule = (
        "require(): only None counts as missing — any other value, falsy ones (0, '', [], False) "
        "included, is returned as the very same object"
    )
    got = call(rule, kata.require, value, "setting")
    assert got is value, rule


def test_require_raises_value_error_naming_what_is_missing() -> None:
    caught = expect_raises(
        ValueError, "require(None, what): None raises ValueError", kata.require, None, "user id"
    )
    assert str(caught) == "user id is required", (
        "require(None, what): raises ValueError with the message f'{what} is required'"
    )


def test_parse_port_none_gives_the_default() -> None:
    got = kata.parse_port(None)
    assert got == 8080, "parse_port(None): a value that is not configured gives the default, 8080"
    got = kata.parse_port(None, default=9000)
    assert got == 9000, "parse_port(None, default=...): returns the given default as it is"


@settings(max_examples=40)
@given(port=st.integers(min_value=-100, max_value=70_000))
@example(port=0)
@example(port=1)
@example(port=65535)
@example(port=65536)
@example(port=-1)
def test_parse_port_accepts_ints_in_range_only(port: int) -> None:
    if 1 <= port <= 65535:
        rule = "parse_port(int): an int in 1–65535 is the port itself"
        got = call(rule, kata.parse_port, port)
        assert got == port, rule
    else:
        expect_raises(
            ValueError,
            f"parse_port({port}): an int outside 1–65535 raises ValueError",
            kata.parse_port,
            port,
        )


@pytest.mark.parametrize("flag", [True, False])
def test_parse_port_rejects_bool_with_type_error(flag: bool) -> None:
    expect_raises(
        TypeError,
        f"parse_port({flag}): a bool is an int to Python but not a port — TypeError",
        kata.parse_port,
        flag,
    )


@pytest.mark.parametrize(
    "value", [80.0, float("nan"), b"80", [80]], ids=["float", "NaN", "bytes", "list"]
)
def test_parse_port_rejects_other_types_with_type_error(value: object) -> None:
    expect_raises(
        TypeError,
        f"parse_port({value!r}): a type other than str, int or None raises TypeError",
        kata.parse_port,
        value,
    )


def _reference_port(text: str) -> int | None:
    """The spec's rule for strings: strip, ASCII digits only, then the range check."""
    stripped = text.strip()
    if stripped and all(ch in string.digits for ch in stripped):
        port = int(stripped)
        if 1 <= port <= 65535:
            return port
    return None


port_like_text = st.one_of(
    st.integers(min_value=0, max_value=99_999).map(str),
    st.text(alphabet="0123456789 +-_\t\n.x٨²", max_size=7),
    st.tuples(
        st.sampled_from(["", " ", "\t", "  "]),
        st.integers(min_value=1, max_value=65535).map(str),
        st.sampled_from(["", " ", "\n"]),
    ).map("".join),
)


@settings(max_examples=40)
@given(text=port_like_text)
@example(text="8000")
@example(text=" 8000 ")
@example(text="0443")
@example(text="+80")
@example(text="-80")
@example(text="8_0")
@example(text="٨٠")
@example(text="²")
@example(text="")
@example(text="   ")
@example(text="80.0")
@example(text="65536")
def test_parse_port_parses_strings_of_ascii_digits_only(text: str) -> None:
    want = _reference_port(text)
    if want is not None:
        rule = (
            "parse_port(str): surrounding whitespace is stripped, the rest is ASCII digits "
            "(leading zeros allowed) and gives that port"
        )
        got = call(rule, kata.parse_port, text)
        assert got == want, rule
    else:
        expect_raises(
            ValueError,
            f"parse_port({text!r}): a str must be only ASCII digits 0-9 after stripping (no sign, "
            "no underscore, no other digits, not empty) and in 1–65535, otherwise ValueError",
            kata.parse_port,
            text,
        )


mixed = st.one_of(st.text(max_size=3), st.integers(), st.none(), st.binary(max_size=2))


@settings(max_examples=40)
@given(values=st.lists(mixed, max_size=6))
@example(values=[])
@example(values=["a", "b"])
@example(values=["a", 1])
@example(values=[b"a"])
@example(values=[None])
def test_only_strings_is_true_exactly_when_every_element_is_a_str(values: list[object]) -> None:
    before = list(values)
    got = kata.only_strings(values)
    want = all(isinstance(v, str) for v in values)
    assert got == want, (
        "only_strings(): True exactly when every element is a str (an empty list counts)"
    )
    assert isinstance(got, bool), "only_strings(): returns a bool, True or False"
    assert values == before, "only_strings(): the list is not changed"


def test_only_strings_counts_str_subclasses() -> None:
    class Name(str):
        pass

    got = kata.only_strings([Name("ann"), "bob"])
    assert got is True, "only_strings(): an instance of a str subclass is a str"


env_values = st.sampled_from(["", " ", "\t", "x", " x ", "a b", "0", "\n8080\n", "false"])
env_keys = st.sampled_from(["HOST", "PORT", "DEBUG"])


@settings(max_examples=40)
@given(env=st.dictionaries(env_keys, env_values, max_size=3), key=env_keys)
@example(env={"PORT": ""}, key="PORT")
@example(env={"PORT": "0"}, key="PORT")
@example(env={}, key="PORT")
def test_env_get_without_default(env: dict[str, str], key: str) -> None:
    got = kata.env_get(env, key)
    stripped = env.get(key, "").strip()
    want = stripped if stripped else None
    assert got == want, (
        "env_get(env, key): the value stripped of surrounding whitespace; a missing key or a "
        "blank value gives None"
    )


@settings(max_examples=40)
@given(
    env=st.dictionaries(env_keys, env_values, max_size=3),
    key=env_keys,
    default=st.sampled_from(["fallback", "", " padded "]),
)
@example(env={"PORT": "  "}, key="PORT", default="8080")
@example(env={"PORT": "0"}, key="PORT", default="8080")
@example(env={}, key="PORT", default=" padded ")
def test_env_get_with_default(env: dict[str, str], key: str, default: str) -> None:
    got = kata.env_get(env, key, default)
    stripped = env.get(key, "").strip()
    want = stripped if stripped else default
    assert got == want, (
        "env_get(env, key, default): the stripped value when it is set and not blank, "
        "otherwise the default exactly as given"
    )


def test_env_get_reads_any_mapping() -> None:
    got = kata.env_get(MappingProxyType({"HOST": " db "}), "HOST")
    assert got == "db", "env_get(): env is any Mapping[str, str], not only a dict"
