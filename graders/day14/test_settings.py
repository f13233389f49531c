"""Grader for day14.settings: typed settings from APP_* variables and .env, one clear error.

Most checks pass the environment as a mapping (and a ``.env`` path that does not exist);
the checks of ``os.environ`` and ``./.env`` set them with monkeypatch in a temp directory.
Hypothesis generates ports in and out of range, non-numbers, level names and booleans in any
case, host lists in both spellings, and secret keys around the 32-character boundary.
"""

from __future__ import annotations

import json
import os
import traceback
from pathlib import Path
from typing import Any

import pytest
from day14 import settings as kata
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic_settings import BaseSettings

NO_FILE = Path("no-such-dir", "settings.env")  # a .env path that does not exist
SECRET = "k3y-0f-32-characters-or-more-HUNTER2"
PROD = {"APP_ENVIRONMENT": "prod", "APP_DATABASE_URL": "postgresql://db/app", "APP_SECRET_KEY": SECRET}
LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
TRUE = ["1", "true", "t", "yes", "y", "on"]
FALSE = ["0", "false", "f", "no", "n", "off"]
DEV_DEFAULTS: dict[str, Any] = {
    "environment": "dev",
    "database_url": "sqlite:///./dev.db",
    "port": 8000,
    "log_level": "INFO",
    "debug": True,
    "secret_key": None,
    "allowed_hosts": ["localhost"],
}
REASON = {
    "APP_ENVIRONMENT": "must be one of dev, test, prod",
    "APP_PORT": "must be an integer between 1 and 65535",
    "APP_LOG_LEVEL": "must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
    "APP_DEBUG": "must be a boolean",
    "APP_SECRET_KEY": "must be at least 32 characters",
    "APP_ALLOWED_HOSTS": "must be a comma-separated list or a JSON array of strings",
    "APP_DATABASE_URL": "must not be empty",
}
REQUIRED_IN_PROD = "is required when APP_ENVIRONMENT is prod"


def load(env: dict[str, str], env_file: Path = NO_FILE) -> Any:
    return kata.load_settings(env, env_file)


def values(settings: Any) -> dict[str, Any]:
    """The seven settings as plain values (the secret revealed through get_secret_value())."""
    secret = settings.secret_key
    return {
        "environment": settings.environment,
        "database_url": settings.database_url,
        "port": settings.port,
        "log_level": settings.log_level,
        "debug": settings.debug,
        "secret_key": None if secret is None else secret.get_secret_value(),
        "allowed_hosts": settings.allowed_hosts,
    }


def rejection(env: dict[str, str], env_file: Path = NO_FILE) -> str:
    """The ConfigError's message, or what load_settings() did instead."""
    try:
        settings = kata.load_settings(env, env_file)
    except NotImplementedError:
        raise
    except kata.ConfigError as error:
        return str(error)
    except Exception as error:  # noqa: BLE001 - the learner sees what was raised instead
        return f"raised {type(error).__name__} instead of ConfigError: {error}"
    return f"accepted it: {settings!r}"


def config_error(env: dict[str, str]) -> Any:
    try:
        kata.load_settings(env, NO_FILE)
    except kata.ConfigError as error:
        return error
    pytest.fail(f"load_settings(): {env} must raise ConfigError")


def any_case(word: str) -> st.SearchStrategy[str]:
    flips = st.lists(st.booleans(), min_size=len(word), max_size=len(word))
    return flips.map(lambda up: "".join(c.upper() if u else c.lower() for c, u in zip(word, up)))


