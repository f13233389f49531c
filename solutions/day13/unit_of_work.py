"""An async unit of work over SQLAlchemy 2 (asyncio): bank accounts, deposits and transfers.

Write a small bank on ``AsyncEngine`` / ``async_sessionmaker``. The code must work, unchanged, on
a SQLite file through aiosqlite and on PostgreSQL through asyncpg (the graders run it on both).

The model (your own ``DeclarativeBase``, named ``Base``) is one table, ``accounts``:

- ``id``: integer primary key, assigned by the database;
- ``owner``: string of at most 100 characters (``String(100)``), not null;
- ``balance``: integer (cents), not null, never negative.

Each is typed with ``Mapped[...]``: ``account.balance`` is an ``int`` to the type checker.

``create_schema(engine)`` creates it (calling it again is harmless);
``make_session_factory(engine)`` returns an ``async_sessionmaker`` bound to the engine with
``expire_on_commit=False``, so objects stay readable after a commit, outside any session.

``UnitOfWork(session_factory)`` is an async context manager around ONE session::

    async with UnitOfWork(factory) as uow:   # calls session_factory() once, gives back uow
        uow.session.add(Account(owner="ann", balance=100))
        await uow.commit()                   # only an explicit commit makes changes durable

- ``uow.session`` is that session while the block runs; outside a block (before the first
  entry, after the exit) reading it raises ``RuntimeError``, and so do ``commit()`` and
  ``rollback()``.
- ``await uow.commit()`` commits what was done so far; the block may go on and commit again.
  ``await uow.rollback()`` discards what was not committed yet; the block may go on.
- Leaving the block without a (later) commit ROLLS BACK what was not committed: no auto-commit.
- An exception raised inside the block — any ``BaseException``, ``asyncio.CancelledError``
  and ``KeyboardInterrupt`` included — rolls back and propagates unchanged: the very same
  exception object, never swallowed (``__aexit__`` returns ``None``), never wrapped.
- However the block ends, the session is closed (its identity map emptied, its connection given
  back to the pool) — even when the rollback fails.
- Entering a unit of work that is already inside its block raises ``RuntimeError`` and leaves
  the running block alone. Once a block has ended, the same object may be entered again: it
  then gets a new session from the factory. Two different units of work are two sessions, two
  transactions: nested one in the other, the inner one commits or rolls back on its own.

The operations each run in ONE unit of work on a session from the factory they are given, and
commit only when everything succeeded; on any error nothing at all is changed::

    open_account(factory, owner, balance=0) -> Account   # committed; id assigned
    deposit(factory, account_id, amount) -> int          # the balance right after this deposit
    transfer(factory, src, dst, amount) -> None          # src -amount, dst +amount, atomically

Bad input, checked before any session is opened: ``amount`` not > 0, an opening ``balance``
< 0, an ``owner`` that is empty or longer than 100 characters, or ``src == dst`` raise
``ValueError``. An id with no account raises ``AccountNotFound`` (for a transfer, when either
account is missing); a transfer from an account holding less than ``amount`` raises
``InsufficientFunds`` — both sides untouched.

Concurrency, the point of the kata. Each operation may run at the same time as others, each on
its own session, on SQLite (default settings: the driver starts a transaction at the first
write, so a plain SELECT reads whatever is committed at that moment) and on PostgreSQL (READ
COMMITTED, its default). No isolation level stronger than that is given to you, and yet: no
update may be lost, no balance may go negative, and two opposite transfers (a→b and b→a at
once) must both succeed. The graders force the races rather than hope for them: concurrent
operations each run their first statement on ``accounts``, then all wait until every one of
them has reached the table, so two read-then-write deposits always both read the old balance.
So:

- never read a balance, compute in Python and write the result back (``account.balance +=
  amount`` after a SELECT): two deposits of 10 both read 100 and both write 110 — one is
  lost. Let the database do the arithmetic in ONE statement:
  ``UPDATE accounts SET balance = balance + :amount WHERE id = :id`` (``RETURNING balance`` works
  on both databases);
- a debit is a conditional update — ``... SET balance = balance - :amount WHERE id = :id AND
  balance >= :amount`` — and "no row matched" means missing account or insufficient funds;
  a SELECT-then-check-then-UPDATE lets two transfers both pass the check;
- ``SELECT ... FOR UPDATE`` (``with_for_update()``) is not enough here: SQLite drops the clause;
- update the two rows of a transfer in ascending id order, so concurrent transfers lock rows in
  the same order and never deadlock on PostgreSQL.

Example::

    >>> factory = make_session_factory(engine)
    >>> await create_schema(engine)
    >>> ann = await open_account(factory, "ann", 100)
    >>> bob = await open_account(factory, "bob")
    >>> await deposit(factory, bob.id, 5)
    5
    >>> await transfer(factory, ann.id, bob.id, 30)
    >>> await transfer(factory, ann.id, bob.id, 500)
    Traceback (most recent call last):
    ...
    day13.unit_of_work.InsufficientFunds: ...
    >>> await deposit(factory, ann.id, 0)
    Traceback (most recent call last):
    ...
    ValueError: ...
"""

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
    __table_args__ = (CheckConstraint("balance >= 0", name="balance_not_negative"),)

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
    changes = {src: Account.balance - amount, dst: Account.balance + amount}
    async with UnitOfWork(session_factory) as uow:
        for account_id in sorted(changes):  # one lock order for every transfer
            statement = update(Account).where(Account.id == account_id)
            if account_id == src:
                statement = statement.where(Account.balance >= amount)
            result = await uow.session.execute(
                statement.values(balance=changes[account_id]).returning(Account.id)
            )
            if result.scalar_one_or_none() is None:
                await _explain_failure(uow.session, src, dst)
        await uow.commit()


async def _explain_failure(session: AsyncSession, src: int, dst: int) -> None:
    """An update matched no row: raise AccountNotFound or, both accounts existing, InsufficientFunds."""
    found = set(await session.scalars(select(Account.id).where(Account.id.in_((src, dst)))))
    for account_id in (src, dst):
        if account_id not in found:
            raise AccountNotFound(account_id)
    raise InsufficientFunds(f"account {src} holds less than the amount to transfer")
