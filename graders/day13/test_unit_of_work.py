"""Grader for day13.unit_of_work: commit / rollback / close of a unit of work, atomic operations,
and no lost update under concurrency — on a SQLite file and on PostgreSQL.

Balances are read and rows inserted with plain SQL on the grader's own connection, so only the
spec's table (``accounts``: ``id``, ``owner``, ``balance``) is assumed. A session is *closed*
when an object it loaded is no longer in it and it holds no transaction (``close()`` expunges
everything; a mere rollback keeps loaded objects).

Races are forced, never left to luck: a ``Gate`` listens to the engine's cursor events. Each
concurrent operation, once its first statement on ``accounts`` has run, waits until every other
operation has reached that table too — a plain SELECT counts when it has returned its rows, any
other statement (UPDATE, INSERT, SELECT ... FOR UPDATE: those may wait for a lock) when it is
sent. So two read-modify-write deposits both read the old balance before either writes, on
either database, every time; atomic UPDATEs simply queue on the row (or SQLite's write lock).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Integer, String, event, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.util import await_

from day13 import unit_of_work as kata

pytestmark = pytest.mark.asyncio

Factory = async_sessionmaker[AsyncSession]


class Boom(Exception):
    """An ordinary error raised inside a block."""


class Abort(BaseException):
    """Not an Exception (like KeyboardInterrupt): it must roll back and propagate just the same."""


class RollbackFailed(Exception):
    """What the grader's failing session raises from rollback()."""


# --- the database as the grader sees it -------------------------------------------------------


async def prepared(engine: AsyncEngine) -> Factory:
    """create_schema(), then the kata's own session factory."""
    await kata.create_schema(engine)
    return kata.make_session_factory(engine)


async def insert(engine: AsyncEngine, owner: str, balance: int) -> int:
    async with engine.begin() as connection:
        result = await connection.execute(
            text("INSERT INTO accounts (owner, balance) VALUES (:owner, :balance) RETURNING id"),
            {"owner": owner, "balance": balance},
        )
        return int(result.scalar_one())


async def balances(engine: AsyncEngine, ids: Sequence[int]) -> list[int | None]:
    """The committed balance of each id (None: no such row), read on a fresh connection."""
    async with engine.connect() as connection:
        rows = await connection.execute(text("SELECT id, balance FROM accounts"))
        found = {row.id: row.balance for row in rows}
    return [found.get(i) for i in ids]


async def owners(engine: AsyncEngine) -> list[str]:
    async with engine.connect() as connection:
        rows = await connection.execute(text("SELECT owner FROM accounts ORDER BY id"))
        return [row.owner for row in rows]


def recording_factory(
    engine: AsyncEngine, *, failing_rollback: bool = False
) -> tuple[Factory, list[AsyncSession], list[AsyncSession]]:
    """A factory (expire_on_commit=False) whose sessions record that they were made and closed."""
    made: list[AsyncSession] = []
    closed: list[AsyncSession] = []

    class RecordingSession(AsyncSession):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

        async def close(self) -> None:
            closed.append(self)
            await super().close()

        async def rollback(self) -> None:
            if failing_rollback:
                raise RollbackFailed("the grader's session failed to roll back")
            await super().rollback()

    factory: Any = async_sessionmaker(engine, class_=RecordingSession, expire_on_commit=False)
    return factory, made, closed


def exploding_factory() -> Any:
    """A factory that fails if it is called: bad input must be refused before a session opens."""

    def factory(*args: object, **kwargs: object) -> AsyncSession:
        raise AssertionError("a session was opened for input that must be refused first")

    return factory


def is_closed(session: AsyncSession, loaded: object) -> bool:
    """close() empties the identity map and ends the transaction; rollback() alone keeps objects."""
    return loaded not in session and not session.in_transaction()


async def raised(call: Callable[[], Awaitable[object]]) -> BaseException | None:
    """What the awaited call raised (None if it returned); a stub's NotImplementedError escapes."""
    try:
        await call()
    except NotImplementedError:
        raise
    except BaseException as exc:  # noqa: BLE001 — the grader reports whatever it was
        return exc
    return None


def name(error: BaseException | None) -> str:
    return "no exception" if error is None else type(error).__name__


