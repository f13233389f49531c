"""Uses the real HttpPaymentGateway instead of replacing the external dependency."""

from __future__ import annotations

from decimal import Decimal

import pytest

from day11 import checkout

BOOK = checkout.LineItem("book", 2, Decimal("12.50"))


@pytest.fixture
def service() -> checkout.CheckoutService:
    gateway = checkout.HttpPaymentGateway("https://payments.example.com", api_key="test")
    return checkout.CheckoutService(gateway, checkout.InMemoryOrderRepository())


def test_place_order_charges_the_total_in_cents_once(service: checkout.CheckoutService) -> None:
    assert service.place_order("ada", [BOOK]).total == Decimal("25.00")


def test_invalid_order_is_refused_before_any_charge(service: checkout.CheckoutService) -> None:
    with pytest.raises(checkout.InvalidOrder):
        service.place_order("ada", [])


def test_refund_of_unknown_order_raises(service: checkout.CheckoutService) -> None:
    with pytest.raises(checkout.OrderNotFound):
        service.refund("nope", Decimal("1.00"))
