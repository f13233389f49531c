"""Grader for day3.keyword_api: the prescribed signature, the TypeErrors misuse raises, the Request."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day3 import keyword_api as kata
from day3.keyword_api import Request

SIGNATURE = "build_request(method, url, /, body=None, *, timeout, retries=0, headers=None)"

P = inspect.Parameter
REQUIRED = "(required)"
WANT_PARAMETERS = [
    ("method", "positional-only", REQUIRED),
    ("url", "positional-only", REQUIRED),
    ("body", "positional or keyword", None),
    ("timeout", "keyword-only", REQUIRED),
    ("retries", "keyword-only", 0),
    ("headers", "keyword-only", None),
]


def raised_by(call: Callable[[], object]) -> str:
    """The name of the exception ``call()`` raises, or "nothing raised"."""
    try:
        call()
    except NotImplementedError:
        raise
    except Exception as exc:  # any exception: show the learner which one
        return type(exc).__name__
    return "nothing raised"


def a_valid_call() -> Request:
    """Every test starts by calling the learner's function the way the spec allows."""
    return kata.build_request("GET", "/health", timeout=1.0)


def test_builds_the_request() -> None:
    got = kata.build_request("post", "/users", b"{}", timeout=2.5, retries=3, headers={"A": "1"})
    assert got == Request("POST", "/users", b"{}", 2.5, 3, {"A": "1"}), (
        "build_request(): stores method upper-cased and url, body, timeout, retries, headers as given"
    )
    assert kata.build_request("GET", "/", timeout=1) == Request("GET", "/", None, 1, 0, {}), (
        "build_request(): body defaults to None, retries to 0, headers to {}"
    )


def test_falsy_values_are_stored_as_given() -> None:
    got = kata.build_request("POST", "", b"", timeout=1.0)
    assert (got.url, got.body) == ("", b""), (
        "build_request(): url and body are stored as given -- an empty body b'' stays b'', "
        "it is not None"
    )
    caller_headers: dict[str, str] = {}
    request = kata.build_request("GET", "/", timeout=1.0, headers=caller_headers)
    caller_headers["Late"] = "1"
    assert request.headers == {}, (
        "build_request(): headers are copied into a new dict owned by the request, an empty "
        "one too -- changing the caller's dict later does not change the request"
    )


def test_body_by_position_or_by_keyword() -> None:
    by_position = kata.build_request("PUT", "/x", b"data", timeout=1.0)
    by_keyword = kata.build_request("PUT", "/x", body=b"data", timeout=1.0)
    assert [by_position.body, by_keyword.body] == [b"data", b"data"], (
        "build_request(): body is positional-or-keyword — it can be passed either way"
    )


def test_signature_is_exactly_the_prescribed_one() -> None:
    a_valid_call()
    got = [
        (p.name, p.kind.description, REQUIRED if p.default is P.empty else p.default)
        for p in inspect.signature(kata.build_request).parameters.values()
    ]
    assert got == WANT_PARAMETERS, (
        f"build_request(): the signature is exactly {SIGNATURE} — names, order, kinds, defaults"
    )


MISUSE: dict[str, Callable[[], Any]] = {
    "method passed by keyword (it is positional-only)": lambda: kata.build_request(
        method="GET", url="/", timeout=1.0
    ),
    "url passed by keyword (it is positional-only)": lambda: kata.build_request(
        "GET", url="/", timeout=1.0
    ),
    "timeout passed positionally (it is keyword-only)": lambda: kata.build_request(
        "GET", "/", None, 1.0
    ),
    "retries passed positionally (it is keyword-only)": lambda: kata.build_request(
        "GET", "/", None, 1.0, 2
    ),
    "timeout missing (it is required)": lambda: kata.build_request("GET", "/"),
    "timeout missing, body given": lambda: kata.build_request("GET", "/", b"x"),
    "an unknown keyword argument": lambda: kata.build_request(
        "GET", "/", timeout=1.0, verify=False
    ),
    "url missing": lambda: kata.build_request("GET", timeout=1.0),
}


@pytest.mark.parametrize("misuse", list(MISUSE))
def test_misuse_raises_type_error(misuse: str) -> None:
    a_valid_call()
    assert raised_by(MISUSE[misuse]) == "TypeError", f"build_request(): {misuse} must raise TypeError"


@settings(max_examples=50)  # a small input space: 50 cases find every bug here
@given(timeout=st.floats(min_value=0, exclude_min=True, allow_infinity=False))
@example(timeout=1e-9)
def test_any_positive_timeout_is_accepted(timeout: float) -> None:
    got = kata.build_request("GET", "/", timeout=timeout).timeout
    assert got == timeout, "build_request(): any timeout greater than 0 is accepted and stored"


@settings(max_examples=50)  # a small input space: 50 cases find every bug here
@given(timeout=st.floats(max_value=0, allow_nan=False, allow_infinity=False))
@example(timeout=0.0)
@example(timeout=-0.0)
def test_non_positive_timeout_raises_value_error(timeout: float) -> None:
    a_valid_call()
    got = raised_by(lambda: kata.build_request("GET", "/", timeout=timeout))
    assert got == "ValueError", "build_request(): timeout must be > 0, else ValueError"


def test_nan_timeout_raises_value_error() -> None:
    a_valid_call()
    got = raised_by(lambda: kata.build_request("GET", "/", timeout=float("nan")))
    assert got == "ValueError", (
        "build_request(): NaN is not greater than 0, so timeout=float('nan') raises ValueError"
    )


def test_infinite_timeout_is_accepted() -> None:
    got = kata.build_request("GET", "/", timeout=float("inf")).timeout
    assert got == float("inf"), "build_request(): timeout=float('inf') is accepted and stored"


@settings(max_examples=50)  # a small input space: 50 cases find every bug here
@given(retries=st.integers(min_value=-1000, max_value=1000))
@example(retries=0)
@example(retries=-1)
def test_retries_must_not_be_negative(retries: int) -> None:
    a_valid_call()
    if retries >= 0:
        got = kata.build_request("GET", "/", timeout=1.0, retries=retries).retries
        assert got == retries, "build_request(): retries of 0 or more is accepted and stored"
    else:
        raised = raised_by(lambda: kata.build_request("GET", "/", timeout=1.0, retries=retries))
        assert raised == "ValueError", "build_request(): retries below 0 raises ValueError"


def test_headers_are_copied_per_request() -> None:
    caller_headers = {"Accept": "text/plain"}
    request = kata.build_request("GET", "/", timeout=1.0, headers=caller_headers)
    caller_headers["Accept"] = "changed"
    assert request.headers == {"Accept": "text/plain"}, (
        "build_request(): headers are copied — changing the caller's dict later does not "
        "change the request"
    )
    first = kata.build_request("GET", "/", timeout=1.0)
    first.headers["X-Trace"] = "1"
    second = kata.build_request("GET", "/", timeout=1.0)
    assert second.headers == {}, (
        "build_request(): every request gets its own headers dict (no shared default)"
    )