async def load(uow: kata.UnitOfWork, account_id: int) -> object:
    """Load an account through the unit of work's session (it is then in the identity map)."""
    account = await uow.session.get(kata.Account, account_id)
    assert account is not None, "UnitOfWork: uow.session sees the committed rows of the database"
    return account


# --- schema and factory -------------------------------------------------------------------------


def read_columns(connection: Connection) -> dict[str, Any]:
    columns = inspect(connection).get_columns("accounts")
    return {
        c["name"]: (
            "string" if isinstance(c["type"], String) else "integer" if isinstance(c["type"], Integer) else "other",
            getattr(c["type"], "length", None),
            "NULL" if c["nullable"] else "NOT NULL",
        )
        for c in columns
        if c["name"] in ("owner", "balance")
    }


async def test_create_schema_makes_the_accounts_table(engine: AsyncEngine) -> None:
    """create_schema() creates accounts(id, owner, balance); a second call changes nothing."""
    await kata.create_schema(engine)
    first = await insert(engine, "ann", 100)
    await kata.create_schema(engine)
    assert await balances(engine, [first]) == [100], (
        "create_schema(): a second call is harmless — the table and its rows stay"
    )
    second = await insert(engine, "bob", 0)
    assert isinstance(first, int) and second != first, (
        "Account.id: an integer primary key the database assigns"
    )
    async with engine.connect() as connection:
        columns = await connection.run_sync(read_columns)
    assert columns == {"owner": ("string", 100, "NOT NULL"), "balance": ("integer", None, "NOT NULL")}, (
        "Account: owner is a String(100), not null; balance is an integer, not null"
    )


async def test_session_factory_keeps_objects_readable_after_commit(engine: AsyncEngine) -> None:
    """make_session_factory(): bound to the engine, expire_on_commit=False."""
    factory = await prepared(engine)
    uow = kata.UnitOfWork(factory)
    async with uow:
        account = kata.Account(owner="ann", balance=70)
        uow.session.add(account)
        await uow.commit()
    error = None
    try:
        seen = (account.owner, account.balance)
    except Exception as exc:  # noqa: BLE001 — expired attributes cannot load in async code
        error, seen = exc, None
    assert (name(error), seen) == ("no exception", ("ann", 70)), (
        "make_session_factory(): expire_on_commit=False — an object committed in a unit of work "
        "stays readable after the block, without a session"
    )
    assert await balances(engine, [account.id]) == [70], (
        "make_session_factory(): the sessions it makes write to the engine it was given"
    )


# --- the unit of work ---------------------------------------------------------------------------


async def test_commit_makes_changes_durable_through_the_factory_session(engine: AsyncEngine) -> None:
    """__aenter__ calls the factory once and returns the unit of work; commit() commits."""
    await kata.create_schema(engine)
    factory, made, closed = recording_factory(engine)
    uow = kata.UnitOfWork(factory)
    assert made == [], "UnitOfWork(factory): no session is made before the block is entered"
    async with uow as entered:
        assert entered is uow, "async with UnitOfWork(...) as uow: __aenter__ returns the unit of work"
        assert len(made) == 1 and uow.session is made[0], (
            "UnitOfWork: uow.session is the one session made by calling the factory on entry"
        )
        uow.session.add(kata.Account(owner="ann", balance=10))
        await uow.commit()
        uow.session.add(kata.Account(owner="bob", balance=20))
        await uow.commit()
    assert await owners(engine) == ["ann", "bob"], (
        "UnitOfWork.commit(): commits what was done so far; the block may go on and commit again"
    )
    assert (len(made), closed) == (1, made), "UnitOfWork: one session per block, closed at the end"


async def test_leaving_without_commit_rolls_back_and_closes(engine: AsyncEngine) -> None:
    """No auto-commit: what was not committed is rolled back when the block ends."""
    factory = await prepared(engine)
    ann = await insert(engine, "ann", 100)
    uow = kata.UnitOfWork(factory)
    async with uow:
        account = await load(uow, ann)
        session = uow.session
        uow.session.add(kata.Account(owner="kept", balance=1))
        await uow.commit()
        uow.session.add(kata.Account(owner="dropped", balance=2))
        await uow.session.flush()
    assert is_closed(session, account), (
        "UnitOfWork: the session is closed when the block ends (an object it loaded is no "
        "longer in it)"
    )
    assert await owners(engine) == ["ann", "kept"], (
        "UnitOfWork: leaving the block without a later commit rolls back what was not "
        "committed — there is no auto-commit"
    )


