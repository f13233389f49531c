'''A logging context manager — twice: as a class, and with ``@contextmanager``.

Wrap a block of code so that the log tells when it started, when it ended and how::

    with LoggedBlock("import users", logger):          # or: logged_block("import users", logger)
        import_users()

Both :class:`LoggedBlock` (a class with ``__enter__``/``__exit__``) and :func:`logged_block` (a
generator decorated with ``@contextlib.contextmanager``) implement the **same** behaviour, and
the grader runs the same tests on both:

* On entry, before the block runs: one record, level ``INFO``, message ``"enter <name>"``.
* On exit, exactly one more record:

  ==========================================  ===========  ========================================
  the block…                                  level        message
  ==========================================  ===========  ========================================
  completed normally                          ``INFO``     ``"exit <name>"``
  raised ``exc``, not suppressed              ``ERROR``    ``"exit <name>: raised <ExcType>"``
  raised ``exc``, suppressed                  ``WARNING``  ``"exit <name>: suppressed <ExcType>"``
  ==========================================  ===========  ========================================

  ``<ExcType>`` is ``type(exc).__name__``. Both exception records carry the exception as
  ``exc_info`` (so a handler can print the traceback): pass ``exc_info=exc``.
* Records go to the ``logger`` given — never to the root logger, never ``print``; do not
  configure logging (no ``basicConfig``, no handlers, no levels).
* Exceptions are **not** swallowed: the very same exception object propagates — unless it is an
  instance of one of the ``suppress`` classes (subclasses included), in which case it is
  suppressed and execution continues after the ``with`` statement.
* *Any* exception counts, ``KeyboardInterrupt`` and other non-``Exception`` ones included.
* The value bound by ``as`` is ``None``: there is nothing useful to hand to the block.
* Each object (a ``LoggedBlock(...)`` or a ``logged_block(...)`` call) is used for one ``with``
  statement only.
'''

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
    except BaseException as exc:
        logger.error("exit %s: raised %s", name, type(exc).__name__, exc_info=exc)
        raise
    else:
        logger.info("exit %s", name)
