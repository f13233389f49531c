"""The service's settings, read from ``TASKQ_*`` environment variables (pydantic-settings).

Each field comes from the variable ``TASKQ_`` + its name in upper case; other variables are
ignored. Keyword arguments win over the environment (``Settings(workers=0)``). A value that
breaks its rule raises pydantic's ``ValidationError`` when ``Settings()`` is made.

=====================  ==================================  ========================================
variable               default                             meaning and rule
=====================  ==================================  ========================================
``TASKQ_DATABASE_URL``    ``sqlite+aiosqlite:///./taskq.db``  SQLAlchemy *async* URL (SQLite or
                                                           ``postgresql+asyncpg://...``)
``TASKQ_WORKERS``         ``1``                               in-process workers the API starts
                                                           (``>= 0``; 0: none)
``TASKQ_LEASE_SECONDS``   ``30.0``                            a claim's validity without renewal
                                                           (``> 0``)
``TASKQ_POLL_INTERVAL``   ``1.0``                             an idle worker's wait (``> 0``)
``TASKQ_MAX_ATTEMPTS``    ``3``                               attempts before ``failed`` (``>= 1``)
``TASKQ_BACKOFF_BASE``    ``1.0``                             first retry delay (``> 0``)
``TASKQ_BACKOFF_CAP``     ``60.0``                            no retry delay exceeds it
                                                           (``>= backoff_base``)
``TASKQ_PAGE_SIZE_MAX``   ``100``                             the largest ``limit`` of the list
                                                           (``>= 1``)
=====================  ==================================  ========================================

Example::

    >>> Settings(workers=0).lease_seconds
    30.0
"""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """taskq's configuration; see the module docstring for every variable."""

    model_config = SettingsConfigDict(env_prefix="TASKQ_", extra="ignore")

    database_url: str = Field(default="sqlite+aiosqlite:///./taskq.db", min_length=1)
    workers: int = Field(default=1, ge=0)
    lease_seconds: float = Field(default=30.0, gt=0)
    poll_interval: float = Field(default=1.0, gt=0)
    max_attempts: int = Field(default=3, ge=1)
    backoff_base: float = Field(default=1.0, gt=0)
    backoff_cap: float = Field(default=60.0, gt=0)
    page_size_max: int = Field(default=100, ge=1)

    @model_validator(mode="after")
    def _cap_not_below_base(self) -> Self:
        if self.backoff_cap < self.backoff_base:
            raise ValueError("backoff_cap must be >= backoff_base")
        return self
