"""Grader for interview.exception_design: the hierarchy by behaviour (the grader's own retry
helper must retry exactly the retryable errors), translation and chaining, a batch in an
ExceptionGroup split with ``except*``, predictions run from the grader's own snippets, and the
learner's fixed line run inside the grader's own copy of the retry listing."""

from __future__ import annotations

import builtins
import contextlib
import copy
import io
import pickle
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview import exception_design as kata

SNIPPETS: dict[str, tuple[str, str]] = {
    "implicit_context": (
        "what does raising inside an except block record, without any 'from'?",
        """\
def run():
    try:
        {}["card"]
    except KeyError:
        raise ValueError("bad card")

try:
    run()
except ValueError as err:
    print(repr(err.__cause__), repr(err.__context__), err.__suppress_context__)
""",
    ),
    "explicit_cause": (
        "what does 'raise ... from low' set, and what does it suppress?",
        """\
def run():
    try:
        int("x")
    except ValueError as low:
        raise LookupError("no such card") from low

try:
    run()
except LookupError as err:
    print(type(err.__cause__).__name__, err.__cause__ is err.__context__, err.__suppress_context__)
""",
    ),
    "from_none": (
        "does 'from None' erase the context, or only hide it?",
        """\
def run():
    try:
        {}["card"]
    except KeyError:
        raise ValueError("bad card") from None

try:
    run()
except ValueError as err:
    print(repr(err.__cause__), repr(err.__context__), err.__suppress_context__)
""",
    ),
    "raised_after_the_handler": (
        "is anything being handled once the except block has ended?",
        """\
def run():
    try:
        {}["card"]
    except KeyError:
        pass
    raise ValueError("bad card")

try:
    run()
except ValueError as err:
    print(repr(err.__context__))
""",
    ),
    "finally_replaces": (
        "what happens to the exception in flight when finally raises another?",
        """\
def run():
    try:
        raise KeyError("card")
    finally:
        raise ValueError("cleanup failed")

try:
    run()
except Exception as err:
    print(type(err).__name__, repr(err.__context__))
""",
    ),
}

LISTING = """\
def charge_with_retry(charge, attempts=3):
    for attempt in range(attempts):
        try:
            return charge()
        except BaseException:
            if attempt == attempts - 1:
                raise
"""


def retry(call: Callable[[], str], attempts: int = 3) -> tuple[str, int]:
    """The grader's retry helper, as a caller of the service would write it."""
    for attempt in range(1, attempts + 1):
        try:
            return call(), attempt
        except kata.RetryableError:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")


def make_errors() -> list[tuple[kata.PaymentError, str, dict[str, Any]]]:
    return [
        (kata.GatewayUnavailable("connection refused"), "gateway unavailable: connection refused",
         {"reason": "connection refused", "retry_after": None}),
        (kata.RateLimited(2.5), "rate limited: retry after 2.5 s", {"retry_after": 2.5}),
        (kata.RateLimited(30), "rate limited: retry after 30 s", {"retry_after": 30}),
        (kata.CardDeclined("insufficient_funds"), "card declined: insufficient_funds",
         {"decline_code": "insufficient_funds"}),
        (kata.InvalidRequest("amount", "must be positive"), "invalid request: amount: must be positive",
         {"field": "amount", "problem": "must be positive"}),
    ]  # fmt: skip


class Gateway:
    """send(): answers from a script, one item per call (an exception is raised)."""

    def __init__(self, *script: kata.Response | BaseException) -> None:
        self.script = list(script)
        self.calls = 0

    def __call__(self, payment_id: str) -> kata.Response:
        self.calls += 1
        item = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(item, BaseException):
            raise item
        return item


OK = kata.Response(200, {"charge_id": "ch_1"})


def raised(call: Callable[[], object]) -> BaseException | None:
    """What call() raised (None if it returned); an untouched stub's NotImplementedError passes through."""
    try:
        call()
    except NotImplementedError:
        raise
    except BaseException as exc:  # noqa: BLE001 - KeyboardInterrupt included: it is what is checked
        return exc
    return None


# ----------------------------------------------------------------------------- the hierarchy


