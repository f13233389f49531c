"""Your task: test the checkout service layer in ``checkout.py`` — with its gateway mocked.

``checkout.py`` is complete; its docstrings are the spec. Write the tests in this file. The
grader runs your tests against the real module and against several subtly broken versions of
it: your suite must pass on every correct version and fail on every broken one.

What the grader requires:

- **Replace the external dependency.** ``HttpPaymentGateway`` raises ``RuntimeError`` (there
  is no network in tests): a suite that reaches it fails on correct code. Give the service a
  test double instead — ``Mock(spec=checkout.PaymentGateway)``,
  ``create_autospec(checkout.PaymentGateway, instance=True)`` or pytest-mock's ``mocker``.
  Program it with ``return_value`` and ``side_effect`` (an exception, or a list of results
  and exceptions, one per call).
- **Assert the interaction**, not only the result: with the right amount in cents, the right
  idempotency key, how many times, and *not at all* when it must not happen —
  ``assert_called_once_with(...)``, ``assert_not_called()``, ``call_count``,
  ``call_args_list``. Several broken versions return the right order and differ only in how
  they talk to the gateway.
- **Mock the dependency, never the thing under test:** the ``CheckoutService`` must be the
  real one. For the repository use ``checkout.InMemoryOrderRepository`` (a fake) or a Mock.
- Service errors are checked with ``pytest.raises(checkout.SomeError)``.

The tests below are a start, not the list: think about the edge cases in the spec (bad input,
the retry rules, refunds) and add tests for them — the broken versions hide bugs there too.
Fixtures (a ``gateway`` and a ``service``) keep the tests short.
"""

from decimal import Decimal
from unittest.mock import Mock

import pytest

from day11 import checkout

BOOK = checkout.LineItem("book", 2, Decimal("12.50"))  # 25.00 EUR, 2500 cents


@pytest.fixture
def gateway() -> Mock:
    """A Mock(spec=checkout.PaymentGateway) whose charge() returns a charge id, e.g. "ch_1"."""
    raise NotImplementedError


def test_place_order_charges_the_total_in_cents_once() -> None:
    """The total (sum of quantity * unit_price) is charged once, in cents, keyed by the order id."""
    raise NotImplementedError


def test_place_order_stores_the_paid_order() -> None:
    """The returned order carries the gateway's charge id and is the one stored."""
    raise NotImplementedError


def test_invalid_order_is_refused_before_any_charge() -> None:
    """A bad customer or item raises InvalidOrder; the gateway is never called, nothing stored."""
    raise NotImplementedError


def test_declined_charge_raises_payment_failed_and_stores_nothing() -> None:
    """PaymentDeclined becomes PaymentFailed, is not retried, and no order is stored."""
    raise NotImplementedError


def test_refund_sends_the_amount_to_the_gateway() -> None:
    """A refund calls gateway.refund(charge_id, cents) once and stores the increased refunded."""
    raise NotImplementedError


def test_refund_of_unknown_order_raises() -> None:
    """Refunding an id that was never placed raises OrderNotFound; the gateway is not called."""
    raise NotImplementedError
