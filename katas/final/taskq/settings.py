"""The service's settings, read from ``TASKQ_*`` environment variables (pydantic-settings).

Write ``Settings``, a ``pydantic_settings.BaseSettings``. Each field comes from the variable
``TASKQ_`` + its name in upper case (``TASKQ_LEASE_SECONDS`` -> ``lease_seconds``); other
variables are ignored. Keyword arguments win over the environment (``Settings(workers=0)``).
A value that breaks its rule raises pydantic's ``ValidationError`` when ``Settings()`` is
made. Every variable is documented in the README's Configuration section.

========================  ==================================  ======================================
variable                  default                             meaning and rule
========================  ==================================  ======================================
``TASKQ_DATABASE_URL``    ``sqlite+aiosqlite:///./taskq.db``  SQLAlchemy *async* URL (SQLite via
                                                              aiosqlite, or
                                                              ``postgresql+asyncpg://...``)
``TASKQ_WORKERS``         ``1``                               in-process workers the API starts
                                                              (``>= 0``; 0: none)
``TASKQ_LEASE_SECONDS``   ``30.0``                            a claim's validity without renewal
                                                              (``> 0``)
``TASKQ_POLL_INTERVAL``   ``1.0``                             an idle worker's wait between claims
                                                              (``> 0``)
``TASKQ_MAX_ATTEMPTS``    ``3``                               attempts before a task is ``failed``
                                                              (``>= 1``)
``TASKQ_BACKOFF_BASE``    ``1.0``                             the first retry delay (``> 0``)
``TASKQ_BACKOFF_CAP``     ``60.0``                            no retry delay exceeds it
                                                              (``>= backoff_base``)
``TASKQ_PAGE_SIZE_MAX``   ``100``                             the largest ``limit`` the list accepts
                                                              (``>= 1``)
========================  ==================================  ======================================

Example::

    >>> Settings(workers=0).lease_seconds
    30.0
    >>> Settings(backoff_base=10, backoff_cap=5)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: ...
"""

from __future__ import annotations

from typing import Self

from pydantic import model_validator
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    """taskq's configuration; see the module docstring for every variable and rule.

    The fields are given with their defaults; add the configuration (the ``TASKQ_`` prefix)
    and the rules (``Field(gt=0)``, ...).
    """

    database_url: str = "sqlite+aiosqlite:///./taskq.db"
    workers: int = 1
    lease_seconds: float = 30.0
    poll_interval: float = 1.0
    max_attempts: int = 3
    backoff_base: float = 1.0
    backoff_cap: float = 60.0
    page_size_max: int = 100

    @model_validator(mode="after")
    def _cap_not_below_base(self) -> Self:
        """``ValueError`` when ``backoff_cap < backoff_base``; else the settings unchanged."""
        raise NotImplementedError
