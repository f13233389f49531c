"""@contextmanager version catches Exception only: KeyboardInterrupt leaves no exit record."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType


class LoggedBlock:
    """Class-based: logs entry, exit and any exception of a ``with`` block; see the module doc.

    >>> import logging
    >>> class Show(logging.Handler):
    ...     def emit(self, record: logging.LogRecord) -> None:
    ...         print(record.levelname, record.getMessage())
    >>> logger = logging.Logger("demo")         # a logger of its own: no global change
    >>> logger.addHandler(Show())
    >>> with LoggedBlock("sync", logger):
    ...     pass
    INFO enter sync
    INFO exit sync
    >>> with LoggedBlock("parse", logger, suppress=(ValueError,)):
    ...     int("forty-two")
    INFO enter parse
    WARNING exit parse: suppressed ValueError
    >>> with LoggedBlock("import", logger, suppress=(ValueError,)):
    ...     {}["user"]
    Traceback (most recent call last):
    ...
    KeyError: 'user'
    >>> # (the log got: INFO enter import / ERROR exit import: raised KeyError)
    """

    def __init__(
        self,
        name: str,
        logger: logging.Logger,
        *,
        suppress: tuple[type[BaseException], ...] = (),
    ) -> None:
        self.name = name
        self.logger = logger
        self.suppress = suppress

    def __enter__(self) -> None:
        self.logger.info("enter %s", self.name)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        """Log the exit; return ``True`` (suppress) only for an exception in ``suppress``."""
        if exc is None:
            self.logger.info("exit %s", self.name)
            return False
        if isinstance(exc, self.suppress):
            self.logger.warning(
                "exit %s: suppressed %s", self.name, type(exc).__name__, exc_info=exc
            )
            return True
        self.logger.error("exit %s: raised %s", self.name, type(exc).__name__, exc_info=exc)
        return False


@contextmanager
def logged_block(
    name: str,
    logger: logging.Logger,
    *,
    suppress: tuple[type[BaseException], ...] = (),
) -> Iterator[None]:
    """The same context manager, as a generator decorated with ``@contextmanager``.

    >>> import logging
    >>> class Show(logging.Handler):
    ...     def emit(self, record: logging.LogRecord) -> None:
    ...         print(record.levelname, record.getMessage())
    >>> logger = logging.Logger("demo")
    >>> logger.addHandler(Show())
    >>> with logged_block("sync", logger):
    ...     pass
    INFO enter sync
    INFO exit sync
    >>> with logged_block("import", logger):
    ...     raise KeyError("user 42")
    Traceback (most recent call last):
    ...
    KeyError: 'user 42'
    """
    logger.info("enter %s", name)
    try:
        yield
    except suppress as exc:
        logger.warning("exit %s: suppressed %s", name, type(exc).__name__, exc_info=exc)
    except Exception as exc:
        logger.error("exit %s: raised %s", name, type(exc).__name__, exc_info=exc)
        raise
    else:
        logger.info("exit %s", name)