def test_errors_carry_data_and_a_stable_str() -> None:
    """Each error keeps its arguments as attributes; str is exactly the spec's text."""
    for err, text, attributes in make_errors():
        name = type(err).__name__
        assert str(err) == text, f"{name}: str(err) is the spec's text"
        for attribute, value in attributes.items():
            assert getattr(err, attribute, "<missing>") == value, f"{name}: keeps {attribute} as an attribute"


def test_errors_survive_pickle_and_copy() -> None:
    """A copy (pickle, copy.copy) has the same class, attributes and str."""
    for err, text, attributes in make_errors():
        name = type(err).__name__
        for how, clone in (("pickle", lambda e: pickle.loads(pickle.dumps(e))), ("copy.copy", copy.copy)):
            try:
                twin = clone(err)
            except Exception as exc:  # noqa: BLE001
                raise AssertionError(f"{name}: {how} of the error fails ({type(exc).__name__}: {exc})") from None
            assert type(twin) is type(err), f"{name}: a {how} copy has the same class"
            assert str(twin) == text, f"{name}: a {how} copy has the same str"
            for attribute, value in attributes.items():
                assert getattr(twin, attribute, "<missing>") == value, f"{name}: a {how} copy keeps {attribute}"


def test_retryable_and_fatal_are_told_apart_by_class() -> None:
    """Retryable errors are RetryableError, fatal ones FatalError, all of them PaymentError."""
    errors = make_errors()
    for err, _, _ in errors:
        assert isinstance(err, kata.PaymentError), f"{type(err).__name__}: except PaymentError catches it"
        assert isinstance(err, Exception), f"{type(err).__name__}: an Exception, not a bare BaseException"
    kinds = {type(err).__name__: (isinstance(err, kata.RetryableError), isinstance(err, kata.FatalError)) for err, _, _ in errors}
    assert kinds == {
        "GatewayUnavailable": (True, False),
        "RateLimited": (True, False),
        "CardDeclined": (False, True),
        "InvalidRequest": (False, True),
    }, "the hierarchy: gateway and rate-limit errors are retryable, declines and bad requests fatal"


def test_no_builtin_exception_is_shadowed() -> None:
    kata.GatewayUnavailable("x")
    shadowed = sorted(
        name for name, value in vars(kata).items()
        if isinstance(value, type) and issubclass(value, BaseException) and hasattr(builtins, name)
    )  # fmt: skip
    assert shadowed == [], "no class of the module is named like a built-in exception"


# ----------------------------------------------------------------------------- charge


@pytest.mark.parametrize(
    "low", [ConnectionRefusedError("refused"), ConnectionResetError("reset"), TimeoutError("timed out")],
    ids=["refused", "reset", "timeout"],
)
def test_transport_errors_become_gateway_unavailable_from_the_original(low: OSError) -> None:
    with pytest.raises(kata.PaymentError) as caught:
        kata.charge(Gateway(low), "p1")
    err = caught.value
    assert isinstance(err, kata.GatewayUnavailable), "charge(): a ConnectionError/TimeoutError becomes GatewayUnavailable"
    assert err.__cause__ is low, "charge(): raise GatewayUnavailable(...) from err: __cause__ is the original error"
    assert str(err) == f"gateway unavailable: {low}", "charge(): GatewayUnavailable(str(err))"


def test_the_retry_helper_retries_exactly_the_retryable() -> None:
    """The caller's retry helper: transient failures are retried, fatal ones raised at once."""
    gateway = Gateway(ConnectionResetError("reset"), kata.Response(503, {}), kata.Response(429, {"retry_after": "0.5"}), OK)
    got = retry(lambda: kata.charge(gateway, "p1"), attempts=4)
    assert got == ("ch_1", 4), "charge(): a reset, a 503 and a 429 are retryable: the 4th attempt succeeds"
    for response, kind in (
        (kata.Response(402, {"decline_code": "stolen_card"}), kata.CardDeclined),
        (kata.Response(400, {"field": "currency", "problem": "unknown"}), kata.InvalidRequest),
        (kata.Response(418, {}), kata.PaymentError),
    ):
        gateway = Gateway(response, OK)
        with pytest.raises(kata.PaymentError) as caught:
            retry(lambda: kata.charge(gateway, "p1"))
        assert type(caught.value) is kind, f"charge(): status {response.status} raises {kind.__name__}"
        assert gateway.calls == 1, f"charge(): status {response.status} is not retried"
        assert caught.value.__cause__ is None and caught.value.__context__ is None, (
            "charge(): an error raised for a status has no __cause__ and no __context__"
        )


