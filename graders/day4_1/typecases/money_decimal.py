"""Type cases for day4_1.money_decimal: Decimal only, typed arithmetic, read-only amount."""

from decimal import Decimal
from typing import assert_type

from day4_1.money_decimal import Money

price = Money(Decimal("9.99"), "USD")
assert_type(price.amount, Decimal)
assert_type(price.currency, str)
assert_type(price + price, Money)
assert_type(price - price, Money)
assert_type(-price, Money)
assert_type(price * 3, Money)
assert_type(price * Decimal("0.5"), Money)
assert_type(3 * price, Money)
assert_type(price.allocate([1, 2]), list[Money])
assert_type(price.split(3), list[Money])
Money(9.99, "USD")  # type: ignore[arg-type]
Money(999, "USD")  # type: ignore[arg-type]
price * 1.5  # type: ignore[operator]
price + 1  # type: ignore[operator]
price.amount = Decimal("0")  # type: ignore[misc]
price.allocate([0.5, 0.5])  # type: ignore[list-item]