@pytest.fixture
def clean_environ(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No APP_* variables in os.environ, and an empty temp directory as the cwd."""
    for name in list(os.environ):
        if name.upper().startswith("APP_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


# -- defaults ----------------------------------------------------------------------------------


def test_defaults_in_dev() -> None:
    """With no variable set, the settings are the dev defaults, and safe_dump() shows them."""
    settings = load({})
    assert values(settings) == DEV_DEFAULTS, "settings: with nothing set, every setting has its dev default"
    assert settings.safe_dump() == DEV_DEFAULTS, (
        "safe_dump(): every setting as a JSON-ready value; secret_key is None when there is none"
    )


def test_defaults_in_test() -> None:
    """In test, the database is in memory and debug is off."""
    got = values(load({"APP_ENVIRONMENT": "test"}))
    want = {**DEV_DEFAULTS, "environment": "test", "database_url": "sqlite:///:memory:", "debug": False}
    assert got == want, 'settings: in test, database_url defaults to "sqlite:///:memory:" and debug to False'


def test_defaults_in_prod() -> None:
    """In prod, debug is off unless APP_DEBUG says otherwise."""
    got = values(load(PROD))
    want = {**DEV_DEFAULTS, "environment": "prod", "database_url": "postgresql://db/app", "debug": False, "secret_key": SECRET}
    assert got == want, "settings: in prod, debug defaults to False; the set variables are read"


@pytest.mark.parametrize("environment", ["dev", "test", "prod"])
@pytest.mark.parametrize("debug", [True, False])
def test_a_set_debug_wins_in_every_environment(environment: str, debug: bool) -> None:
    """APP_DEBUG, when set, wins over the environment's default."""
    env = {**PROD, "APP_ENVIRONMENT": environment, "APP_DEBUG": str(debug).lower()}
    got = load(env).debug
    assert got is debug, f"settings: APP_DEBUG={env['APP_DEBUG']} gives debug={debug} in {environment} too"


def test_only_app_variables_are_read() -> None:
    """Variables without the APP_ prefix, and APP_ variables that are no setting, are ignored."""
    env = {
        "ENVIRONMENT": "prod",
        "DATABASE_URL": "postgresql://elsewhere/db",
        "PORT": "1",
        "LOG_LEVEL": "nonsense",
        "DEBUG": "maybe",
        "SECRET_KEY": "x",
        "ALLOWED_HOSTS": "[oops",
        "APP_COLOUR": "blue",
        "APP_PORT": "9000",
    }
    got = values(load(env))
    assert got == {**DEV_DEFAULTS, "port": 9000}, (
        "settings: only APP_<FIELD> variables are read (APP_PORT=9000); PORT, DEBUG, APP_COLOUR... are ignored"
    )


# -- each variable's values ----------------------------------------------------------------------


@settings(max_examples=25)  # each example is a full settings load
@given(port=st.integers(min_value=1, max_value=65535))
@example(port=1)
@example(port=65535)
def test_port_in_range(port: int) -> None:
    """APP_PORT is a whole number from 1 to 65535."""
    got = load({"APP_PORT": str(port)}).port
    assert got == port, f"settings: APP_PORT={port} gives port {port} (an int)"


NOT_A_NUMBER = st.text(alphabet="0123456789xkpXKP:/#", min_size=1, max_size=8).filter(
    lambda text: any(c in "xkpXKP:/#" for c in text)
)


@settings(max_examples=25)  # each example is a full settings load
@given(
    value=st.one_of(
        st.integers(max_value=0).map(str),
        st.integers(min_value=65536).map(str),
        NOT_A_NUMBER,
        st.sampled_from(["80.5", "", "http", "-", "1.25"]),
    )
)
@example(value="0")
@example(value="65536")
@example(value="80.5")
@example(value="http")
@example(value="")
def test_port_out_of_range_or_not_a_number(value: str) -> None:
    """Any other APP_PORT is one ConfigError naming APP_PORT."""
    got = rejection({"APP_PORT": value})
    assert got == "APP_PORT: must be an integer between 1 and 65535", (
        f"load_settings(): APP_PORT={value!r} raises ConfigError('APP_PORT', 'must be an integer between 1 and 65535')"
    )


@settings(max_examples=25)  # each example is a full settings load
@given(name=st.sampled_from(LEVELS).flatmap(any_case))
@example(name="warning")
@example(name="Info")
@example(name="CRITICAL")
def test_log_level_in_any_case_is_stored_upper(name: str) -> None:
    """APP_LOG_LEVEL is one of the five level names in any case, stored in upper case."""
    got = load({"APP_LOG_LEVEL": name}).log_level
    assert got == name.upper(), f"settings: APP_LOG_LEVEL={name} gives log_level {name.upper()!r}"


@settings(max_examples=25)  # each example is a full settings load
@given(
    name=st.one_of(
        st.sampled_from(["WARN", "fatal", "NOTSET", "trace", "10", "", "INFOO", "warnings", "verbose"]),
        st.text(alphabet="abcdefghilnorstuvwxyzABCEGINORTW", max_size=9).filter(lambda s: s.upper() not in LEVELS),
    )
)
def test_other_log_levels_are_refused(name: str) -> None:
    """Other level names (WARN, FATAL, NOTSET...) are one ConfigError naming APP_LOG_LEVEL."""
    got = rejection({"APP_LOG_LEVEL": name})
    assert got == "APP_LOG_LEVEL: must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL", (
        f"load_settings(): APP_LOG_LEVEL={name!r} is refused with that reason"
    )


@settings(max_examples=25)  # each example is a full settings load
@given(
    spelling=st.sampled_from([(word, True) for word in TRUE] + [(word, False) for word in FALSE]).flatmap(
        lambda pair: any_case(pair[0]).map(lambda word: (word, pair[1]))
    ),
    environment=st.sampled_from(["dev", "test"]),
)
@example(spelling=("TRUE", True), environment="test")
@example(spelling=("Off", False), environment="dev")
def test_debug_in_pydantic_spellings(spelling: tuple[str, bool], environment: str) -> None:
    """APP_DEBUG reads 1/true/t/yes/y/on and 0/false/f/no/n/off, in any case."""
    word, want = spelling
    got = load({"APP_ENVIRONMENT": environment, "APP_DEBUG": word}).debug
    assert got is want, f"settings: APP_DEBUG={word} gives debug={want}"


@pytest.mark.parametrize("value", ["2", "enabled", "", "nope", "-1", "10", "truee", "disabled"])
def test_other_debug_values_are_refused(value: str) -> None:
    """Any other APP_DEBUG is one ConfigError naming APP_DEBUG."""
    got = rejection({"APP_DEBUG": value})
    assert got == "APP_DEBUG: must be a boolean", f"load_settings(): APP_DEBUG={value!r} is refused"


@pytest.mark.parametrize("value", ["Prod", "PROD", "staging", "production", "", "development", "DEV"])
def test_other_environments_are_refused(value: str) -> None:
    """APP_ENVIRONMENT is exactly dev, test or prod, in lower case."""
    got = rejection({"APP_ENVIRONMENT": value})
    assert got == "APP_ENVIRONMENT: must be one of dev, test, prod", (
        f"load_settings(): APP_ENVIRONMENT={value!r} is refused"
    )


HOST = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789.-", min_size=1, max_size=12)
SEPARATOR = st.sampled_from([",", ", ", " ,", " , ", ",\t", ",,", ", ,"])


@settings(max_examples=25)  # each example is a full settings load
@given(
    hosts=st.lists(HOST, max_size=5),
    separators=st.lists(SEPARATOR, min_size=5, max_size=5),
    lead=st.sampled_from(["", " ", ",", " , "]),
    tail=st.sampled_from(["", " ", ",", ", "]),
)
@example(hosts=["a.example", "b.example"], separators=[", "] * 5, lead="", tail=",")
@example(hosts=[], separators=[","] * 5, lead="", tail="")
def test_allowed_hosts_comma_separated(hosts: list[str], separators: list[str], lead: str, tail: str) -> None:
    """A comma-separated APP_ALLOWED_HOSTS: each item stripped, empty items dropped."""
    value = lead + "".join(h + s for h, s in zip(hosts, separators))[: -1 if hosts else None] + tail
    got = load({"APP_ALLOWED_HOSTS": value}).allowed_hosts
    assert got == hosts, f"settings: APP_ALLOWED_HOSTS={value!r} is split at commas, items stripped, empties dropped"


@settings(max_examples=25)  # each example is a full settings load
@given(hosts=st.lists(st.text(max_size=10), max_size=4), lead=st.sampled_from(["", " ", "\n  "]))
@example(hosts=["a.example, b.example", " spaced "], lead="")
@example(hosts=[], lead=" ")
def test_allowed_hosts_as_a_json_array(hosts: list[str], lead: str) -> None:
    """An APP_ALLOWED_HOSTS starting with [ is a JSON array; its strings are kept as they are."""
    value = lead + json.dumps(hosts)
    got = load({"APP_ALLOWED_HOSTS": value}).allowed_hosts
    assert got == hosts, f"settings: APP_ALLOWED_HOSTS={value!r} is read as a JSON array, strings unchanged"


@pytest.mark.parametrize("value", ["[oops", "[1, 2]", '["a", null]', "[", '[["a"]]', " [true]", '["a",]'])
def test_bad_json_hosts_are_refused(value: str) -> None:
    """A value starting with [ that is not a JSON array of strings is one ConfigError."""
    got = rejection({"APP_ALLOWED_HOSTS": value})
    assert got == "APP_ALLOWED_HOSTS: must be a comma-separated list or a JSON array of strings", (
        f"load_settings(): APP_ALLOWED_HOSTS={value!r} is refused"
    )


# -- prod and the secret -------------------------------------------------------------------------


def test_prod_requires_a_database_url() -> None:
    """In prod, APP_DATABASE_URL must be set."""
    env = {k: v for k, v in PROD.items() if k != "APP_DATABASE_URL"}
    got = rejection(env)
    assert got == f"APP_DATABASE_URL: {REQUIRED_IN_PROD}", "load_settings(): prod without APP_DATABASE_URL is refused"


def test_prod_requires_a_secret_key() -> None:
    """In prod, APP_SECRET_KEY must be set."""
    env = {k: v for k, v in PROD.items() if k != "APP_SECRET_KEY"}
    got = rejection(env)
    assert got == f"APP_SECRET_KEY: {REQUIRED_IN_PROD}", "load_settings(): prod without APP_SECRET_KEY is refused"


@pytest.mark.parametrize("environment", ["dev", "test", "prod"])
def test_an_empty_database_url_is_refused(environment: str) -> None:
    """APP_DATABASE_URL set to "" is refused in every environment."""
    got = rejection({**PROD, "APP_ENVIRONMENT": environment, "APP_DATABASE_URL": ""})
    assert got == "APP_DATABASE_URL: must not be empty", f"load_settings(): APP_DATABASE_URL='' is refused in {environment}"


@settings(max_examples=25)  # each example is a full settings load
@given(secret=st.text(max_size=31), environment=st.sampled_from(["dev", "test", "prod"]))
@example(secret="x" * 31, environment="dev")
@example(secret="", environment="prod")
def test_a_short_secret_key_is_refused(secret: str, environment: str) -> None:
    """A secret key shorter than 32 characters is refused in every environment."""
    got = rejection({**PROD, "APP_ENVIRONMENT": environment, "APP_SECRET_KEY": secret})
    assert got == "APP_SECRET_KEY: must be at least 32 characters", (
        f"load_settings(): a {len(secret)}-character APP_SECRET_KEY is refused in {environment}"
    )


@settings(max_examples=25)  # each example is a full settings load
@given(secret=st.text(min_size=32, max_size=60), environment=st.sampled_from(["dev", "test", "prod"]))
@example(secret="x" * 32, environment="prod")
@example(secret="é" * 32, environment="dev")
def test_a_long_enough_secret_key_is_kept(secret: str, environment: str) -> None:
    """A secret key of 32 characters or more is kept; get_secret_value() gives it back."""
    got = load({**PROD, "APP_ENVIRONMENT": environment, "APP_SECRET_KEY": secret}).secret_key.get_secret_value()
    assert got == secret, "settings: secret_key.get_secret_value() gives the APP_SECRET_KEY back"


def test_the_secret_never_shows() -> None:
    """The secret key is not in repr(), str(), model_dump_json() or safe_dump()."""
    settings = load(PROD)
    shown = {
        "repr(settings)": repr(settings),
        "str(settings)": str(settings),
        "settings.model_dump_json()": settings.model_dump_json(),
        "json.dumps(settings.safe_dump())": json.dumps(settings.safe_dump()),
    }
    leaks = [where for where, text in shown.items() if SECRET in text]
    assert leaks == [], "settings: the secret key's value never appears in repr, str, model_dump_json or safe_dump"
    got = settings.secret_key.get_secret_value()
    assert got == SECRET, "settings: secret_key is a SecretStr; get_secret_value() gives it back"


def test_safe_dump_masks_the_secret() -> None:
    """safe_dump() gives every setting, JSON-ready, the secret as "**********"."""
    env = {**PROD, "APP_PORT": "443", "APP_LOG_LEVEL": "warning", "APP_ALLOWED_HOSTS": "api.example,www.example"}
    got = load(env).safe_dump()
    want = {
        "environment": "prod",
        "database_url": "postgresql://db/app",
        "port": 443,
        "log_level": "WARNING",
        "debug": False,
        "secret_key": "**********",
        "allowed_hosts": ["api.example", "www.example"],
    }
    assert got == want, 'safe_dump(): every setting as a JSON-ready value, the secret masked as "**********"'
    assert json.loads(json.dumps(got)) == want, "safe_dump(): the values are JSON-ready"


# -- the error ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variable", "value"),
    [("APP_PORT", "0"), ("APP_DEBUG", "2"), ("APP_LOG_LEVEL", "loud"), ("APP_ENVIRONMENT", "qa")],
)
def test_the_error_is_one_line_naming_the_variable(variable: str, value: str) -> None:
    """ConfigError(variable, reason): str(error) is "<VARIABLE>: <reason>" on one line."""
    error = config_error({variable: value})
    got = (error.variable, error.reason, str(error))
    want = (variable, REASON[variable], f"{variable}: {REASON[variable]}")
    assert got == want, (
        "load_settings(): the ConfigError names the environment variable (APP_PORT, not the field port) "
        "and its reason: one line, '<VARIABLE>: <reason>'"
    )


