"""Typed settings from the environment: pydantic-settings, a ``.env`` file, one clear error.

Write ``Settings`` (a ``pydantic_settings.BaseSettings``) and ``load_settings``, the app's one
entry point for its configuration. Keep the field names declared below; choose the types'
details, add the configuration (``model_config = SettingsConfigDict(...)``) and the validators.

Every setting comes from an environment variable named ``APP_`` + the field name in upper
case; variables without the prefix (``PORT``) and ``APP_`` variables that are no setting
(``APP_COLOUR``) are ignored:

=====================  ===============  ==============================================================
variable               field            rule
=====================  ===============  ==============================================================
``APP_ENVIRONMENT``    ``environment``  exactly ``dev``, ``test`` or ``prod`` (lower case); default ``dev``
``APP_DATABASE_URL``   ``database_url`` a non-empty string. Default: ``"sqlite:///./dev.db"`` in dev,
                                        ``"sqlite:///:memory:"`` in test; **required** in prod
``APP_PORT``           ``port``         a whole number from 1 to 65535 (``"8080"``); default ``8000``
``APP_LOG_LEVEL``      ``log_level``    ``DEBUG``, ``INFO``, ``WARNING``, ``ERROR`` or ``CRITICAL`` in any
                                        case (``"warning"``, ``"Info"``), stored in upper case; not
                                        ``WARN``, ``FATAL`` or ``NOTSET``; default ``"INFO"``
``APP_DEBUG``          ``debug``        a boolean in pydantic's spellings, any case: ``1 true t yes y on``
                                        / ``0 false f no n off``. Default: ``True`` in dev, ``False``
                                        in test and prod; a value that is set wins in every environment
``APP_SECRET_KEY``     ``secret_key``   a ``SecretStr`` of at least 32 characters; default ``None``;
                                        **required** in prod
``APP_ALLOWED_HOSTS``  ``allowed_hosts``  a ``list[str]``; default ``["localhost"]``. A value that starts
                                        with ``[`` (after leading whitespace) is a JSON array of strings,
                                        kept as they are; any other value is comma-separated: each
                                        item stripped, empty items dropped (``"a.example, b.example,"``
                                        -> ``["a.example", "b.example"]``; ``""`` -> ``[]``)
=====================  ===============  ==============================================================

A ``.env`` file (dotenv syntax: ``APP_PORT=9000`` lines, ``#`` comments, values optionally in
quotes) gives values too; a variable set in the environment wins over the same one in the
file. ``Settings()`` reads ``os.environ`` and the ``.env`` file in the current directory.

``load_settings(env, env_file)`` reads ``env`` instead of ``os.environ`` when it is given (and
then nothing from ``os.environ``), and ``env_file`` instead of ``./.env`` when it is given; a file
that does not exist gives nothing. Instead of pydantic's multi-line ``ValidationError`` it raises
one ``ConfigError`` whose message is one line, ``"<VARIABLE>: <reason>"``, naming the
environment variable (``APP_PORT``, never the field ``port``) with exactly this reason:

=====================  ==========================================================================
variable               reason
=====================  ==========================================================================
``APP_ENVIRONMENT``    ``must be one of dev, test, prod``
``APP_DATABASE_URL``   ``is required when APP_ENVIRONMENT is prod`` (not set in prod), or
                       ``must not be empty`` (set to ``""``, in any environment)
``APP_PORT``           ``must be an integer between 1 and 65535`` (``"0"``, ``"65536"``, ``"80.5"``,
                       ``"http"``, ``""``)
``APP_LOG_LEVEL``      ``must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL``
``APP_DEBUG``          ``must be a boolean`` (``"2"``, ``"enabled"``, ``""``)
``APP_SECRET_KEY``     ``is required when APP_ENVIRONMENT is prod`` (not set in prod), or
                       ``must be at least 32 characters`` (set, in any environment, but shorter)
``APP_ALLOWED_HOSTS``  ``must be a comma-separated list or a JSON array of strings`` (``"[oops"``,
                       ``"[1, 2]"``, ``'["a", null]'``)
=====================  ==========================================================================

When several variables are wrong, the error names one of them. The error must not carry the
rejected value anywhere: a formatted traceback of it (``traceback.format_exception(error)``)
does not show the secret key that was too short — pydantic's own error would print it.

Secrets stay secret: ``secret_key`` is a ``SecretStr`` (``.get_secret_value()`` gives it back);
its value never appears in ``repr(settings)``, ``str(settings)`` or
``settings.model_dump_json()``. ``settings.safe_dump()`` gives every setting for logging, as
JSON-ready values, the secret masked as ``"**********"`` (``None`` when there is none).

Example::

    >>> settings = load_settings({"APP_PORT": "9000", "APP_LOG_LEVEL": "debug",
    ...                           "APP_ALLOWED_HOSTS": "api.example, www.example"})
    >>> settings.port, settings.log_level, settings.debug, settings.allowed_hosts
    (9000, 'DEBUG', True, ['api.example', 'www.example'])
    >>> load_settings({"APP_ENVIRONMENT": "prod", "APP_DATABASE_URL": "postgresql://db/app"})
    Traceback (most recent call last):
    ...
    day14.settings.ConfigError: APP_SECRET_KEY: is required when APP_ENVIRONMENT is prod
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal, Self

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    DotEnvSettingsSource,
    EnvSettingsSource,
    NoDecode,
    SettingsConfigDict,
)

PREFIX = "APP_"
DEFAULT_DATABASE_URLS = {"dev": "sqlite:///./dev.db", "test": "sqlite:///:memory:"}
REASONS = {
    "environment": "must be one of dev, test, prod",
    "database_url": "must not be empty",
    "port": "must be an integer between 1 and 65535",
    "log_level": "must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
    "debug": "must be a boolean",
    "secret_key": "must be at least 32 characters",
    "allowed_hosts": "must be a comma-separated list or a JSON array of strings",
}
REQUIRED_IN_PROD = "is required when APP_ENVIRONMENT is prod"


def _variable(field: str) -> str:
    """The environment variable a field is read from: ``port`` -> ``APP_PORT``."""
    return PREFIX + field.upper()


class ConfigError(Exception):
    """The configuration is wrong: ``str(error) == f"{error.variable}: {error.reason}"``.

    >>> error = ConfigError("APP_PORT", "must be an integer between 1 and 65535")
    >>> str(error), error.variable, error.reason
    ('APP_PORT: must be an integer between 1 and 65535', 'APP_PORT', 'must be an integer between 1 and 65535')
    """

    def __init__(self, variable: str, reason: str) -> None:
        super().__init__(f"{variable}: {reason}")
        self.variable = variable
        self.reason = reason


class Settings(BaseSettings):
    """The app's settings, read from ``APP_*`` environment variables and ``.env``.

    See the module docstring for every variable's rule and default.
    """

    model_config = SettingsConfigDict(env_prefix=PREFIX, env_file=".env", extra="ignore")

    environment: Literal["dev", "test", "prod"] = "dev"
    database_url: str = Field(default=DEFAULT_DATABASE_URLS["dev"], min_length=1)
    port: int = Field(default=8000, ge=1, le=65535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    debug: bool = True
    secret_key: SecretStr | None = Field(default=None, min_length=32)
    # NoDecode: pydantic-settings would otherwise parse every list value as JSON.
    allowed_hosts: Annotated[list[str], NoDecode] = ["localhost"]

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_case_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        if value.lstrip().startswith("["):
            return json.loads(value)  # a JSONDecodeError is a ValueError: pydantic reports it
        return [host for item in value.split(",") if (host := item.strip())]

    @model_validator(mode="after")
    def _environment_defaults(self) -> Self:
        given = self.model_fields_set
        if "debug" not in given:
            self.debug = self.environment == "dev"
        if self.environment == "prod":
            for field in ("database_url", "secret_key"):
                if field not in given:
                    # Not a ValueError, so pydantic lets it through instead of wrapping it.
                    raise ConfigError(_variable(field), REQUIRED_IN_PROD)
        elif "database_url" not in given:
            self.database_url = DEFAULT_DATABASE_URLS[self.environment]
        return self

    def safe_dump(self) -> dict[str, object]:
        """Every setting as a JSON-ready value, for logging; the secret masked.

        >>> load_settings({"APP_SECRET_KEY": "s" * 32}, Path("missing.env")).safe_dump()
        {'environment': 'dev', 'database_url': 'sqlite:///./dev.db', 'port': 8000, 'log_level': 'INFO', 'debug': True, 'secret_key': '**********', 'allowed_hosts': ['localhost']}
        """
        return self.model_dump(mode="json")


def load_settings(env: Mapping[str, str] | None = None, env_file: Path | None = None) -> Settings:
    """The settings from ``env`` (default ``os.environ``) and ``env_file`` (default ``./.env``).

    Variables in ``env`` win over the file. Raises ``ConfigError("APP_<NAME>", reason)`` — one
    line, the reasons listed in the module docstring — naming one wrong variable.

    >>> load_settings({"APP_ENVIRONMENT": "test"}, Path("missing.env")).database_url
    'sqlite:///:memory:'
    >>> load_settings({"APP_PORT": "65536"})
    Traceback (most recent call last):
    ...
    day14.settings.ConfigError: APP_PORT: must be an integer between 1 and 65535
    """
    environ = EnvSettingsSource(Settings)
    if env is not None:
        environ.env_vars = {name.lower(): value for name, value in env.items()}
    dotenv = DotEnvSettingsSource(Settings, env_file=Path(".env") if env_file is None else env_file)
    try:
        # BaseSettings.__init__ takes its options (_env_file, _build_sources, ...) as keywords;
        # without pydantic's mypy plugin, mypy knows only the fields' keywords.
        return Settings(_build_sources=((environ, dotenv), {}))  # type: ignore[call-arg]
    except ValidationError as error:
        field = str(error.errors()[0]["loc"][0])
        # from None: the ValidationError would show the rejected values, secrets included.
        raise ConfigError(_variable(field), REASONS[field]) from None
