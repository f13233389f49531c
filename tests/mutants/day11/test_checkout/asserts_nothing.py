"""Calls the service with a mocked gateway but asserts nothing about the result or the calls."""

from __future__ import annotations

import contextlib
from decimal import Decimal
from unittest.mock import Mock

from day11 import checkout

BOOK = checkout.LineItem("book", 2, Decimal("12.50"))


def make() -> tuple[checkout.CheckoutService, Mock]:
    gateway = Mock(spec=checkout.PaymentGateway)
    gateway.charge.return_value = "ch_1"
    return checkout.CheckoutService(gateway, checkout.InMemoryOrderRepository()), gateway


def test_place_order_charges_the_total_in_cents_once() -> None:
    service, _ = make()
    service.place_order("ada", [BOOK])


def test_invalid_order_is_refused_before_any_charge() -> None:
    service, _ = make()
    with contextlib.suppress(checkout.CheckoutError):
        service.place_order("", [BOOK])


def test_declined_charge_raises_payment_failed_and_stores_nothing() -> None:
    service, gateway = make()
    gateway.charge.side_effect = checkout.PaymentDeclined()
    with contextlib.suppress(Exception):
        service.place_order("ada", [BOOK])


def test_refund_sends_the_amount_to_the_gateway() -> None:
    service, _ = make()
    order = service.place_order("ada", [BOOK])
    service.refund(order.id, Decimal("5.00"))
    with contextlib.suppress(Exception):
        service.refund(order.id, Decimal("500.00"))
