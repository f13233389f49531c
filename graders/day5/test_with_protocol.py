"""Grader for day5.with_protocol: run_with must behave exactly like a real `with` statement.

The oracle is the `with` statement itself: every generated scenario runs once through
`with cm as value: body(value)` and once through the learner's run_with, and the calls made and
the way each run ends must be the same.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field

from hypothesis import example, given
from hypothesis import strategies as st

from day5 import with_protocol


class Shutdown(BaseException):
    """Stands in for KeyboardInterrupt: a BaseException that is not an Exception."""


class EnterError(Exception):
    pass


class ExitError(Exception):
    pass


TRUTHY_AND_FALSY = [None, False, True, 0, 1, "", "yes", (), (0,)]


@dataclass(frozen=True)
class Plan:
    """One scenario: what the manager and the body do."""

    missing: str | None = None  # "__enter__" or "__exit__": the type lacks it
    enter_raises: bool = False
    body_raises: type[BaseException] | None = None
    exit_returns: object = None
    exit_raises: bool = False
    instance_methods: bool = False  # the instance also has (ignored) __enter__/__exit__


@dataclass
class Run:
    events: list[tuple[object, ...]] = field(default_factory=list)
    body_exc: BaseException | None = None


def scenario(plan: Plan, run: Run) -> tuple[object, Callable[[object], str]]:
    token = object()
    manager: object = None

    def __enter__(self: object) -> object:
        run.events.append(("__enter__ called on cm", self is manager))
        if plan.enter_raises:
            raise EnterError("raised by __enter__")
        return token

    def __exit__(self: object, exc_type: object, exc: BaseException | None, tb: object) -> object:
        run.events.append(
            (
                "__exit__ called on cm",
                self is manager,
                getattr(exc_type, "__name__", exc_type),
                "the body's exception" if exc is not None and exc is run.body_exc else exc,
                "its traceback" if exc is not None and tb is exc.__traceback__ else tb,
            )
        )
        if plan.exit_raises:
            raise ExitError("raised by __exit__")
        return plan.exit_returns

    namespace: dict[str, object] = {"__enter__": __enter__, "__exit__": __exit__}
    if plan.missing:
        del namespace[plan.missing]
    manager = type("Manager", (), namespace)()
    if plan.instance_methods:  # a `with` statement ignores these
        vars(manager)["__enter__"] = lambda: run.events.append(("the instance's __enter__",))
        vars(manager)["__exit__"] = lambda *a: run.events.append(("the instance's __exit__",))

    def body(value: object) -> str:
        run.events.append(("body called with __enter__'s value", value is token))
        if plan.body_raises is not None:
            run.body_exc = plan.body_raises("raised by the body")
            raise run.body_exc
        return "the body's result"

    return manager, body


def with_statement(cm: object, body: Callable[[object], str]) -> str | None:
    with cm as value:  # type: ignore[attr-defined]
        return body(value)
    return None


def ending(run: Run, call: Callable[[], object]) -> tuple[object, ...]:
    try:
        result = call()
    except NotImplementedError:
        raise  # the stub: "not started"
    except TypeError as exc:
        if not run.events:
            return ("raised TypeError",)
        return ("raised", type(exc).__name__, str(exc))
    except BaseException as exc:  # noqa: BLE001 — the grader must see everything
        context = exc.__context__
        return (
            "raised",
            type(exc).__name__,
            "the body's exception itself" if exc is run.body_exc else str(exc),
            "__context__:",
            "the body's exception" if context is not None and context is run.body_exc else context,
        )
    return ("returned", result)


def rule(plan: Plan) -> str:
    """The spec sentence for this scenario."""
    lookup = (
        "__enter__/__exit__ are looked up on type(cm) (the instance's own are ignored); "
        if plan.instance_methods
        else ""
    )
    if plan.missing:
        return f"{lookup}type(cm) has no {plan.missing}: raise TypeError before calling anything"
    if plan.enter_raises:
        return f"{lookup}__enter__ raised: its exception propagates and __exit__ is not called"
    if plan.body_raises is None:
        what = (
            "__exit__'s exception propagates"
            if plan.exit_raises
            else "its result is ignored and the body's result is returned"
        )
        return (
            f"{lookup}the body gets __enter__'s value; it returned, so __exit__(None, None, None) "
            f"is called and {what}"
        )
    name = plan.body_raises.__name__
    if plan.exit_raises:
        return (
            f"{lookup}the body raised {name}: __exit__(type(exc), exc, exc.__traceback__) is "
            "called; it raised, so its exception propagates with the body's exception as "
            "__context__"
        )
    verdict = (
        "truthy, so the exception is suppressed and run_with returns None"
        if plan.exit_returns
        else "falsy, so the body's exception itself propagates"
    )
    return (
        f"{lookup}the body raised {name}: __exit__(type(exc), exc, exc.__traceback__) is called; "
        f"it returned {plan.exit_returns!r}, which is {verdict}"
    )


plans = st.builds(
    Plan,
    missing=st.sampled_from([None, None, None, None, "__enter__", "__exit__"]),
    enter_raises=st.booleans(),
    body_raises=st.sampled_from([None, ValueError, LookupError, Shutdown]),
    exit_returns=st.sampled_from(TRUTHY_AND_FALSY),
    exit_raises=st.sampled_from([False, False, False, True]),
    instance_methods=st.booleans(),
)


@given(plan=plans)
@example(plan=Plan())
@example(plan=Plan(enter_raises=True))
@example(plan=Plan(body_raises=ValueError, exit_returns=None))
@example(plan=Plan(body_raises=ValueError, exit_returns=True))
@example(plan=Plan(body_raises=ValueError, exit_returns="yes"))
@example(plan=Plan(body_raises=ValueError, exit_returns=1))
@example(plan=Plan(body_raises=ValueError, exit_returns=0))
@example(plan=Plan(body_raises=Shutdown, exit_returns=False))
@example(plan=Plan(body_raises=Shutdown, exit_returns=True))
@example(plan=Plan(body_raises=ValueError, exit_raises=True))
@example(plan=Plan(exit_raises=True))
@example(plan=Plan(exit_returns=True))
@example(plan=Plan(missing="__exit__"))
@example(plan=Plan(missing="__enter__"))
@example(plan=Plan(instance_methods=True))
@example(plan=Plan(body_raises=ValueError, instance_methods=True))
def test_behaves_like_the_with_statement(plan: Plan) -> None:
    got_run = Run()
    cm, body = scenario(plan, got_run)
    got = ending(got_run, lambda: with_protocol.run_with(cm, body))  # type: ignore[arg-type]

    want_run = Run()
    cm, body = scenario(plan, want_run)
    want = ending(want_run, lambda: with_statement(cm, body))

    assert got_run.events == want_run.events, f"run_with(): calls made, in order — {rule(plan)}"
    assert got == want, f"run_with(): how it ends — {rule(plan)}"


def test_no_with_statement() -> None:
    got = with_protocol.run_with(nullcontext("value"), lambda value: value.upper())
    assert got == "VALUE", "run_with(): returns what the body returns"
    tree = ast.parse(inspect.getsource(with_protocol))
    withs = [node.lineno for node in ast.walk(tree) if isinstance(node, (ast.With, ast.AsyncWith))]
    assert withs == [], "with_protocol: no `with` statement anywhere in the module (lines listed)"
