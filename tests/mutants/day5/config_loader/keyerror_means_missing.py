"""Treats any KeyError as a missing key, including one raised inside the converter."""

import os
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

Converter = Callable[[Any], object]
"""Turns a raw TOML value into the value the app uses; raises ValueError/TypeError if bad."""


class ConfigError(Exception):
    """Base class of every error :func:`load_config` raises about the config.

    ``message`` is the exception's message (``str(err) == message``); ``path`` is stored as
    the attribute ``path`` (a :class:`~pathlib.Path`).

    >>> err = ConfigError("something is off", path=Path("app.toml"))
    >>> str(err), err.path
    ('something is off', PosixPath('app.toml'))
    """

    path: Path

    def __init__(self, message: str, *, path: Path) -> None:
        super().__init__(message)
        self.path = path


class UnreadableFileError(ConfigError):
    """The file can't be opened, isn't UTF-8, or isn't valid TOML.

    >>> str(UnreadableFileError(path=Path("app.toml")))
    'cannot read config file app.toml'
    """

    def __init__(self, *, path: Path) -> None:
        super().__init__(f"cannot read config file {path}", path=path)


class MissingKeyError(ConfigError):
    """A key the schema requires is absent; the key is the attribute ``key``.

    >>> err = MissingKeyError("port", path=Path("app.toml"))
    >>> str(err), err.key
    ("missing key 'port' in app.toml", 'port')
    """

    key: str

    def __init__(self, key: str, *, path: Path) -> None:
        super().__init__(f"missing key {key!r} in {path}", path=path)
        self.key = key


class InvalidValueError(ConfigError, ValueError):
    """A converter rejected a value; attributes ``key`` and ``value`` (the raw TOML value).

    >>> err = InvalidValueError("port", "eighty", path=Path("app.toml"))
    >>> str(err), err.key, err.value
    ("invalid value for 'port' in app.toml: 'eighty'", 'port', 'eighty')
    >>> isinstance(err, ValueError)
    True
    """

    key: str
    value: object

    def __init__(self, key: str, value: object, *, path: Path) -> None:
        super().__init__(f"invalid value for {key!r} in {path}: {value!r}", path=path)
        self.key = key
        self.value = value


def load_config(path: str | os.PathLike[str], schema: Mapping[str, Converter]) -> dict[str, object]:
    """Read the TOML file at ``path``; return ``{key: schema[key](raw value)}`` for every key.

    Raises (``Path(path)`` as the errors' ``path``):

    * :class:`UnreadableFileError` if the file can't be opened (missing, a directory, …), isn't
      valid UTF-8, or isn't valid TOML — chained from the exception that said so;
    * :class:`MissingKeyError` if a schema key is not a top-level key of the file;
    * :class:`InvalidValueError` if a converter raises ``ValueError`` or ``TypeError`` —
      chained from it. Any other exception from a converter propagates unchanged.

    With ``app.toml`` containing ``host = "example.org"`` and ``port = 8080``:

    >>> load_config("app.toml", {"host": str, "port": int})   # doctest: +SKIP
    {'host': 'example.org', 'port': 8080}
    >>> def port(value: object) -> int:
    ...     if not isinstance(value, int) or isinstance(value, bool):
    ...         raise TypeError(f"not an integer: {value!r}")
    ...     if not 0 < value < 65536:
    ...         raise ValueError(f"out of range: {value}")
    ...     return value
    >>> load_config("app.toml", {"host": str, "port": port, "debug": bool})  # doctest: +SKIP
    Traceback (most recent call last):
    MissingKeyError: missing key 'debug' in app.toml
    """
    path = Path(path)
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise UnreadableFileError(path=path) from err

    config: dict[str, object] = {}
    for key, convert in schema.items():
        try:
            raw = data[key]
            config[key] = convert(raw)
        except KeyError:
            raise MissingKeyError(key, path=path) from None
        except (ValueError, TypeError) as err:
            raise InvalidValueError(key, raw, path=path) from err
    return config
