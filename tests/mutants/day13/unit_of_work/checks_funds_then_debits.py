"""checks the balance with a SELECT, then debits with an unconditional UPDATE: concurrent transfers overdraw"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import CheckConstraint, String, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

MAX_OWNER = 100


class Base(DeclarativeBase):
    """The kata's own declarative base: ``Base.metadata`` holds the ``accounts`` table."""


class Account(Base):
    """A bank account: ``id`` (assigned by the database), ``owner``, ``balance`` in cents."""

    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(String(MAX_OWNER))
    balance: Mapped[int] = mapped_column(default=0)


class AccountNotFound(LookupError):
    """No account has the given id."""


class InsufficientFunds(Exception):
    """The source account holds less than the amount to transfer."""


async def create_schema(engine: AsyncEngine) -> None:
    """Create the ``accounts`` table on the engine's database; a second call changes nothing."""
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """An ``async_sessionmaker`` bound to ``engine`` with ``expire_on_commit=False``."""
    return async_sessionmaker(engine, expire_on_commit=False)


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
        self._session_factory = session_factory
        self._session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        """The session of the running block; ``RuntimeError`` outside it."""
        if self._session is None:
            raise RuntimeError("the unit of work is not inside its async with block")
        return self._session

    async def __aenter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("this unit of work is already inside its async with block")
        self._session = self._session_factory()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session, self._session = self.session, None
        try:
            await session.rollback()  # whatever was not committed: error or not
        finally:
            await session.close()

    async def commit(self) -> None:
        """Commit what the block did so far."""
        await self.session.commit()

    async def rollback(self) -> None:
        """Discard what the block did since the last commit."""
        await self.session.rollback()


def _check_amount(amount: int) -> None:
    if amount <= 0:
        raise ValueError(f"amount must be positive, got {amount}")


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
    if not owner or len(owner) > MAX_OWNER:
        raise ValueError(f"owner must be 1 to {MAX_OWNER} characters, got {owner!r}")
    if balance < 0:
        raise ValueError(f"an opening balance cannot be negative, got {balance}")
    async with UnitOfWork(session_factory) as uow:
        account = Account(owner=owner, balance=balance)
        uow.session.add(account)
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
        result = await uow.session.execute(
            update(Account)
            .where(Account.id == account_id)
            .values(balance=Account.balance + amount)
            .returning(Account.balance)
        )
        new_balance = result.scalar_one_or_none()
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
        raise ValueError("cannot transfer from an account to itself")
    async with UnitOfWork(session_factory) as uow:
        rows = await uow.session.execute(
            select(Account.id, Account.balance).where(Account.id.in_((src, dst)))
        )
        found = {account_id: balance for account_id, balance in rows}
        for account_id in (src, dst):
            if account_id not in found:
                raise AccountNotFound(account_id)
        if found[src] < amount:
            raise InsufficientFunds(f"account {src} holds less than the amount to transfer")
        for account_id, change in sorted({src: -amount, dst: amount}.items()):
            await uow.session.execute(
                update(Account).where(Account.id == account_id).values(balance=Account.balance + change)
            )
        await uow.commit()


async def _explain_failure(session: AsyncSession, src: int, dst: int) -> None:
    """An update matched no row: raise AccountNotFound or, both accounts existing, InsufficientFunds."""
    found = set(await session.scalars(select(Account.id).where(Account.id.in_((src, dst)))))
    for account_id in (src, dst):
        if account_id not in found:
            raise AccountNotFound(account_id)
    raise InsufficientFunds(f"account {src} holds less than the amount to transfer")