def test_status_errors_carry_their_data() -> None:
    with pytest.raises(kata.RateLimited) as limited:
        kata.charge(Gateway(kata.Response(429, {"retry_after": "7"})), "p1")
    assert limited.value.retry_after == 7.0, "charge(): 429 gives RateLimited(float(data['retry_after']))"
    with pytest.raises(kata.RateLimited) as default:
        kata.charge(Gateway(kata.Response(429, {})), "p1")
    assert default.value.retry_after == 1.0, "charge(): 429 without retry_after gives RateLimited(1.0)"
    with pytest.raises(kata.GatewayUnavailable) as down:
        kata.charge(Gateway(kata.Response(599, {})), "p1")
    assert str(down.value) == "gateway unavailable: status 599", "charge(): 5xx gives GatewayUnavailable('status <n>')"
    with pytest.raises(kata.CardDeclined) as declined:
        kata.charge(Gateway(kata.Response(402, {"decline_code": "do_not_honor"})), "p1")
    assert declined.value.decline_code == "do_not_honor", "charge(): 402 gives CardDeclined(data['decline_code'])"
    with pytest.raises(kata.PaymentError) as other:
        kata.charge(Gateway(kata.Response(302, {})), "p1")
    assert str(other.value) == "unexpected status 302", "charge(): another status gives PaymentError('unexpected status <n>')"


@pytest.mark.parametrize("bug", [ValueError("bad json"), KeyboardInterrupt(), KeyError("charge_id")], ids=["ValueError", "KeyboardInterrupt", "KeyError"])
def test_other_errors_propagate_unchanged(bug: BaseException) -> None:
    """Anything but a transport error propagates from send unchanged: the very same object."""
    got = raised(lambda: kata.charge(Gateway(bug), "p1"))
    assert got is bug, "charge(): an error other than ConnectionError/TimeoutError propagates unchanged"


# ----------------------------------------------------------------------------- charge_all, triage


@given(outcomes=st.lists(st.sampled_from(["ok", "declined", "limited", "down"]), max_size=8))
def test_charge_all_collects_payment_failures(outcomes: list[str]) -> None:
    ids = [f"p{i}" for i in range(len(outcomes))]
    made: dict[str, kata.PaymentError] = {}
    tried: list[str] = []

    def charge_one(pid: str) -> str:
        tried.append(pid)
        outcome = outcomes[ids.index(pid)]
        if outcome == "ok":
            return "ch_" + pid
        made[pid] = {"declined": kata.CardDeclined("x"), "limited": kata.RateLimited(1), "down": kata.GatewayUnavailable("y")}[outcome]
        raise made[pid]

    try:
        got = kata.charge_all(ids, charge_one)
    except ExceptionGroup as group:
        assert made, "charge_all(): raises only when some payment failed"
        assert list(group.exceptions) == list(made.values()) and all(
            a is b for a, b in zip(group.exceptions, made.values())
        ), "charge_all(): the group holds the very errors, in the order of payment_ids"
        assert group.message == f"{len(made)} of {len(ids)} payments failed", "charge_all(): the group's message"
        for pid, err in made.items():
            assert f"payment {pid}" in getattr(err, "__notes__", []), "charge_all(): each error gets the note 'payment <id>'"
    else:
        assert not made, "charge_all(): a failed payment makes charge_all raise an ExceptionGroup"
        assert got == {pid: "ch_" + pid for pid in ids}, "charge_all(): {payment_id: charge id}"
    assert tried == ids, "charge_all(): every payment is tried, in order, even after failures"


def test_charge_all_lets_a_bug_propagate_at_once() -> None:
    bug = ZeroDivisionError("oops")
    tried: list[str] = []

    def charge_one(pid: str) -> str:
        tried.append(pid)
        if pid == "b":
            raise bug
        raise kata.CardDeclined("x")

    got = raised(lambda: kata.charge_all(["a", "b", "c"], charge_one))
    assert got is bug, "charge_all(): a non-payment exception propagates unchanged, not in a group"
    assert tried == ["a", "b"], "charge_all(): after a bug no further payment is tried"


