"""Type cases: typed columns, a unit of work that gives back itself and an AsyncSession."""

from typing import assert_type

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from day13.unit_of_work import Account, UnitOfWork, deposit, make_session_factory, open_account, transfer


async def cases(engine: AsyncEngine) -> None:
    factory = make_session_factory(engine)
    account = await open_account(factory, "ann", 100)
    assert_type(account, Account)
    assert_type(account.id, int)
    assert_type(account.owner, str)
    assert_type(account.balance, int)
    assert_type(await deposit(factory, account.id, 5), int)
    await transfer(factory, account.id, 2, 5)
    async with UnitOfWork(factory) as uow:
        assert_type(uow, UnitOfWork)
        assert_type(uow.session, AsyncSession)
    await deposit(factory, account.id, 1.5)  # type: ignore[arg-type]
    account.balance = "100"  # type: ignore[assignment]
