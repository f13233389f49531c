"""Grader for day5.open_all: must behave exactly like nested `with` statements.

The oracle is Python itself: every generated scenario runs once through real nested `with`
statements and once through `with open_all(factories) as values:`, and the calls made, what
each __exit__ saw and how the whole thing ended must be the same.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeAlias

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from day5 import open_all


class FactoryError(Exception):
    pass


class EnterError(Exception):
    pass


class ExitError(Exception):
    pass


class BodyError(Exception):
    pass


Factory: TypeAlias = Callable[[], contextlib.AbstractContextManager[str]]


@dataclass(frozen=True)
class Res:
    """What one factory / manager does."""

    factory_raises: bool = False
    enter_raises: bool = False
    exit_does: Literal["return", "suppress", "raise"] = "return"


@dataclass(frozen=True)
class Scenario:
    resources: tuple[Res, ...]
    body_raises: bool = False

    def setup_failure(self) -> int | None:
        return next(
            (i for i, r in enumerate(self.resources) if r.factory_raises or r.enter_raises), None
        )


def label(exc: BaseException | None) -> str | None:
    return None if exc is None else f"{type(exc).__name__}({exc})"


@dataclass
class Recorder:
    events: list[tuple[object, ...]] = field(default_factory=list)

    def factories(self, scenario: Scenario) -> list[Factory]:
        return [self.factory(i, res) for i, res in enumerate(scenario.resources)]

    def factory(self, i: int, res: Res) -> Factory:
        events = self.events

        class Manager:
            def __enter__(self) -> str:
                events.append(("enter", i))
                if res.enter_raises:
                    raise EnterError(i)
                return f"value {i}"

            def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> bool:
                events.append(
                    (
                        "exit",
                        i,
                        label(exc),
                        "with its traceback" if tb is (exc and exc.__traceback__) else tb,
                    )
                )
                if res.exit_does == "raise":
                    raise ExitError(i)
                return res.exit_does == "suppress"

        def make() -> Manager:
            events.append(("factory", i))
            if res.factory_raises:
                raise FactoryError(i)
            return Manager()

        return make

    def body(self, scenario: Scenario, values: object) -> None:
        self.events.append(("block runs with", values))
        if scenario.body_raises:
            raise BodyError("the block")


def nested_with(
    factories: list[Factory], block: Callable[[list[str]], None], values: tuple[str, ...] = ()
) -> None:
    """`with f0() as v0, f1() as v1, ...: block([v0, v1, ...])`, for any number of factories."""
    if not factories:
        block(list(values))
        return
    with factories[0]() as value:
        nested_with(factories[1:], block, (*values, value))


def ending(call: Callable[[], None]) -> str | None:
    """The exception that comes out, as a label; None if none does.

    (Its __context__ chain is not compared: ExitStack does not always rebuild it exactly like
    nested `with` statements do when an __exit__ raises after a clean block.)
    """
    try:
        call()
    except NotImplementedError:
        raise  # the stub: "not started"
    except BaseException as exc:  # noqa: BLE001 — the grader must see everything
        return label(exc)
    return None


def rule(scenario: Scenario) -> str:
    """The spec sentences for this scenario."""
    n = len(scenario.resources)
    k = scenario.setup_failure()
    if k is not None:
        what = "its factory" if scenario.resources[k].factory_raises else "its __enter__"
        sentences = [
            f"manager #{k} failed ({what} raised): managers #{k - 1}..#0 are exited in that "
            f"(reverse) order, each seeing the exception in flight; factories after #{k} are "
            "never called; the exception propagates"
        ]
        exits = scenario.resources[:k]
    else:
        how = "by an exception" if scenario.body_raises else "normally"
        sentences = [
            f"the block ran with the {n} values and ended {how}: managers #{n - 1}..#0 are "
            "exited in that (reverse) order, each seeing the exception in flight (or None)"
        ]
        exits = scenario.resources
    if any(r.exit_does == "suppress" for r in exits):
        sentences.append("an __exit__ returning True suppresses: the ones after it see None")
    if any(r.exit_does == "raise" for r in exits):
        sentences.append(
            "an __exit__ that raises replaces the exception in flight and the remaining "
            "managers are still exited"
        )
    return "; ".join(sentences)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    resources = draw(
        st.lists(
            st.builds(
                Res,
                factory_raises=st.sampled_from([False] * 7 + [True]),
                enter_raises=st.sampled_from([False] * 7 + [True]),
                exit_does=st.sampled_from(["return", "return", "suppress", "raise"]),
            ),
            max_size=5,
        )
    )
    scenario = Scenario(tuple(resources), draw(st.booleans()))
    k = scenario.setup_failure()
    if k is not None:  # suppressing a setup failure is left unspecified
        resources = [
            Res(r.factory_raises, r.enter_raises, "return")
            if i < k and r.exit_does == "suppress"
            else r
            for i, r in enumerate(resources)
        ]
        scenario = Scenario(tuple(resources), scenario.body_raises)
    return scenario


OK = Res()


@given(scenario=scenarios())
@example(scenario=Scenario((OK, OK, OK)))
@example(scenario=Scenario((OK, OK, OK), body_raises=True))
@example(scenario=Scenario(()))
@example(scenario=Scenario((OK, OK, Res(enter_raises=True), OK)))
@example(scenario=Scenario((OK, OK, Res(factory_raises=True), OK)))
@example(scenario=Scenario((OK, Res(exit_does="raise"), OK), body_raises=True))
@example(scenario=Scenario((OK, Res(exit_does="raise"), OK, Res(enter_raises=True))))
@example(scenario=Scenario((OK, Res(exit_does="suppress"), OK), body_raises=True))
@example(scenario=Scenario((Res(exit_does="raise"), Res(exit_does="raise"))))
def test_behaves_like_nested_with(scenario: Scenario) -> None:
    got = Recorder()
    factories = got.factories(scenario)

    def learner() -> None:
        with open_all.open_all(factory for factory in factories) as values:
            got.body(scenario, values)

    got_ending = ending(learner)

    want = Recorder()
    want_ending = ending(
        lambda: nested_with(want.factories(scenario), lambda values: want.body(scenario, values))
    )

    assert got.events == want.events, f"open_all(): calls made, in order — {rule(scenario)}"
    assert got_ending == want_ending, (
        f"open_all(): the exception that comes out (None: none) — {rule(scenario)}"
    )


def test_is_a_contextmanager_generator(tmp_path: Path) -> None:
    paths = [tmp_path / f"{name}.txt" for name in "abc"]
    with open_all.open_all(lambda p=p: open(p, "w") for p in paths) as files:
        assert [f.name for f in files] == [str(p) for p in paths], (
            "open_all(): the block gets the values of __enter__ (here: the open files), in order"
        )
        assert not any(f.closed for f in files), "open_all(): the files are open inside the block"
    assert all(f.closed for f in files), "open_all(): every file is closed after the block"
    cm = open_all.open_all([])
    assert isinstance(cm, contextlib._GeneratorContextManager), (
        "open_all is written as a generator decorated with @contextlib.contextmanager"
    )
    assert inspect.isgeneratorfunction(inspect.unwrap(open_all.open_all)), (
        "open_all is written as a generator decorated with @contextlib.contextmanager"
    )