async def test_rollback_discards_and_the_block_goes_on(engine: AsyncEngine) -> None:
    """rollback() discards what was not committed yet; later work can still be committed."""
    factory = await prepared(engine)
    async with kata.UnitOfWork(factory) as uow:
        uow.session.add(kata.Account(owner="dropped", balance=1))
        await uow.session.flush()
        await uow.rollback()
        uow.session.add(kata.Account(owner="kept", balance=2))
        await uow.commit()
    assert await owners(engine) == ["kept"], (
        "UnitOfWork.rollback(): discards what was not committed; the block may go on and commit"
    )


@pytest.mark.parametrize("error_type", [Boom, Abort, KeyError], ids=["Exception", "BaseException", "KeyError"])
async def test_an_exception_rolls_back_closes_and_propagates_unchanged(
    engine: AsyncEngine, error_type: type[BaseException]
) -> None:
    """Any exception in the block (BaseException too) rolls back, closes, and propagates as is."""
    factory = await prepared(engine)
    ann = await insert(engine, "ann", 100)
    uow = kata.UnitOfWork(factory)
    error = error_type("raised inside the block")
    loaded: list[object] = []
    sessions: list[AsyncSession] = []

    async def block() -> None:
        async with uow:
            loaded.append(await load(uow, ann))
            sessions.append(uow.session)
            uow.session.add(kata.Account(owner="dropped", balance=1))
            await uow.session.flush()
            raise error

    got = await raised(block)
    assert got is error, (
        f"UnitOfWork: {error_type.__name__} raised inside the block propagates unchanged — the "
        f"same object, never swallowed, never wrapped (got {name(got)})"
    )
    assert await owners(engine) == ["ann"], (
        f"UnitOfWork: {error_type.__name__} raised inside the block rolls back — nothing it did is committed"
    )
    assert is_closed(sessions[0], loaded[0]), (
        f"UnitOfWork: the session is closed when {error_type.__name__} ends the block"
    )


async def test_cancellation_rolls_back_and_closes(engine: AsyncEngine) -> None:
    """A task cancelled inside the block: rolled back, session closed, CancelledError propagates."""
    factory = await prepared(engine)
    ann = await insert(engine, "ann", 100)
    uow = kata.UnitOfWork(factory)
    inside = asyncio.Event()
    loaded: list[object] = []
    sessions: list[AsyncSession] = []

    async def block() -> None:
        async with uow:
            loaded.append(await load(uow, ann))
            sessions.append(uow.session)
            uow.session.add(kata.Account(owner="dropped", balance=1))
            await uow.session.flush()
            inside.set()
            await asyncio.Event().wait()  # until cancelled
            await uow.commit()

    task = asyncio.ensure_future(block())
    waiter = asyncio.ensure_future(inside.wait())
    await asyncio.wait([task, waiter], return_when=asyncio.FIRST_COMPLETED)
    waiter.cancel()
    if task.done():
        task.result()  # the learner's own error (or NotImplementedError) surfaces here
    task.cancel()
    outcome = (await asyncio.gather(task, return_exceptions=True))[0]
    assert isinstance(outcome, asyncio.CancelledError), (
        f"UnitOfWork: asyncio.CancelledError raised inside the block propagates (got {name(outcome)})"
    )
    assert await owners(engine) == ["ann"], "UnitOfWork: a cancelled block is rolled back"
    assert is_closed(sessions[0], loaded[0]), "UnitOfWork: the session is closed when the task is cancelled"


async def test_the_session_is_closed_even_when_rollback_fails(engine: AsyncEngine) -> None:
    """However the block ends, the session is closed: a failing rollback does not skip close()."""
    await kata.create_schema(engine)
    ann = await insert(engine, "ann", 100)
    factory, made, closed = recording_factory(engine, failing_rollback=True)
    uow = kata.UnitOfWork(factory)
    loaded: list[object] = []

    async def block() -> None:
        async with uow:
            loaded.append(await load(uow, ann))
            uow.session.add(kata.Account(owner="dropped", balance=1))
            await uow.session.flush()

    await raised(block)  # the rollback's error may propagate; it is not what is graded here
    assert closed == made and is_closed(made[0], loaded[0]), (
        "UnitOfWork: the session is closed however the block ends — even when its rollback fails"
    )
    assert await owners(engine) == ["ann"], "UnitOfWork: leaving without commit commits nothing"


