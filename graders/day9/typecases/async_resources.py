"""Type cases for day9.async_resources: a Pool[T] leases out T."""

from typing import assert_type

from day9.async_resources import Lease, Pool


async def cases() -> None:
    pool = Pool(["conn-1", "conn-2"])
    assert_type(pool, Pool[str])
    assert_type(pool.lease(timeout=1.5), Lease[str])
    assert_type(pool.size, int)
    async with pool.lease() as conn:
        assert_type(conn, str)
    async with Pool([1, 2]).lease(None) as number:
        assert_type(number, int)
    pool.lease(timeout="1")  # type: ignore[arg-type]
