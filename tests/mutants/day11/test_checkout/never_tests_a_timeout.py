"""Never tests a gateway timeout: the retry rules go untested."""

from __future__ import annotations

from decimal import Decimal
from unittest.mock import Mock, call

import pytest

from day11 import checkout

ORDER_ID = "ord-1"
BOOK = checkout.LineItem("book", 2, Decimal("12.50"))  # 25.00 EUR, 2500 cents
PEN = checkout.LineItem("pen", 3, Decimal("0.99"))


@pytest.fixture
def gateway() -> Mock:
    """A Mock(spec=checkout.PaymentGateway) whose charge() returns a charge id, e.g. "ch_1"."""
    double = Mock(spec=checkout.PaymentGateway)
    double.charge.return_value = "ch_1"
    return double


@pytest.fixture
def orders() -> checkout.InMemoryOrderRepository:
    return checkout.InMemoryOrderRepository()


@pytest.fixture
def service(gateway: Mock, orders: checkout.InMemoryOrderRepository) -> checkout.CheckoutService:
    return checkout.CheckoutService(gateway, orders, new_id=lambda: ORDER_ID)


@pytest.fixture
def placed(service: checkout.CheckoutService, gateway: Mock) -> checkout.Order:
    """An order of 27.97 EUR (2 books, 3 pens), paid with charge ch_1."""
    order = service.place_order("ada", [BOOK, PEN])
    gateway.reset_mock()
    return order


# --- placing an order --------------------------------------------------------------------


def test_place_order_charges_the_total_in_cents_once(
    service: checkout.CheckoutService, gateway: Mock
) -> None:
    """The total (sum of quantity * unit_price) is charged once, in cents, keyed by the order id."""
    order = service.place_order("ada", [BOOK, PEN])
    assert order.total == Decimal("27.97")
    gateway.charge.assert_called_once_with(2797, idempotency_key=ORDER_ID)
    assert order.id == ORDER_ID


def test_place_order_stores_the_paid_order(
    service: checkout.CheckoutService, orders: checkout.InMemoryOrderRepository
) -> None:
    """The returned order carries the gateway's charge id and is the one stored."""
    order = service.place_order("ada", [BOOK])
    assert order.charge_id == "ch_1"
    assert order.customer == "ada"
    assert order.items == (BOOK,)
    assert order.refunded == 0
    assert orders.get(order.id) == order
    assert len(orders) == 1


def test_the_idempotency_key_is_the_order_id_by_default(gateway: Mock) -> None:
    """Without new_id, the order gets an id of its own, and that id is the idempotency key."""
    service = checkout.CheckoutService(gateway, checkout.InMemoryOrderRepository())
    order = service.place_order("ada", [BOOK])
    gateway.charge.assert_called_once_with(2500, idempotency_key=order.id)


@pytest.mark.parametrize(
    ("customer", "items"),
    [
        ("", [BOOK]),
        ("   ", [BOOK]),
        ("ada", []),
        ("ada", [checkout.LineItem("book", 0, Decimal("12.50"))]),
        ("ada", [BOOK, checkout.LineItem("pen", -1, Decimal("0.99"))]),
        ("ada", [checkout.LineItem("gift", 1, Decimal("0"))]),
        ("ada", [checkout.LineItem("debt", 1, Decimal("-5.00"))]),
        ("ada", [checkout.LineItem("grain", 1, Decimal("0.001"))]),
    ],
    ids=["no customer", "blank customer", "no items", "quantity 0", "negative quantity",
         "free item", "negative price", "fraction of a cent"],
)
def test_invalid_order_is_refused_before_any_charge(
    service: checkout.CheckoutService,
    gateway: Mock,
    orders: checkout.InMemoryOrderRepository,
    customer: str,
    items: list[checkout.LineItem],
) -> None:
    """A bad customer or item raises InvalidOrder; the gateway is never called, nothing stored."""
    with pytest.raises(checkout.InvalidOrder):
        service.place_order(customer, items)
    gateway.charge.assert_not_called()
    assert len(orders) == 0


def test_declined_charge_raises_payment_failed_and_stores_nothing(
    service: checkout.CheckoutService, gateway: Mock, orders: checkout.InMemoryOrderRepository
) -> None:
    """PaymentDeclined becomes PaymentFailed, is not retried, and no order is stored."""
    gateway.charge.side_effect = checkout.PaymentDeclined("card declined")
    with pytest.raises(checkout.PaymentFailed) as raised:
        service.place_order("ada", [BOOK])
    assert isinstance(raised.value.__cause__, checkout.PaymentDeclined)
    gateway.charge.assert_called_once_with(2500, idempotency_key=ORDER_ID)
    assert orders.get(ORDER_ID) is None
    assert len(orders) == 0





# --- refunds -----------------------------------------------------------------------------


def test_refund_sends_the_amount_to_the_gateway(
    service: checkout.CheckoutService,
    gateway: Mock,
    orders: checkout.InMemoryOrderRepository,
    placed: checkout.Order,
) -> None:
    """A refund calls gateway.refund(charge_id, cents) once and stores the increased refunded."""
    refunded = service.refund(placed.id, Decimal("10.99"))
    gateway.refund.assert_called_once_with("ch_1", 1099)
    assert refunded.refunded == Decimal("10.99")
    assert orders.get(placed.id) == refunded
    gateway.charge.assert_not_called()


def test_refunds_add_up_to_the_whole_total(
    service: checkout.CheckoutService, gateway: Mock, placed: checkout.Order
) -> None:
    service.refund(placed.id, Decimal("20.00"))
    last = service.refund(placed.id, Decimal("7.97"))
    assert last.refunded == placed.total
    assert gateway.refund.call_args_list == [call("ch_1", 2000), call("ch_1", 797)]


@pytest.mark.parametrize("amount", ["0", "-1.00", "0.005", "27.98"])
def test_a_bad_refund_is_refused_without_calling_the_gateway(
    service: checkout.CheckoutService,
    gateway: Mock,
    orders: checkout.InMemoryOrderRepository,
    placed: checkout.Order,
    amount: str,
) -> None:
    with pytest.raises(checkout.InvalidRefund):
        service.refund(placed.id, Decimal(amount))
    gateway.refund.assert_not_called()
    assert orders.get(placed.id) == placed


def test_refunds_never_add_up_past_the_total(
    service: checkout.CheckoutService,
    gateway: Mock,
    orders: checkout.InMemoryOrderRepository,
    placed: checkout.Order,
) -> None:
    service.refund(placed.id, Decimal("20.00"))
    with pytest.raises(checkout.InvalidRefund):
        service.refund(placed.id, Decimal("8.00"))
    gateway.refund.assert_called_once_with("ch_1", 2000)
    stored = orders.get(placed.id)
    assert stored is not None and stored.refunded == Decimal("20.00")


def test_refund_of_unknown_order_raises(service: checkout.CheckoutService, gateway: Mock) -> None:
    """Refunding an id that was never placed raises OrderNotFound; the gateway is not called."""
    with pytest.raises(checkout.OrderNotFound):
        service.refund("nope", Decimal("1.00"))
    gateway.refund.assert_not_called()


def test_a_declined_refund_leaves_the_order_unchanged(
    service: checkout.CheckoutService,
    gateway: Mock,
    orders: checkout.InMemoryOrderRepository,
    placed: checkout.Order,
) -> None:
    gateway.refund.side_effect = checkout.PaymentDeclined("already refunded")
    with pytest.raises(checkout.PaymentFailed):
        service.refund(placed.id, Decimal("1.00"))
    gateway.refund.assert_called_once_with("ch_1", 100)
    assert orders.get(placed.id) == placed
