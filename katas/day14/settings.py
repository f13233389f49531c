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

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import SecretStr, model_validator
from pydantic_settings import BaseSettings


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

    environment: Literal["dev", "test", "prod"] = "dev"
    database_url: str = "sqlite:///./dev.db"
    port: int = 8000
    log_level: str = "INFO"
    debug: bool = True
    secret_key: SecretStr | None = None
    allowed_hosts: list[str] = ["localhost"]

    @model_validator(mode="before")
    @classmethod
    def _not_started(cls, data: Any) -> Any:
        raise NotImplementedError  # delete this validator and write the real ones

    def safe_dump(self) -> dict[str, object]:
        """Every setting as a JSON-ready value, for logging; the secret masked.

        >>> load_settings({"APP_SECRET_KEY": "s" * 32}, Path("missing.env")).safe_dump()
        {'environment': 'dev', 'database_url': 'sqlite:///./dev.db', 'port': 8000, 'log_level': 'INFO', 'debug': True, 'secret_key': '**********', 'allowed_hosts': ['localhost']}
        """
        raise NotImplementedError


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
    raise NotImplementedError