def test_the_error_does_not_carry_the_rejected_secret() -> None:
    """A traceback of the ConfigError does not show the secret key that was too short."""
    secret = "short-but-SECRET-hunter2"
    error = config_error({"APP_SECRET_KEY": secret})
    shown = "".join(traceback.format_exception(error))
    assert (secret in shown) is False, (
        "load_settings(): the error carries no rejected value: raise the ConfigError `from None`, "
        "or pydantic's ValidationError (which prints the input) is shown with it"
    )


def test_several_bad_variables_give_one_error() -> None:
    """With several wrong variables, one ConfigError names one of them."""
    bad = {"APP_PORT": "0", "APP_DEBUG": "maybe", "APP_LOG_LEVEL": "loud"}
    error = config_error(bad)
    got = str(error)
    assert got in {f"{name}: {REASON[name]}" for name in bad}, (
        "load_settings(): several wrong variables give one ConfigError naming one of them"
    )


# -- .env files and os.environ -------------------------------------------------------------------

DOTENV = """\
# the app's local settings
APP_PORT=9000
APP_LOG_LEVEL="warning"
APP_ALLOWED_HOSTS='a.example, b.example'

PORT=1
APP_COLOUR=blue
"""


def test_the_env_file_gives_values(tmp_path: Path) -> None:
    """A .env file gives values (comments, blank lines and quotes are dotenv syntax)."""
    env_file = tmp_path / "app.env"
    env_file.write_text(DOTENV, encoding="utf-8")
    got = values(load({}, env_file))
    want = {**DEV_DEFAULTS, "port": 9000, "log_level": "WARNING", "allowed_hosts": ["a.example", "b.example"]}
    assert got == want, "load_settings(): the env_file's APP_ variables are read; other lines are ignored"