async def test_outside_the_block_there_is_no_session(engine: AsyncEngine) -> None:
    """uow.session, commit() and rollback() raise RuntimeError before entry and after exit."""
    factory = await prepared(engine)
    uow = kata.UnitOfWork(factory)

    async def read_session() -> AsyncSession:
        return uow.session

    got = {
        "session before entry": name(await raised(read_session)),
        "rollback() before entry": name(await raised(uow.rollback)),
    }
    async with uow:
        pass
    got |= {
        "session after exit": name(await raised(read_session)),
        "commit() after exit": name(await raised(uow.commit)),
        "rollback() after exit": name(await raised(uow.rollback)),
    }
    assert got == dict.fromkeys(got, "RuntimeError"), (
        "UnitOfWork: outside its block (before the first entry, after the exit) uow.session, "
        "commit() and rollback() raise RuntimeError"
    )


async def test_an_active_unit_of_work_cannot_be_entered_again(engine: AsyncEngine) -> None:
    """Entering a unit of work inside its own block raises RuntimeError and leaves the block alone."""
    factory = await prepared(engine)
    uow = kata.UnitOfWork(factory)
    async with uow:
        session = uow.session
        uow.session.add(kata.Account(owner="ann", balance=1))

        async def enter_again() -> None:
            async with uow:
                pass

        error = await raised(enter_again)
        assert name(error) == "RuntimeError", (
            "UnitOfWork: entering a unit of work that is already inside its block raises RuntimeError"
        )
        assert uow.session is session, "UnitOfWork: a refused re-entry leaves the running block's session"
        await uow.commit()
    assert await owners(engine) == ["ann"], (
        "UnitOfWork: after a refused re-entry the running block still commits"
    )


async def test_a_finished_unit_of_work_gets_a_new_session(engine: AsyncEngine) -> None:
    """Once its block has ended, a unit of work may be entered again, with a new session."""
    await kata.create_schema(engine)
    factory, made, closed = recording_factory(engine)
    uow = kata.UnitOfWork(factory)
    async with uow:
        uow.session.add(kata.Account(owner="first", balance=1))
        await uow.commit()
    async with uow:
        second = uow.session
        uow.session.add(kata.Account(owner="second", balance=2))
        await uow.commit()
    assert (len(made), made[-1] is second, closed) == (2, True, made), (
        "UnitOfWork: entered again after its block ended, it makes a new session from the factory"
    )
    assert await owners(engine) == ["first", "second"], "UnitOfWork: each block commits its own work"


async def test_nested_units_of_work_are_independent(engine: AsyncEngine) -> None:
    """Two units of work are two transactions: the inner one's commit survives the outer's rollback."""
    factory = await prepared(engine)
    outer, inner = kata.UnitOfWork(factory), kata.UnitOfWork(factory)

    async def block() -> None:
        async with outer:
            async with inner:
                inner.session.add(kata.Account(owner="inner", balance=1))
                await inner.commit()
            assert outer.session is not None
            outer.session.add(kata.Account(owner="outer", balance=2))
            await outer.session.flush()
            raise Boom("the outer block fails")

    error = await raised(block)
    assert isinstance(error, Boom), "UnitOfWork: the outer block's error propagates"
    assert await owners(engine) == ["inner"], (
        "UnitOfWork: nested units of work are independent transactions — the inner commit stays, "
        "the outer block's work is rolled back"
    )


# --- the operations -----------------------------------------------------------------------------


async def test_open_account_commits_and_returns_a_readable_account(engine: AsyncEngine) -> None:
    """open_account() commits a new account and returns it, readable after the session closed."""
    factory = await prepared(engine)
    ann = await kata.open_account(factory, "ann", 100)
    bob = await kata.open_account(factory, "b" * 100)
    got = [(a.owner, a.balance) for a in (ann, bob)]
    assert got == [("ann", 100), ("b" * 100, 0)], (
        "open_account(factory, owner, balance=0): returns the account, owner and balance "
        "readable after the commit; the balance defaults to 0"
    )
    assert await balances(engine, [ann.id, bob.id]) == [100, 0], (
        "open_account(): the account is committed, under the id it returns"
    )


