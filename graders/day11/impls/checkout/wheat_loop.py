"""A service with a retry loop, integer cents, public attributes, a lambda for ids."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

CENT = Decimal("0.01")


# --- what the gateway raises -------------------------------------------------------------


class PaymentError(Exception):
    """Base of the errors a :class:`PaymentGateway` raises."""


class PaymentDeclined(PaymentError):
    """The provider refused the charge or refund (card declined, charge already refunded…)."""


class GatewayTimeout(PaymentError):
    """The provider did not answer in time: the charge may or may not have happened."""


# --- what the service raises -------------------------------------------------------------


class CheckoutError(Exception):
    """Base of the errors :class:`CheckoutService` raises."""


class InvalidOrder(CheckoutError, ValueError):
    """``place_order`` was given a bad order (see :meth:`CheckoutService.place_order`)."""


class InvalidRefund(CheckoutError, ValueError):
    """``refund`` was given a bad amount (see :meth:`CheckoutService.refund`)."""


class OrderNotFound(CheckoutError, KeyError):
    """No order has this id."""


class PaymentFailed(CheckoutError):
    """The gateway declined: raised ``from`` the gateway's :class:`PaymentDeclined`."""


class PaymentUnavailable(CheckoutError):
    """The gateway timed out: raised ``from`` the gateway's :class:`GatewayTimeout`."""


# --- the data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LineItem:
    """``quantity`` units of ``sku`` at ``unit_price`` euros each."""

    sku: str
    quantity: int
    unit_price: Decimal


@dataclass(frozen=True)
class Order:
    """A placed, paid order. ``refunded`` is the sum of its refunds so far, in euros."""

    id: str
    customer: str
    items: tuple[LineItem, ...]
    total: Decimal
    charge_id: str
    refunded: Decimal = Decimal("0")

    @property
    def refundable(self) -> Decimal:
        """What may still be refunded: ``total - refunded``."""
        return self.total - self.refunded


# --- the dependencies --------------------------------------------------------------------


class PaymentGateway(Protocol):
    """A payment provider. Amounts are whole cents; the service calls it positionally as shown."""

    def charge(self, amount_cents: int, /, *, idempotency_key: str) -> str:
        """Charge ``amount_cents``; return the provider's charge id.

        Raises :class:`PaymentDeclined` or :class:`GatewayTimeout`. Two charges with the same
        ``idempotency_key`` charge the customer once (the second returns the first's id).
        """
        ...

    def refund(self, charge_id: str, amount_cents: int, /) -> None:
        """Give ``amount_cents`` of the charge ``charge_id`` back.

        Raises :class:`PaymentDeclined` or :class:`GatewayTimeout`.
        """
        ...


class HttpPaymentGateway:
    """The real gateway, which would call the provider's HTTP API.

    There is no network in tests: every method raises ``RuntimeError``. A test that reaches it
    did not replace the external dependency.
    """

    def __init__(self, base_url: str = "https://payments.example.com", api_key: str = "") -> None:
        self.base_url = base_url
        self.api_key = api_key

    def charge(self, amount_cents: int, /, *, idempotency_key: str) -> str:
        raise RuntimeError(
            "no network in tests: the real HttpPaymentGateway.charge() was called "
            "— replace the gateway with a test double such as Mock(spec=PaymentGateway)"
        )

    def refund(self, charge_id: str, amount_cents: int, /) -> None:
        raise RuntimeError(
            "no network in tests: the real HttpPaymentGateway.refund() was called "
            "— replace the gateway with a test double such as Mock(spec=PaymentGateway)"
        )


class OrderRepository(Protocol):
    """Where orders are kept."""

    def save(self, order: Order) -> None:
        """Store ``order``, replacing a stored order with the same id."""
        ...

    def get(self, order_id: str) -> Order | None:
        """The stored order with this id, or None."""
        ...


class InMemoryOrderRepository:
    """A dict-backed :class:`OrderRepository`; ``len()`` is the number of stored orders."""

    def __init__(self) -> None:
        self._orders: dict[str, Order] = {}

    def save(self, order: Order) -> None:
        self._orders[order.id] = order

    def get(self, order_id: str) -> Order | None:
        return self._orders.get(order_id)

    def __len__(self) -> int:
        return len(self._orders)


# --- the service -------------------------------------------------------------------------

ATTEMPTS = 2  # a timed-out charge is tried once more, with the same idempotency key


def _to_cents(amount: Decimal) -> int | None:
    """Whole cents of a positive amount, or None when it is not positive whole cents."""
    cents = amount * 100
    if cents <= 0 or cents != cents.to_integral_value():
        return None
    return int(cents)


class CheckoutService:
    def __init__(
        self,
        gateway: PaymentGateway,
        orders: OrderRepository,
        *,
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
    ) -> None:
        self.gateway, self.orders, self.make_id = gateway, orders, new_id

    def place_order(self, customer: str, items: Sequence[LineItem]) -> Order:
        problem = self._problem(customer, items)
        if problem:
            raise InvalidOrder(problem)
        cents = 0
        for item in items:
            cents += item.quantity * (_to_cents(item.unit_price) or 0)
        key = self.make_id()
        last: GatewayTimeout | None = None
        for _ in range(ATTEMPTS):
            try:
                charge_id = self.gateway.charge(cents, idempotency_key=key)
                break
            except GatewayTimeout as timeout:
                last = timeout
            except PaymentDeclined as declined:
                raise PaymentFailed("declined") from declined
        else:
            raise PaymentUnavailable("the payment provider did not answer") from last
        order = Order(
            id=key,
            customer=customer,
            items=tuple(items),
            total=Decimal(cents) / 100,
            charge_id=charge_id,
        )
        self.orders.save(order)
        return order

    @staticmethod
    def _problem(customer: str, items: Sequence[LineItem]) -> str:
        if customer.strip() == "":
            return "customer missing"
        if len(items) == 0:
            return "no items"
        bad = [i.sku for i in items if i.quantity <= 0 or _to_cents(i.unit_price) is None]
        return f"bad items: {bad}" if bad else ""

    def refund(self, order_id: str, amount: Decimal) -> Order:
        found = self.orders.get(order_id)
        if not found:
            raise OrderNotFound(order_id)
        cents = _to_cents(amount)
        if cents is None or found.refunded + amount > found.total:
            raise InvalidRefund(amount)
        try:
            self.gateway.refund(found.charge_id, cents)
        except PaymentDeclined as declined:
            raise PaymentFailed("refund declined") from declined
        except GatewayTimeout as timeout:
            raise PaymentUnavailable("refund timed out") from timeout
        updated = Order(
            found.id, found.customer, found.items, found.total, found.charge_id,
            refunded=found.refunded + amount,
        )
        self.orders.save(updated)
        return updated
