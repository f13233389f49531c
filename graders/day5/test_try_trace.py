"""Grader for day5.try_trace: each prediction must match what the snippet really does."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import pytest

from day5 import try_trace

# The grader's own copy of the snippets: what is graded is what these do.
SNIPPETS: dict[str, str] = {
    "completes": """
def snippet(log):
    try:
        log.append("try")
    except ValueError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    log.append("after")
    return "end"
""",
    "handled": """
def snippet(log):
    try:
        log.append("try")
        raise ValueError("bad input")
        log.append("rest of try")
    except ValueError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    log.append("after")
    return "end"
""",
    "not_handled": """
def snippet(log):
    try:
        log.append("try")
        raise KeyError("missing")
    except ValueError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    log.append("after")
    return "end"
""",
    "return_in_try": """
def snippet(log):
    try:
        log.append("try")
        return "from try"
    except ValueError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    log.append("after")
    return "end"
""",
    "raise_in_else": """
def snippet(log):
    try:
        log.append("try")
    except ValueError:
        log.append("except")
    else:
        log.append("else")
        raise ValueError("raised in else")
    finally:
        log.append("finally")
    log.append("after")
    return "end"
""",
    "raise_in_except": """
def snippet(log):
    try:
        log.append("try")
        raise ValueError("bad input")
    except ValueError:
        log.append("except")
        raise LookupError("raised while handling")
    except LookupError:
        log.append("second except")
    finally:
        log.append("finally")
    log.append("after")
    return "end"
""",
    "return_value_first": """
def snippet(log):
    def value(text):
        log.append(text)
        return text

    try:
        return value("return expression")
    finally:
        log.append("finally")
""",
    "return_in_finally": """
def snippet(log):
    try:
        log.append("try")
        return "from try"
    finally:
        log.append("finally")
        return "from finally"
""",
    "finally_return_swallows": """
def snippet(log):
    try:
        log.append("try")
        raise KeyError("missing")
    finally:
        log.append("finally")
        return "from finally"
""",
    "nested": """
def snippet(log):
    try:
        try:
            log.append("inner try")
            raise ValueError("bad input")
        except KeyError:
            log.append("inner except")
        finally:
            log.append("inner finally")
        log.append("after inner")
    except ValueError:
        log.append("outer except")
    finally:
        log.append("outer finally")
    return "end"
""",
}


@dataclass(frozen=True)
class Actual:
    steps: tuple[str, ...]
    returns: object
    raises: type[BaseException] | None


def run(name: str) -> Actual:
    namespace: dict[str, object] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # 3.14+ warns about return in finally
        exec(compile(SNIPPETS[name], f"<snippet {name}>", "exec"), namespace)
    snippet = namespace["snippet"]
    assert callable(snippet)
    log: list[str] = []
    try:
        returned = snippet(log)
    except Exception as exc:  # noqa: BLE001
        return Actual(tuple(log), None, type(exc))
    return Actual(tuple(log), returned, None)


def prediction(name: str) -> try_trace.Outcome:
    predictions = try_trace.predict()
    assert isinstance(predictions, dict), "predict(): returns a dict {snippet name: Outcome}"
    assert name in predictions, f"predict(): the dict has no prediction for snippet {name!r}"
    got = predictions[name]
    for attribute in ("steps", "returns", "raises"):
        assert hasattr(got, attribute), (
            f"predict(): the prediction for {name!r} must be an Outcome(steps=..., returns=..., "
            "raises=...)"
        )
    return got


@pytest.mark.predict
@pytest.mark.parametrize("name", list(SNIPPETS))
def test_prediction(name: str) -> None:
    got = prediction(name)
    want = run(name)
    assert tuple(got.steps) == want.steps, (
        f"snippet {name!r}: steps must be what the snippet leaves in log, in order"
    )
    assert got.raises == want.raises, (
        f"snippet {name!r}: raises must be the class of the exception escaping the call, or "
        "None when it returns normally"
    )
    assert got.returns == want.returns, (
        f"snippet {name!r}: returns must be the value the call returns, or None when it raises"
    )


def test_snippets_left_as_given() -> None:
    predictions = try_trace.predict()
    assert sorted(predictions) == sorted(SNIPPETS), (
        "predict(): one prediction per snippet name, and no other keys"
    )
    assert dict(try_trace.SNIPPETS) == SNIPPETS, (
        "SNIPPETS must stay as given: the grader runs its own copy of them"
    )