@pytest.mark.parametrize(("owner", "balance"), [("", 0), ("x" * 101, 0), ("ann", -1)])
async def test_open_account_refuses_bad_input_before_opening_a_session(owner: str, balance: int) -> None:
    """An empty owner, one longer than 100 characters, or balance < 0: ValueError, no session."""
    error = await raised(lambda: kata.open_account(exploding_factory(), owner, balance))
    assert name(error) == "ValueError", (
        f"open_account(owner of {len(owner)} characters, balance={balance}): ValueError, raised "
        "before any session is opened"
    )


async def test_deposit_adds_and_returns_the_new_balance(engine: AsyncEngine) -> None:
    """deposit() adds amount, commits, returns the balance right after; its sessions are closed."""
    await kata.create_schema(engine)
    ann, bob = await insert(engine, "ann", 100), await insert(engine, "bob", 7)
    factory, made, closed = recording_factory(engine)
    got = [await kata.deposit(factory, ann, 25), await kata.deposit(factory, ann, 1)]
    assert got == [125, 126], "deposit(): returns the balance right after this deposit"
    assert await balances(engine, [ann, bob]) == [126, 7], (
        "deposit(): adds amount to that account only, and commits"
    )
    assert made and closed == made, (
        "deposit(): runs in a unit of work on sessions from the factory it is given, all closed"
    )


async def test_deposit_errors_change_nothing(engine: AsyncEngine) -> None:
    """Unknown id: AccountNotFound; amount <= 0: ValueError before any session opens."""
    factory = await prepared(engine)
    ann = await insert(engine, "ann", 100)
    missing = ann + 1000
    error = await raised(lambda: kata.deposit(factory, missing, 5))
    assert name(error) == "AccountNotFound" and isinstance(error, LookupError), (
        "deposit(): an id with no account raises AccountNotFound (a LookupError)"
    )
    assert await balances(engine, [ann, missing]) == [100, None], (
        "deposit(): an unknown id changes nothing and creates no account"
    )
    for amount in (0, -5):
        error = await raised(lambda: kata.deposit(exploding_factory(), ann, amount))
        assert name(error) == "ValueError", (
            f"deposit(amount={amount}): ValueError, raised before any session is opened"
        )


async def test_transfer_moves_money(engine: AsyncEngine) -> None:
    """transfer() takes amount from src and gives it to dst, in both id orders, down to 0."""
    await kata.create_schema(engine)
    ann, bob = await insert(engine, "ann", 100), await insert(engine, "bob", 5)
    factory, made, closed = recording_factory(engine)
    await kata.transfer(factory, ann, bob, 30)
    assert await balances(engine, [ann, bob]) == [70, 35], "transfer(ann, bob, 30): ann -30, bob +30"
    await kata.transfer(factory, bob, ann, 35)
    assert await balances(engine, [ann, bob]) == [105, 0], (
        "transfer(): src may be emptied to exactly 0 (src == amount is enough), either id order"
    )
    assert made and closed == made, (
        "transfer(): runs in a unit of work on sessions from the factory it is given, all closed"
    )


async def test_transfer_updates_the_lower_id_first(engine: AsyncEngine) -> None:
    """transfer() updates its two rows in ascending id order, whichever is src: the order
    concurrent transfers lock rows in (on PostgreSQL the other order can deadlock)."""
    factory = await prepared(engine)
    low, high = await insert(engine, "ann", 100), await insert(engine, "bob", 100)
    touched: list[int] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("UPDATE"):
            values = list(parameters.values()) if isinstance(parameters, dict) else list(parameters or ())
            ids = [row for row in (low, high) if row in values]
            if len(ids) == 1:  # one statement for both rows locks them in one go: no order to check
                touched.append(ids[0])

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        await kata.transfer(factory, high, low, 7)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
    assert await balances(engine, [low, high]) == [107, 93], "transfer(bob, ann, 7): bob -7, ann +7"
    assert not touched or touched[0] == low, (
        "transfer(src, dst): the row with the lower id is updated first, whichever is src — here "
        "the first UPDATE touched the higher id, so two opposite transfers lock in opposite orders"
    )


