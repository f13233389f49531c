"""Type cases for day4.money: read-only attributes, typed constructor and comparisons."""

from typing import assert_type

from day4.money import Money

price = Money(1050, "USD")
assert_type(price.cents, int)
assert_type(price.currency, str)
assert_type(price == Money(1, "USD"), bool)
assert_type(price < Money(1, "USD"), bool)
assert_type(price >= Money(1, "USD"), bool)
assert_type(hash(price), int)
assert_type(sorted([price, Money(5, "USD")]), list[Money])
price.cents = 1  # type: ignore[misc]
price.currency = "EUR"  # type: ignore[misc]
Money(10.5, "USD")  # type: ignore[arg-type]
Money("1050", "USD")  # type: ignore[arg-type]