def test_the_environment_wins_over_the_file(tmp_path: Path) -> None:
    """A variable in the environment wins over the same one in the .env file."""
    env_file = tmp_path / "app.env"
    env_file.write_text(DOTENV, encoding="utf-8")
    got = values(load({"APP_PORT": "7000", "APP_DEBUG": "no"}, env_file))
    want = {**DEV_DEFAULTS, "port": 7000, "debug": False, "log_level": "WARNING", "allowed_hosts": ["a.example", "b.example"]}
    assert got == want, "load_settings(): APP_PORT=7000 in the environment wins over APP_PORT=9000 in the file"


def test_a_bad_value_in_the_file_names_its_variable(tmp_path: Path) -> None:
    """A bad value from the .env file is a ConfigError naming the variable too."""
    env_file = tmp_path / "app.env"
    env_file.write_text("APP_PORT=70000\n", encoding="utf-8")
    got = rejection({}, env_file)
    assert got == "APP_PORT: must be an integer between 1 and 65535", "load_settings(): APP_PORT=70000 in the file is refused"


def test_defaults_read_os_environ_and_the_cwd_env_file(clean_environ: pytest.MonkeyPatch) -> None:
    """load_settings() and Settings() read os.environ and ./.env; the environment wins."""
    clean_environ.setenv("APP_PORT", "7000")
    Path(".env").write_text("APP_PORT=9000\nAPP_LOG_LEVEL=error\n", encoding="utf-8")
    got = (load_port := kata.load_settings()).port, load_port.log_level
    assert got == (7000, "ERROR"), "load_settings(): without arguments it reads os.environ, then ./.env"
    direct = kata.Settings()
    assert (direct.port, direct.log_level) == (7000, "ERROR"), "Settings(): reads os.environ, then ./.env"
    assert isinstance(direct, BaseSettings), "Settings is a pydantic_settings.BaseSettings"
    assert isinstance(load_port, kata.Settings), "load_settings() returns a Settings"