async def test_transfer_errors_change_nothing(engine: AsyncEngine) -> None:
    """Missing account: AccountNotFound; too little money: InsufficientFunds; both sides untouched."""
    factory = await prepared(engine)
    ann, bob = await insert(engine, "ann", 100), await insert(engine, "bob", 5)
    low, high = ann - 1000, bob + 1000  # no such accounts: one below, one above every id
    cases = {
        "transfer(ann, missing, 10)": ((ann, high, 10), "AccountNotFound"),
        "transfer(missing, bob, 10)": ((high, bob, 10), "AccountNotFound"),
        "transfer(bob, missing below, 1)": ((bob, low, 1), "AccountNotFound"),
        "transfer(missing below, ann, 1)": ((low, ann, 1), "AccountNotFound"),
        "transfer(bob, ann, 6) with bob at 5": ((bob, ann, 6), "InsufficientFunds"),
        "transfer(bob, missing, 6) with bob at 5": ((bob, high, 6), "AccountNotFound"),
        "transfer(ann, bob, 101) with ann at 100": ((ann, bob, 101), "InsufficientFunds"),
    }
    for case, ((src, dst, amount), want) in cases.items():
        error = await raised(lambda: kata.transfer(factory, src, dst, amount))
        assert name(error) == want, (
            f"{case}: {want} — AccountNotFound when either account is missing, else "
            "InsufficientFunds when src holds less than amount"
        )
        assert await balances(engine, [ann, bob, low, high]) == [100, 5, None, None], (
            f"{case}: a failed transfer changes nothing — both sides rolled back"
        )
    for args in ((ann, bob, 0), (ann, bob, -1), (ann, ann, 10)):
        error = await raised(lambda: kata.transfer(exploding_factory(), *args))
        assert name(error) == "ValueError", (
            f"transfer{args}: amount not > 0 or src == dst raise ValueError before any session opens"
        )


@st.composite
def operations(draw: st.DrawFn) -> list[tuple[Any, ...]]:
    """Deposits and transfers between accounts 0..2; index 3 is an id with no account."""
    accounts = st.integers(min_value=0, max_value=3)
    amount = st.sampled_from([1, 5, 20, 50, 100, 150])
    op = st.one_of(
        st.tuples(st.just("deposit"), accounts, amount),
        st.tuples(st.just("transfer"), accounts, accounts, amount).filter(lambda t: t[1] != t[2]),
    )
    return draw(st.lists(op, min_size=1, max_size=5))


