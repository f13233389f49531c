"""Grader for day1.main_guard: importable without side effects, runnable with python -m."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

MODULE = "day1.main_guard"


def _load() -> ModuleType:
    """Import the learner's module; running the program on import is a failure, not a crash."""
    try:
        return importlib.import_module(MODULE)
    except SystemExit as exit_:
        pytest.fail(
            f"importing {MODULE} must not run the program, but it raised SystemExit({exit_.code!r})",
        )


def _run(module: ModuleType, *args: str) -> subprocess.CompletedProcess[str]:
    assert module.__file__ is not None
    root = str(Path(module.__file__).resolve().parents[1])
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": root},
        timeout=30,
    )


def test_main_prints_the_sum(capsys: pytest.CaptureFixture[str]) -> None:
    status = _load().main(["1", "2", "3"])
    out, err = capsys.readouterr()
    assert out == "6\n", "main(['1', '2', '3']) prints the sum as one line"
    assert status == 0, "main() returns 0 when every argument is an integer"
    assert err == "", "main() prints nothing to stderr on success"


def test_main_accepts_what_int_accepts(capsys: pytest.CaptureFixture[str]) -> None:
    status = _load().main([" 7 ", "-3", "+10"])
    assert (capsys.readouterr().out, status) == ("14\n", 0), (
        "main(): every argument is converted with int(), so ' 7 ', '-3' and '+10' are fine"
    )


def test_main_without_arguments_prints_zero(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["prog", "40", "2"])
    status = _load().main([])
    out = capsys.readouterr().out
    assert out == "0\n", (
        "main([]): an explicit empty list is used as given (no arguments: prints 0), "
        "sys.argv is not consulted"
    )
    assert status == 0, "main([]) returns 0"


def test_main_none_reads_sys_argv_at_call_time(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = _load()
    monkeypatch.setattr(sys, "argv", ["prog", "4", "5"])
    status = module.main()
    out = capsys.readouterr().out
    assert out == "9\n", "main() with no argv uses sys.argv[1:], looked up when main is called"
    assert status == 0, "main() returns 0 when every argument is an integer"


def test_main_refuses_a_non_integer(capsys: pytest.CaptureFixture[str]) -> None:
    status = _load().main(["1", "two", "3"])
    out, err = capsys.readouterr()
    assert status == 2, "main(): a non-integer argument makes it return 2"
    assert out == "", "main(): nothing is printed to stdout when an argument is not an integer"
    assert err == "error: not an integer: 'two'\n", (
        "main(): a single stderr line `error: not an integer: <repr of the argument>`"
    )


def test_main_names_only_the_first_bad_argument(capsys: pytest.CaptureFixture[str]) -> None:
    status = _load().main(["1", "x", "2", "y", "z"])
    out, err = capsys.readouterr()
    assert err == "error: not an integer: 'x'\n", (
        "main(): when several arguments are bad, only the first one (in argument order) is "
        "named, on a single stderr line"
    )
    assert (out, status) == ("", 2), (
        "main(): nothing is printed to stdout and 2 is returned when an argument is not an "
        "integer"
    )


def test_main_names_the_argument_with_its_repr(capsys: pytest.CaptureFixture[str]) -> None:
    status = _load().main(["don't", "2"])
    err = capsys.readouterr().err
    assert err == "error: not an integer: \"don't\"\n", (
        "main(): the stderr line shows repr() of the bad argument -- for don't that is "
        "\"don't\", not 'don't'"
    )
    assert status == 2, "main(): a non-integer argument makes it return 2"


def test_importing_runs_nothing() -> None:
    module = _load()
    module.main(["0"])
    proc = _run(module, "-c", f"import {MODULE}")
    assert (proc.stdout, proc.stderr) == ("", ""), (
        f"`import {MODULE}` must run nothing and print nothing"
    )
    assert proc.returncode == 0, f"`import {MODULE}` must succeed"


def test_python_m_runs_main() -> None:
    module = _load()
    module.main(["0"])
    proc = _run(module, "-m", MODULE, "1", "2", "3")
    assert proc.stdout == "6\n", f"`python -m {MODULE} 1 2 3` must run main() and print 6"
    assert proc.returncode == 0, f"`python -m {MODULE} 1 2 3` must exit with status 0"


def test_python_m_exit_status_is_mains_return_value() -> None:
    module = _load()
    module.main(["0"])
    proc = _run(module, "-m", MODULE, "1", "x")
    assert proc.stderr == "error: not an integer: 'x'\n", (
        f"`python -m {MODULE} 1 x` must run main(), which reports the bad argument on stderr"
    )
    assert proc.returncode == 2, (
        f"`python -m {MODULE} 1 x`: the exit status must be main()'s return value, 2"
    )