def test_a_given_env_replaces_os_environ(clean_environ: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With env given, nothing is read from os.environ; with env_file given, ./.env is not read."""
    clean_environ.setenv("APP_PORT", "7000")
    clean_environ.setenv("APP_ENVIRONMENT", "prod")
    clean_environ.setenv("APP_DEBUG", "false")
    Path(".env").write_text("APP_LOG_LEVEL=error\nAPP_ALLOWED_HOSTS=cwd.example\n", encoding="utf-8")
    other = tmp_path / "other.env"
    other.write_text("APP_ALLOWED_HOSTS=file.example\n", encoding="utf-8")
    got = values(kata.load_settings({"APP_SECRET_KEY": SECRET}, other))
    want = {**DEV_DEFAULTS, "secret_key": SECRET, "allowed_hosts": ["file.example"]}
    assert got == want, (
        "load_settings(env, env_file): reads env instead of os.environ, and env_file instead of ./.env"
    )


def test_a_missing_env_file_gives_nothing(tmp_path: Path) -> None:
    """An env_file that does not exist gives no values (and no error)."""
    got = values(kata.load_settings({"APP_PORT": "1234"}, tmp_path / "absent.env"))
    assert got == {**DEV_DEFAULTS, "port": 1234}, "load_settings(): a missing env_file is read as empty"
