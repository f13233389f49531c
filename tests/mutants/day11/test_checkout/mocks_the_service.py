"""Mocks CheckoutService itself instead of the gateway: no code of the service runs."""

from __future__ import annotations

from decimal import Decimal
from unittest.mock import Mock

import pytest

from day11 import checkout

BOOK = checkout.LineItem("book", 2, Decimal("12.50"))
ORDER = checkout.Order("ord-1", "ada", (BOOK,), Decimal("25.00"), "ch_1")


@pytest.fixture
def service() -> Mock:
    double = Mock(spec=checkout.CheckoutService)
    double.place_order.return_value = ORDER
    return double


def test_place_order_charges_the_total_in_cents_once(service: Mock) -> None:
    order = service.place_order("ada", [BOOK])
    assert order.total == Decimal("25.00")
    service.place_order.assert_called_once_with("ada", [BOOK])


def test_place_order_stores_the_paid_order(service: Mock) -> None:
    assert service.place_order("ada", [BOOK]).charge_id == "ch_1"


def test_invalid_order_is_refused_before_any_charge(service: Mock) -> None:
    service.place_order.side_effect = checkout.InvalidOrder("no items")
    with pytest.raises(checkout.InvalidOrder):
        service.place_order("ada", [])


def test_declined_charge_raises_payment_failed_and_stores_nothing(service: Mock) -> None:
    service.place_order.side_effect = checkout.PaymentFailed("declined")
    with pytest.raises(checkout.PaymentFailed):
        service.place_order("ada", [BOOK])


def test_refund_sends_the_amount_to_the_gateway(service: Mock) -> None:
    service.refund("ord-1", Decimal("5.00"))
    service.refund.assert_called_once_with("ord-1", Decimal("5.00"))


def test_refund_of_unknown_order_raises(service: Mock) -> None:
    service.refund.side_effect = checkout.OrderNotFound("nope")
    with pytest.raises(checkout.OrderNotFound):
        service.refund("nope", Decimal("1.00"))