@settings(max_examples=6, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(ops=operations(), opening=st.tuples(*[st.sampled_from([0, 10, 100])] * 3))
@example(ops=[("transfer", 0, 1, 100), ("transfer", 1, 3, 50), ("deposit", 3, 5)], opening=(100, 0, 10))
async def test_operations_match_a_ledger(
    engine: AsyncEngine, ops: list[tuple[Any, ...]], opening: tuple[int, int, int]
) -> None:
    """A sequence of deposits and transfers: every result, error and balance as a ledger says."""
    factory = await prepared(engine)
    ids = [await insert(engine, f"acc{i}", balance) for i, balance in enumerate(opening)]
    ids.append(max(ids) + 1000)
    ledger = dict(zip(ids, [*opening, None]))
    for op in ops:
        want: object
        got: object
        if op[0] == "deposit":
            _, who, amount = op
            target = ledger[ids[who]]
            if target is None:
                want, got = "AccountNotFound", name(await raised(lambda: kata.deposit(factory, ids[who], amount)))
            else:
                want, got = target + amount, await kata.deposit(factory, ids[who], amount)
                ledger[ids[who]] = target + amount
        else:
            _, src, dst, amount = op
            a, b = ledger[ids[src]], ledger[ids[dst]]
            if a is None or b is None:
                want = "AccountNotFound"
            elif a < amount:
                want = "InsufficientFunds"
            else:
                want = "no exception"
                ledger[ids[src]], ledger[ids[dst]] = a - amount, b + amount
            got = name(await raised(lambda: kata.transfer(factory, ids[src], ids[dst], amount)))
        assert got == want, f"{op[0]}(): the result an account ledger gives for {op}"
        if isinstance(want, str) and want != "no exception":
            assert await balances(engine, ids) == list(ledger.values()), (
                f"after {op}: a failed operation changes nothing — every balance as before"
            )
    assert await balances(engine, ids) == list(ledger.values()), (
        f"after {ops}: every balance is what the ledger says"
    )


# --- concurrency, forced ------------------------------------------------------------------------

PARTICIPANT: contextvars.ContextVar[int | None] = contextvars.ContextVar("participant", default=None)
PLAIN_READ = re.compile(r"^\s*SELECT\b(?!.*\bFOR\s+(UPDATE|NO\s+KEY|SHARE|KEY\s+SHARE)\b)", re.I | re.S)
ACCOUNTS = re.compile(r"\baccounts\b", re.I)
STALL = 3.0  # real seconds: a safety net only, never reached by the spec's implementations
POLL = 0.002  # real seconds between two looks at PostgreSQL's lock waits


class Gate:
    """Holds each operation after its first statement on accounts until all n have got there.

    A statement *gets there* when it has run — or, for one that may wait for a lock (anything
    but a plain SELECT), once it is waiting: on PostgreSQL when pg_stat_activity shows its
    backend waiting for a lock (so opposite transfers really meet on their rows), on SQLite,
    whose one write lock cannot deadlock, as soon as it is sent. So no operation is held at
    the gate for one that waits for its lock.
    """

    def __init__(self, n: int, server: Any) -> None:
        self.n = n
        self.server = server  # an asyncpg connection on PostgreSQL, None on SQLite
        self.arrived: set[int] = set()
        self.held: set[int] = set()
        self.sent: dict[int, int] = {}  # participant -> backend pid of its waiting statement
        self.open = asyncio.Event()
        self.polling = asyncio.Lock()

    def arrive(self, who: int) -> None:
        self.arrived.add(who)
        if len(self.arrived) >= self.n:
            self.open.set()

    def before(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        who = PARTICIPANT.get()
        if who is None or not ACCOUNTS.search(statement) or PLAIN_READ.match(statement):
            return
        if self.server is None:
            self.arrive(who)
        else:
            self.sent[who] = conn.connection.driver_connection.get_server_pid()

    def after(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        who = PARTICIPANT.get()
        if who is None or not ACCOUNTS.search(statement):
            return
        self.sent.pop(who, None)
        self.arrive(who)
        if who not in self.held:
            self.held.add(who)
            if not self.open.is_set():
                await_(self.wait())

    async def wait(self) -> None:
        loop = asyncio.get_running_loop()
        give_up = loop.time() + STALL
        while not self.open.is_set():
            if loop.time() > give_up:  # let everyone go: the check then fails on its own terms
                self.open.set()
                break
            if self.server is None or not self.sent:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.open.wait(), POLL * 25)
                continue
            async with self.polling:  # one connection: one query at a time
                rows = await self.server.fetch(
                    "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                )
            waiting = {row["pid"] for row in rows}
            for who, pid in list(self.sent.items()):
                if pid in waiting:
                    self.arrive(who)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.open.wait(), POLL)

    async def run(self, who: int, call: Callable[[], Awaitable[Any]]) -> tuple[str, Any]:
        """("ok", result) or (exception name, exception); arriving when done, whatever happened."""
        PARTICIPANT.set(who)
        try:
            return "ok", await call()
        except NotImplementedError:
            raise
        except Exception as exc:  # noqa: BLE001 — reported by the check
            return type(exc).__name__, exc
        finally:
            self.arrive(who)


@asynccontextmanager
async def gate(engine: AsyncEngine, n: int) -> AsyncIterator[Gate]:
    server = None
    if engine.dialect.name == "postgresql":
        import asyncpg  # type: ignore[import-untyped]

        dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        server = await asyncpg.connect(dsn)
    forced = Gate(n, server)
    event.listen(engine.sync_engine, "before_cursor_execute", forced.before)
    event.listen(engine.sync_engine, "after_cursor_execute", forced.after)
    try:
        yield forced
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", forced.before)
        event.remove(engine.sync_engine, "after_cursor_execute", forced.after)
        if server is not None:
            await server.close()


async def concurrently(engine: AsyncEngine, calls: Sequence[Callable[[], Awaitable[Any]]]) -> list[tuple[str, Any]]:
    async with gate(engine, len(calls)) as forced:
        return await asyncio.gather(*(forced.run(i, call) for i, call in enumerate(calls)))


def outcomes(results: list[tuple[str, Any]]) -> list[str]:
    return [kind for kind, _ in results]


def failures(results: list[tuple[str, Any]]) -> str:
    errors = [f"{kind}: {value}" for kind, value in results if kind not in ("ok", "InsufficientFunds")]
    return "; ".join(errors)[:300]


@pytest.mark.parametrize("amounts", [[10, 20], [1, 2, 4, 8]], ids=["2 deposits", "4 deposits"])
async def test_concurrent_deposits_lose_no_update(engine: AsyncEngine, amounts: list[int]) -> None:
    """Deposits at once on one account, all reading before any writes: every one counts."""
    factory = await prepared(engine)
    ann = await insert(engine, "ann", 100)
    results = await concurrently(engine, [partial(kata.deposit, factory, ann, a) for a in amounts])
    assert failures(results) == "", "deposit(): concurrent deposits all succeed"
    assert await balances(engine, [ann]) == [100 + sum(amounts)], (
        f"deposit(): {len(amounts)} concurrent deposits lose no update — a balance read in Python "
        "and written back overwrites the others (SQLite ignores SELECT ... FOR UPDATE); let the "
        "database add: balance = balance + :amount"
    )
    returned = sorted(value for _, value in results)
    steps = [b - a for a, b in zip([100, *returned], returned)]
    assert sorted(steps) == sorted(amounts), (
        "deposit(): each concurrent deposit returns the balance right after itself, as if they "
        f"had run one after another (returned {[value for _, value in results]})"
    )


async def test_concurrent_transfers_never_overdraw(engine: AsyncEngine) -> None:
    """Three transfers of 40 from 100 at once: two succeed, one InsufficientFunds, never below 0."""
    factory = await prepared(engine)
    ann = await insert(engine, "ann", 100)
    others = [await insert(engine, f"to{i}", 0) for i in range(3)]
    results = await concurrently(engine, [partial(kata.transfer, factory, ann, o, 40) for o in others])
    assert failures(results) == "", "transfer(): concurrent transfers succeed or raise InsufficientFunds"
    final = await balances(engine, [ann, *others])
    assert (final[0], sorted(outcomes(results))) == (20, ["InsufficientFunds", "ok", "ok"]), (
        "transfer(): three concurrent transfers of 40 from 100 — two succeed and one raises "
        "InsufficientFunds; a balance checked by a SELECT can change before the UPDATE: make "
        f"the debit one conditional UPDATE (balances after: {final})"
    )
    assert sum(b or 0 for b in final) == 100, "transfer(): money is neither created nor lost"


async def test_concurrent_credits_lose_no_update(engine: AsyncEngine) -> None:
    """Transfers from three accounts into one, at once: the destination receives them all."""
    factory = await prepared(engine)
    sources = [await insert(engine, f"from{i}", 50) for i in range(3)]
    pot = await insert(engine, "pot", 1)
    results = await concurrently(
        engine, [partial(kata.transfer, factory, s, pot, a) for s, a in zip(sources, [10, 20, 30])]
    )
    assert failures(results) == "", "transfer(): concurrent transfers into one account all succeed"
    assert await balances(engine, [*sources, pot]) == [40, 30, 20, 61], (
        "transfer(): concurrent transfers into one account lose no update — each credit is "
        "balance = balance + :amount in the database"
    )


async def test_opposite_transfers_both_succeed(engine: AsyncEngine) -> None:
    """a→b and b→a at once: both succeed (rows updated in ascending id order: no deadlock)."""
    factory = await prepared(engine)
    ann, bob = await insert(engine, "ann", 100), await insert(engine, "bob", 100)
    results = await concurrently(
        engine, [partial(kata.transfer, factory, ann, bob, 30), partial(kata.transfer, factory, bob, ann, 50)]
    )
    assert outcomes(results) == ["ok", "ok"], (
        "transfer(): two opposite transfers at once both succeed — update the two rows in "
        f"ascending id order so they never deadlock ({failures(results) or 'no error'})"
    )
    assert await balances(engine, [ann, bob]) == [120, 80], (
        "transfer(): opposite concurrent transfers lose no update"
    )
