"""Grader for day5.config_loader: hierarchy, chaining, specific catching, messages."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day5 import config_loader


class Shutdown(BaseException):
    """Stands in for KeyboardInterrupt: not an Exception."""


@dataclass
class Recorder:
    """Remembers the exceptions converters raised, to check identity and causes."""

    raised: list[BaseException] = field(default_factory=list)

    def fail(self, exc: BaseException) -> BaseException:
        self.raised.append(exc)
        return exc


class Conv:
    """A named converter; builds the callable that records what it raises."""

    def __init__(self, name: str, func: Callable[[Recorder, object], object]) -> None:
        self.name = name
        self.func = func

    def bind(self, recorder: Recorder) -> Callable[[object], object]:
        def convert(value: object) -> object:
            return self.func(recorder, value)

        convert.__name__ = self.name
        return convert

    def __repr__(self) -> str:
        return self.name


def _as_is(rec: Recorder, value: object) -> object:
    return value


def _port(rec: Recorder, value: object) -> object:
    if not isinstance(value, int) or isinstance(value, bool):
        raise rec.fail(TypeError(f"not an integer: {value!r}"))
    if not 0 < value < 65536:
        raise rec.fail(ValueError(f"out of range: {value}"))
    return value


def _text(rec: Recorder, value: object) -> object:
    if not isinstance(value, str):
        raise rec.fail(TypeError(f"not a string: {value!r}"))
    if not value.strip():
        raise rec.fail(ValueError("empty"))
    return value.strip()


def _flag(rec: Recorder, value: object) -> object:
    if not isinstance(value, bool):
        raise rec.fail(TypeError(f"not a boolean: {value!r}"))
    return value


def _buggy(rec: Recorder, value: object) -> object:
    raise rec.fail(RuntimeError("bug in the converter"))


def _lookup(rec: Recorder, value: object) -> object:
    levels = {"debug": 10, "info": 20}
    if value not in levels:
        raise rec.fail(KeyError(value))  # a LookupError: a converter bug, not "bad value"
    return levels[value]  # type: ignore[index]


def _interrupted(rec: Recorder, value: object) -> object:
    raise rec.fail(Shutdown())


AS_IS, PORT, TEXT, FLAG = GOOD = [
    Conv("as_is", _as_is), Conv("port", _port), Conv("text", _text), Conv("flag", _flag)
]
BUG, LOOKUP, INTERRUPTED = BUGGY = [
    Conv("buggy", _buggy), Conv("lookup", _lookup), Conv("interrupted", _interrupted)
]
KEYS = ["host", "port", "debug", "workers", "name", "level"]

values = st.one_of(
    st.integers(min_value=-5, max_value=70_000),
    st.booleans(),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz .-", max_size=8),
    st.sampled_from(["debug", "info", "", "  "]),
)
LIKELY_GOOD = {
    "port": st.integers(min_value=1, max_value=65_535),
    "text": st.text(alphabet="abcdefghijklmnopqrstuvwxyz.-", min_size=1, max_size=8),
    "flag": st.booleans(),
}
schemas = st.lists(
    st.tuples(st.sampled_from(KEYS), st.sampled_from(GOOD + GOOD + BUGGY)),
    max_size=5,
    unique_by=lambda item: item[0],
)


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, object], list[tuple[str, Conv]]]:
    """A schema, and a file that has most of its keys (mostly good values) plus extra ones."""
    schema = draw(schemas)
    data: dict[str, object] = {}
    for key, conv in schema:
        if draw(st.integers(min_value=0, max_value=7)):  # present 7 times out of 8
            good = LIKELY_GOOD.get(conv.name, values)
            data[key] = draw(st.one_of(good, good, values))
    extra = draw(st.dictionaries(st.sampled_from(KEYS), values, max_size=3))
    return {**extra, **data}, schema


def toml_text(data: dict[str, object]) -> str:
    return "".join(f"{key} = {json.dumps(value)}\n" for key, value in data.items())


def write(path: Path, data: dict[str, object]) -> Path:
    path.write_text(toml_text(data), encoding="utf-8")
    assert tomllib.loads(path.read_text(encoding="utf-8")) == data  # the grader's own sanity
    return path


def load(path: str | Path, schema: dict[str, Callable[[object], object]]) -> object:
    try:
        return config_loader.load_config(path, schema)
    except NotImplementedError:
        raise
    except BaseException as exc:  # noqa: BLE001 — the grader must see everything
        return exc


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("config")


def check_missing(err: object, key: str, path: Path) -> None:
    assert isinstance(err, config_loader.MissingKeyError), (
        f"load_config(): the schema key {key!r} is absent from the file, so MissingKeyError "
        f"must be raised (the first problem, in schema order), got {err!r}"
    )
    assert isinstance(err, config_loader.ConfigError), "MissingKeyError is a ConfigError"
    assert err.key == key, "MissingKeyError.key is the missing key"
    assert err.path == path, "MissingKeyError.path is the config file, as a Path"
    assert repr(key) in str(err), "the MissingKeyError message names the key (as repr(key))"
    assert str(path) in str(err), "the MissingKeyError message names the file (str(path))"


def check_invalid(err: object, key: str, raw: object, path: Path, cause: BaseException) -> None:
    assert isinstance(err, config_loader.InvalidValueError), (
        f"load_config(): the converter for {key!r} raised {type(cause).__name__} on {raw!r}, "
        f"so InvalidValueError must be raised (the first problem, in schema order), got {err!r}"
    )
    assert isinstance(err, config_loader.ConfigError), "InvalidValueError is a ConfigError"
    assert isinstance(err, ValueError), "InvalidValueError is also a ValueError"
    assert err.key == key, "InvalidValueError.key is the key whose value was rejected"
    assert err.value == raw and type(err.value) is type(raw), (
        "InvalidValueError.value is the raw value from the file"
    )
    assert err.path == path, "InvalidValueError.path is the config file, as a Path"
    assert repr(key) in str(err), "the InvalidValueError message names the key (as repr(key))"
    assert str(path) in str(err), "the InvalidValueError message names the file (str(path))"
    assert err.__cause__ is cause, (
        "InvalidValueError must be raised `from` the converter's exception: __cause__ is the "
        "very exception the converter raised"
    )


@settings(max_examples=50)  # each example writes a file
@given(case=cases())
@example(case=({"host": "example.org", "port": 8080}, [("host", TEXT), ("port", PORT)]))
@example(case=({"host": "example.org"}, [("host", TEXT), ("port", PORT)]))
@example(case=({"port": True}, [("port", PORT)]))
@example(case=({"port": 0}, [("port", PORT)]))
@example(case=({"host": " "}, [("host", TEXT)]))
@example(case=({"port": 0, "host": 3}, [("host", TEXT), ("port", PORT)]))
@example(case=({"level": "info"}, [("level", LOOKUP)]))
@example(case=({"level": "loud"}, [("level", LOOKUP)]))
@example(case=({"host": "x"}, [("host", BUG)]))
@example(case=({"host": "x"}, [("host", INTERRUPTED)]))
def test_load_config(
    workdir: Path, case: tuple[dict[str, object], list[tuple[str, Conv]]]
) -> None:
    data, schema = case
    path = write(workdir / "app.toml", data)
    recorder = Recorder()
    got = load(path, {key: conv.bind(recorder) for key, conv in schema})

    # What the spec says must happen: keys in schema order, first problem wins.
    oracle = Recorder()
    want: dict[str, object] = {}
    for key, conv in schema:
        if key not in data:
            check_missing(got, key, path)
            return
        try:
            want[key] = conv.bind(oracle)(data[key])
        except (ValueError, TypeError):
            assert recorder.raised, f"load_config(): the converter for {key!r} must be called"
            check_invalid(got, key, data[key], path, recorder.raised[-1])
            return
        except BaseException as exc:  # noqa: BLE001
            assert recorder.raised and got is recorder.raised[-1], (
                f"load_config(): the converter for {key!r} raised {type(exc).__name__}, which is "
                "neither ValueError nor TypeError: it must propagate unchanged (same object, "
                f"not wrapped), got {got!r}"
            )
            return
    assert got == want, (
        "load_config(): returns {key: converter(raw value)} for exactly the schema's keys"
    )


CASES = {
    "missing file": (None, FileNotFoundError),
    "a directory": (b"", IsADirectoryError),
    "not UTF-8": (b'host = "caf\xe9"\n', UnicodeDecodeError),
    "not TOML": (b"host = \nport == 80\n", tomllib.TOMLDecodeError),
}


@pytest.mark.parametrize("case", list(CASES))
def test_unreadable_file(workdir: Path, case: str) -> None:
    content, cause_type = CASES[case]
    path = workdir / case.replace(" ", "_")
    if case == "a directory":
        path.mkdir(exist_ok=True)
    elif content is not None:
        path.write_bytes(content)
    got = load(path, {"host": str})
    assert isinstance(got, config_loader.UnreadableFileError), (
        f"load_config(): a config file that is {case} must raise UnreadableFileError, got {got!r}"
    )
    assert isinstance(got, config_loader.ConfigError), "UnreadableFileError is a ConfigError"
    assert got.path == path, "UnreadableFileError.path is the config file, as a Path"
    assert str(path) in str(got), "the UnreadableFileError message names the file (str(path))"
    assert isinstance(got.__cause__, cause_type), (
        f"UnreadableFileError must be raised `from` the {cause_type.__name__} that reading "
        f"the file raised: __cause__ is that exception, got {got.__cause__!r}"
    )


def test_path_given_as_str(workdir: Path) -> None:
    path = write(workdir / "str.toml", {"host": "example.org", "port": 443})
    got = load(str(path), {"host": str, "port": int})
    assert got == {"host": "example.org", "port": 443}, "load_config(): accepts the path as a str"
    missing = load(str(path), {"debug": bool})
    check_missing(missing, "debug", path)


def test_one_except_catches_them_all(workdir: Path) -> None:
    path = write(workdir / "all.toml", {"port": "eighty"})
    recorder = Recorder()
    errors = [
        load(workdir / "nowhere.toml", {}),
        load(path, {"host": str}),
        load(path, {"port": PORT.bind(recorder)}),
    ]
    kinds = [type(err).__name__ for err in errors]
    assert all(isinstance(err, config_loader.ConfigError) for err in errors), (
        "every config problem is a ConfigError (one `except ConfigError` catches them), "
        f"got {kinds}"
    )
    assert kinds == ["UnreadableFileError", "MissingKeyError", "InvalidValueError"], (
        "unreadable file, missing key, invalid value: one exception class each"
    )
