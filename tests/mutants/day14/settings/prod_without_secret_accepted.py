"""checks only the database URL in prod: a missing secret key is accepted"""

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
            for field in ("database_url",):
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