def test_triage_splits_nested_groups() -> None:
    down, limited = kata.GatewayUnavailable("a"), kata.RateLimited(2)
    declined, invalid = kata.CardDeclined("b"), kata.InvalidRequest("f", "p")
    group = ExceptionGroup("batch", [declined, ExceptionGroup("retry", [down, invalid]), limited])
    retry_list, fatal_list = kata.triage(group)
    assert [id(e) for e in retry_list] == [id(down), id(limited)], (
        "triage(): the retryable errors themselves, flattened, depth first"
    )
    assert [id(e) for e in fatal_list] == [id(declined), id(invalid)], "triage(): the fatal errors themselves, depth first"


def test_triage_reraises_the_rest() -> None:
    bug, odd = KeyError("k"), kata.PaymentError("unexpected status 302")
    group = ExceptionGroup("batch", [kata.CardDeclined("b"), bug, odd])
    with pytest.raises(BaseExceptionGroup) as caught:
        kata.triage(group)
    rest = caught.value.exceptions
    assert [id(e) for e in rest] == [id(bug), id(odd)], (
        "triage(): what is neither retryable nor fatal is re-raised in a group, as except* does"
    )


# ----------------------------------------------------------------------------- predict


def printed_lines(name: str) -> list[str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(SNIPPETS[name][1], f"<snippet {name}>", "exec"), {"__name__": f"snippet_{name}"})
    return out.getvalue().splitlines()


@pytest.mark.predict
@pytest.mark.parametrize("name", list(SNIPPETS))
def test_prediction(name: str) -> None:
    predicted = kata.predictions()
    assert isinstance(predicted, dict), "predictions(): returns a dict {snippet name: list of lines}"
    got = predicted.get(name)
    if isinstance(got, tuple):
        got = list(got)
    assert got == printed_lines(name), f"snippet {name!r}: the lines it prints — think: {SNIPPETS[name][0]}"


# ----------------------------------------------------------------------------- spot the bug


def fixed_retry() -> Callable[..., Any]:
    answer = kata.spot_the_bug()
    assert isinstance(answer, tuple) and len(answer) == 2, "spot_the_bug(): returns (line number, line)"
    number, line = answer
    lines = LISTING.splitlines()
    assert 1 <= number <= len(lines), "spot_the_bug(): the line number is one of the listing's (1-7)"
    lines[number - 1] = line
    namespace: dict[str, Any] = {"RetryableError": kata.RetryableError, "FatalError": kata.FatalError}
    try:
        exec(compile("\n".join(lines) + "\n", "<the retry listing>", "exec"), namespace)
    except SyntaxError as exc:
        raise AssertionError(f"spot_the_bug(): the listing with your line does not compile: {exc.msg}") from None
    return namespace["charge_with_retry"]  # type: ignore[no-any-return]


class Script:
    def __init__(self, *outcomes: BaseException | str) -> None:
        self.outcomes, self.calls = list(outcomes), 0

    def __call__(self) -> str:
        outcome = self.outcomes[min(self.calls, len(self.outcomes) - 1)]
        self.calls += 1
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


def test_fixed_retry_retries_only_retryable_errors() -> None:
    charge_with_retry = fixed_retry()
    flaky = Script(kata.GatewayUnavailable("a"), kata.RateLimited(1), "ch_1")
    assert charge_with_retry(flaky) == "ch_1" and flaky.calls == 3, "fixed retry: retryable errors are retried"
    down = Script(kata.GatewayUnavailable("a"))
    with pytest.raises(kata.GatewayUnavailable):
        charge_with_retry(down)
    assert down.calls == 3, "fixed retry: attempts calls, then the last retryable error propagates"
    declined = Script(kata.CardDeclined("stolen"), "ch_1")
    with pytest.raises(kata.CardDeclined):
        charge_with_retry(declined)
    assert declined.calls == 1, "fixed retry: a fatal error propagates after one call"


@pytest.mark.parametrize("signal", [KeyboardInterrupt, SystemExit], ids=["KeyboardInterrupt", "SystemExit"])
def test_fixed_retry_lets_base_exceptions_through(signal: type[BaseException]) -> None:
    charge_with_retry = fixed_retry()
    stop = signal()
    script = Script(stop, "ch_1")
    with pytest.raises(signal) as caught:
        charge_with_retry(script)
    assert caught.value is stop and script.calls == 1, f"fixed retry: {signal.__name__} propagates at once, untouched"
