"""Updates src before dst whatever their ids: opposite transfers lock rows in opposite orders."""
from __future__ import annotations

import enum
from types import TracebackType
from typing import Self

from sqlalchemy import CheckConstraint, Integer, String, Table, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

MAX_OWNER = 100


class Base(DeclarativeBase):
    """The kata's own declarative base: ``Base.metadata`` holds the ``accounts`` table."""


class Account(Base):
    """A bank account: ``id`` (assigned by the database), ``owner``, ``balance`` in cents."""

    __tablename__ = "accounts"
    __table_args__ = (CheckConstraint("balance >= 0", name="ck_accounts_balance_nonneg"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    owner: Mapped[str] = mapped_column(String(MAX_OWNER), nullable=False)
    balance: Mapped[int] = mapped_column(Integer, nullable=False)


class AccountNotFound(LookupError):
    """No account has the given id."""


class InsufficientFunds(Exception):
    """The source account holds less than the amount to transfer."""


async def create_schema(engine: AsyncEngine) -> None:
    """Create the ``accounts`` table on the engine's database; a second call changes nothing."""
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all, checkfirst=True)


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """An ``async_sessionmaker`` bound to ``engine`` with ``expire_on_commit=False``."""
    factory: async_sessionmaker[AsyncSession] = async_sessionmaker(
        bind=engine, class_=AsyncSession, expire_on_commit=False
    )
    return factory


class _State(enum.Enum):
    IDLE = "idle"
    ACTIVE = "active"


class UnitOfWork:
    """One session, one transaction: ``async with UnitOfWork(factory) as uow: ...``.

    Only ``await uow.commit()`` makes changes durable; leaving the block rolls back whatever
    was not committed, an exception (any ``BaseException``) rolls back and propagates
    unchanged, and the session is closed however the block ends. ``uow.session``,
    ``commit()`` and ``rollback()`` raise ``RuntimeError`` outside the block, and entering a
    unit of work that is already inside its block raises ``RuntimeError``.

    >>> async with UnitOfWork(factory) as uow:
    ...     uow.session.add(Account(owner="ann", balance=100))
    ...     await uow.commit()
    """

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._factory = session_factory
        self._state = _State.IDLE
        # A list used as a one-slot holder: empty outside the block.
        self._slot: list[AsyncSession] = []

    def _active(self) -> AsyncSession:
        if self._state is not _State.ACTIVE or not self._slot:
            raise RuntimeError("unit of work is not inside its block")
        return self._slot[0]

    @property
    def session(self) -> AsyncSession:
        """The session of the running block; ``RuntimeError`` outside it."""
        return self._active()

    async def __aenter__(self) -> Self:
        if self._state is _State.ACTIVE:
            raise RuntimeError("unit of work is already inside its block")
        session = self._factory()
        self._slot.append(session)
        self._state = _State.ACTIVE
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session = self._active()
        try:
            try:
                await session.rollback()
            except Exception:
                if exc is None:
                    raise
                # The block's own exception is what propagates, unchanged.
        finally:
            try:
                await session.close()
            finally:
                self._slot.clear()
                self._state = _State.IDLE
        return None

    async def commit(self) -> None:
        """Commit what the block did so far."""
        await self._active().commit()

    async def rollback(self) -> None:
        """Discard what the block did since the last commit."""
        await self._active().rollback()


def _check_amount(amount: int) -> None:
    if not amount > 0:
        raise ValueError(f"amount must be > 0, got {amount!r}")


_accounts: Table = Base.metadata.tables["accounts"]


async def _exists(session: AsyncSession, account_id: int) -> bool:
    found = await session.scalar(select(_accounts.c.id).where(_accounts.c.id == account_id))
    return found is not None


async def _credit(session: AsyncSession, account_id: int, amount: int) -> int | None:
    stmt = (
        update(_accounts)
        .where(_accounts.c.id == account_id)
        .values(balance=_accounts.c.balance + amount)
        .returning(_accounts.c.balance)
    )
    result = await session.execute(stmt)
    value: int | None = result.scalar_one_or_none()
    return value


async def _debit(session: AsyncSession, account_id: int, amount: int) -> int | None:
    stmt = (
        update(_accounts)
        .where(_accounts.c.id == account_id, _accounts.c.balance >= amount)
        .values(balance=_accounts.c.balance - amount)
        .returning(_accounts.c.balance)
    )
    result = await session.execute(stmt)
    value: int | None = result.scalar_one_or_none()
    return value


async def open_account(
    session_factory: async_sessionmaker[AsyncSession], owner: str, balance: int = 0
) -> Account:
    """Create an account in its own unit of work and commit; return it.

    With a factory made by ``make_session_factory`` (``expire_on_commit=False``) the returned
    account's ``id``, ``owner`` and ``balance`` stay readable after the session is closed.
    ``ValueError`` (before any session is opened) for an empty owner, one longer than 100
    characters, or ``balance < 0``.

    >>> ann = await open_account(factory, "ann", 100)
    >>> ann.owner, ann.balance
    ('ann', 100)
    """
    if len(owner) == 0:
        raise ValueError("owner must not be empty")
    if len(owner) > MAX_OWNER:
        raise ValueError(f"owner longer than {MAX_OWNER} characters")
    if balance < 0:
        raise ValueError(f"opening balance must be >= 0, got {balance!r}")
    account = Account(owner=owner, balance=balance)
    async with UnitOfWork(session_factory) as uow:
        uow.session.add(account)
        await uow.session.flush()
        await uow.commit()
    return account


async def deposit(
    session_factory: async_sessionmaker[AsyncSession], account_id: int, amount: int
) -> int:
    """Add ``amount`` to the account in one atomic statement and commit; return the new balance.

    ``ValueError`` if ``amount <= 0`` (no session opened); ``AccountNotFound`` for an unknown id.
    Concurrent deposits lose no update.

    >>> await deposit(factory, ann.id, 25)
    125
    """
    _check_amount(amount)
    async with UnitOfWork(session_factory) as uow:
        new_balance = await _credit(uow.session, account_id, amount)
        if new_balance is None:
            raise AccountNotFound(account_id)
        await uow.commit()
    return new_balance


async def transfer(
    session_factory: async_sessionmaker[AsyncSession], src: int, dst: int, amount: int
) -> None:
    """Move ``amount`` from ``src`` to ``dst`` in one unit of work: both or neither.

    ``ValueError`` if ``amount <= 0`` or ``src == dst`` (no session opened);
    ``AccountNotFound`` if either account is missing; ``InsufficientFunds`` if ``src`` holds
    less than ``amount``. On every error both balances are unchanged. Concurrent transfers
    lose no update, never overdraw, and update rows in ascending id order (no deadlock).

    >>> await transfer(factory, ann.id, bob.id, 30)
    """
    _check_amount(amount)
    if src == dst:
        raise ValueError("cannot transfer an account to itself")
    # A plan of (row id, is_debit): take the money first, then hand it over.
    plan = [(src, True), (dst, False)]
    async with UnitOfWork(session_factory) as uow:
        session = uow.session
        for account_id, is_debit in plan:
            if is_debit:
                if await _debit(session, account_id, amount) is not None:
                    continue
                for needed in (src, dst):
                    if not await _exists(session, needed):
                        raise AccountNotFound(needed)
                raise InsufficientFunds(f"account {src} holds less than {amount}")
            if await _credit(session, account_id, amount) is None:
                raise AccountNotFound(account_id)
        await uow.commit()
