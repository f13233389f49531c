"""Grader for day5.logging_cm: one behavioural contract, run on both implementations.

Every behavioural test is parametrized over the two names, LoggedBlock (class-based) and
logged_block (@contextmanager); two more tests check that each is built the way the spec asks.
The logger is a fresh, unregistered logging.Logger with a capturing handler: the grader never
touches the global logging configuration.
"""

from __future__ import annotations

import contextlib
import inspect
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from day5 import logging_cm

# An explicit alphabet: st.text() over all of Unicode makes Hypothesis build its character map
# on first use, which takes seconds on a fresh machine.
TEXT_ALPHABET = "abcxyz ABC019_-.:%{}\\'\"\t\né中🙂"


class Shutdown(BaseException):
    """Stands in for KeyboardInterrupt: a BaseException that is not an Exception."""


class NotFound(LookupError):
    pass


class MissingUser(NotFound, KeyError):
    pass


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def seen(self) -> list[tuple[str, str, BaseException | None]]:
        """(level, message, exception carried as exc_info) for each record."""
        return [
            (r.levelname, r.getMessage(), r.exc_info[1] if r.exc_info else None)
            for r in self.records
        ]


_ids = itertools.count()


def make_logger() -> tuple[logging.Logger, Capture]:
    logger = logging.Logger(f"day5.logging_cm.grader.{next(_ids)}")  # not registered globally
    logger.propagate = False
    capture = Capture()
    logger.addHandler(capture)
    return logger, capture


IMPLEMENTATIONS = ["LoggedBlock", "logged_block"]


@pytest.fixture(scope="module", params=IMPLEMENTATIONS)
def impl_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def impl(name: str) -> Callable[..., contextlib.AbstractContextManager[object]]:
    return getattr(logging_cm, name)  # type: ignore[no-any-return]


@dataclass
class Block:
    """What happened inside and after one `with` statement."""

    entered: list[tuple[str, str, BaseException | None]] = field(default_factory=list)
    bound: object = "nothing bound"
    body_runs: int = 0
    after: bool = False
    escaped: BaseException | None = None


def run_block(
    factory: Callable[..., contextlib.AbstractContextManager[object]],
    name: str,
    logger: logging.Logger,
    capture: Capture,
    exc: BaseException | None,
    suppress: tuple[type[BaseException], ...] | None,
) -> Block:
    block = Block()
    kwargs = {} if suppress is None else {"suppress": suppress}
    cm = factory(name, logger, **kwargs)
    try:
        with cm as bound:
            block.bound = bound
            block.entered = capture.seen()
            block.body_runs += 1
            if exc is not None:
                raise exc
        block.after = True
    except NotImplementedError:
        raise  # the stub: "not started"
    except BaseException as escaped:  # noqa: BLE001 — the grader must see everything
        block.escaped = escaped
    return block


EXCEPTIONS = [
    ValueError, KeyError, NotFound, MissingUser, RuntimeError, Shutdown, KeyboardInterrupt
]
SUPPRESSIBLE = [ValueError, LookupError, KeyError, NotFound, Shutdown, OSError]


@given(
    name=st.text(alphabet=TEXT_ALPHABET, max_size=12),
    exc_type=st.sampled_from([None, None, *EXCEPTIONS]),
    suppress=st.one_of(
        st.none(), st.lists(st.sampled_from(SUPPRESSIBLE), max_size=3, unique=True).map(tuple)
    ),
)
@example(name="sync", exc_type=None, suppress=None)
@example(name="sync", exc_type=ValueError, suppress=None)
@example(name="sync", exc_type=ValueError, suppress=(ValueError,))
@example(name="sync", exc_type=ValueError, suppress=(KeyError,))
@example(name="sync", exc_type=MissingUser, suppress=(LookupError,))
@example(name="sync", exc_type=KeyboardInterrupt, suppress=None)
@example(name="sync", exc_type=Shutdown, suppress=(Shutdown,))
@example(name="50% done", exc_type=None, suppress=())
def test_logs_and_propagation(
    impl_name: str,
    name: str,
    exc_type: type[BaseException] | None,
    suppress: tuple[type[BaseException], ...] | None,
) -> None:
    logger, capture = make_logger()
    exc = None if exc_type is None else exc_type("raised in the block")
    block = run_block(impl(impl_name), name, logger, capture, exc, suppress)

    enter = ("INFO", f"enter {name}", None)
    assert block.entered == [enter], (
        f"{impl_name}: on entry, before the block runs, exactly one INFO record 'enter <name>'"
    )
    assert block.body_runs == 1, f"{impl_name}: the block runs once"
    assert block.bound is None, f"{impl_name}: the value bound by `as` is None"

    if exc is None:
        assert capture.seen() == [enter, ("INFO", f"exit {name}", None)], (
            f"{impl_name}: a block that completes logs INFO 'exit <name>' on exit, nothing else"
        )
        assert block.escaped is None and block.after, (
            f"{impl_name}: a block that completes raises nothing"
        )
        return

    kind = type(exc).__name__
    if isinstance(exc, suppress or ()):
        assert capture.seen() == [enter, ("WARNING", f"exit {name}: suppressed {kind}", exc)], (
            f"{impl_name}: {kind} is an instance of a `suppress` class, so on exit one WARNING "
            "record 'exit <name>: suppressed <ExcType>' is logged, with the exception as exc_info"
        )
        assert block.escaped is None and block.after, (
            f"{impl_name}: {kind} is an instance of a `suppress` class (subclasses included), so "
            "it is suppressed and execution continues after the with statement"
        )
    else:
        assert capture.seen() == [enter, ("ERROR", f"exit {name}: raised {kind}", exc)], (
            f"{impl_name}: the block raised {kind}, not in `suppress`, so on exit one ERROR record "
            "'exit <name>: raised <ExcType>' is logged, with the exception as exc_info (any "
            "exception counts, KeyboardInterrupt included)"
        )
        assert block.escaped is exc, (
            f"{impl_name}: {kind} is not in `suppress`, so the very same exception object must "
            "propagate out of the with statement"
        )


def test_no_logging_configuration(impl_name: str) -> None:
    logger, capture = make_logger()
    root = logging.getLogger()
    before = (list(root.handlers), root.level, logger.level, list(logger.handlers))
    run_block(impl(impl_name), "quiet", logger, capture, ValueError("x"), (ValueError,))
    run_block(impl(impl_name), "quiet", logger, capture, None, None)
    after = (list(root.handlers), root.level, logger.level, list(logger.handlers))
    assert after == before, (
        f"{impl_name}: logs to the logger given without configuring logging (no basicConfig, "
        "no handlers, no levels)"
    )
    assert len(capture.records) == 4, f"{impl_name}: all the records go to the logger given"


def test_nested_blocks(impl_name: str) -> None:
    logger, capture = make_logger()
    factory = impl(impl_name)
    exc = KeyError("user 42")
    with factory("outer", logger, suppress=(LookupError,)):
        with factory("inner", logger):
            raise exc
    assert capture.seen() == [
        ("INFO", "enter outer", None),
        ("INFO", "enter inner", None),
        ("ERROR", "exit inner: raised KeyError", exc),
        ("WARNING", "exit outer: suppressed KeyError", exc),
    ], f"{impl_name}: nested blocks: the inner one logs and re-raises, the outer one suppresses"


def test_class_based_is_a_class_with_enter_and_exit() -> None:
    logger, capture = make_logger()
    cms = [logging_cm.LoggedBlock("probe", logger, suppress=(ValueError,)) for _ in range(3)]
    cls = logging_cm.LoggedBlock
    assert inspect.isclass(cls), "LoggedBlock is a class"
    assert callable(getattr(cls, "__enter__", None)) and callable(getattr(cls, "__exit__", None)), (
        "LoggedBlock defines __enter__ and __exit__"
    )
    assert not isinstance(cms[0], contextlib._GeneratorContextManager), (
        "LoggedBlock implements __enter__/__exit__ itself (not via @contextmanager)"
    )
    # The suppression rule, by hand: what __exit__ returns decides; truthy suppresses.
    for cm in cms:
        cm.__enter__()
    handled, other = ValueError("handled"), KeyError("not handled")
    assert bool(cms[0].__exit__(ValueError, handled, None)) is True, (
        "LoggedBlock.__exit__ returns a truthy value for an exception in `suppress`"
    )
    assert bool(cms[1].__exit__(KeyError, other, None)) is False, (
        "LoggedBlock.__exit__ returns a falsy value for an exception not in `suppress`"
    )
    assert bool(cms[2].__exit__(None, None, None)) is False, (
        "LoggedBlock.__exit__ returns a falsy value when the block completed"
    )


def test_generator_based_uses_contextmanager() -> None:
    logger, capture = make_logger()
    cm = logging_cm.logged_block("probe", logger)
    assert isinstance(cm, contextlib._GeneratorContextManager), (
        "logged_block is a generator function decorated with @contextlib.contextmanager"
    )
    assert inspect.isgeneratorfunction(inspect.unwrap(logging_cm.logged_block)), (
        "logged_block is a generator function decorated with @contextlib.contextmanager"
    )
