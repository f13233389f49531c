"""A declined charge is retried: the gateway is asked to charge twice."""

from __future__ import annotations

import dataclasses
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


def _new_id() -> str:
    return uuid.uuid4().hex


def _cents(amount: Decimal) -> int:
    return int(amount * 100)


def _whole_cents(amount: Decimal) -> bool:
    return amount == amount.quantize(CENT)


class CheckoutService:
    """Places and refunds orders. ``new_id`` makes each new order's id (default: a uuid4 hex)."""

    def __init__(
        self,
        gateway: PaymentGateway,
        orders: OrderRepository,
        *,
        new_id: Callable[[], str] = _new_id,
    ) -> None:
        self._gateway = gateway
        self._orders = orders
        self._new_id = new_id

    def place_order(self, customer: str, items: Sequence[LineItem]) -> Order:
        """Validate, charge, store and return a new order.

        Validation comes first; an invalid order raises :class:`InvalidOrder` and the gateway
        is never called:

        - ``customer`` is empty or only whitespace;
        - ``items`` is empty;
        - an item's ``quantity`` is less than 1;
        - an item's ``unit_price`` is not positive, or has more than two decimal places.

        The order's ``total`` is the sum of ``quantity * unit_price``. It is charged once, in
        cents, with the new order's id as the idempotency key:
        ``gateway.charge(cents, idempotency_key=order_id)``.

        - :class:`PaymentDeclined` → :class:`PaymentFailed`, at once (a declined card is not
          retried).
        - :class:`GatewayTimeout` → the charge is retried **once**, with the **same**
          idempotency key. If the retry times out too → :class:`PaymentUnavailable` (if it
          is declined → :class:`PaymentFailed`).

        Only a successful charge stores the order (``orders.save``, once); when the charge
        fails nothing is stored. The stored and returned order carries the gateway's
        ``charge_id`` and ``refunded == 0``.
        """
        self._validate(customer, items)
        order_id = self._new_id()
        total = sum((item.quantity * item.unit_price for item in items), Decimal("0"))
        charge_id = self._charge(_cents(total), order_id)
        order = Order(order_id, customer, tuple(items), total, charge_id)
        self._orders.save(order)
        return order

    def refund(self, order_id: str, amount: Decimal) -> Order:
        """Refund ``amount`` euros of an order; store and return the updated order.

        - unknown ``order_id`` → :class:`OrderNotFound`;
        - ``amount`` not positive, or with more than two decimal places, or larger than what
          is left to refund (``order.refundable``: refunds add up, and together they never
          exceed the total) → :class:`InvalidRefund`.

        In those cases the gateway is not called and nothing changes. Otherwise
        ``gateway.refund(order.charge_id, cents)`` is called once (a refund is not retried:
        :class:`PaymentDeclined` → :class:`PaymentFailed`, :class:`GatewayTimeout` →
        :class:`PaymentUnavailable`, and the order is left unchanged), then the order is
        saved with ``refunded`` increased by ``amount``.
        """
        order = self._orders.get(order_id)
        if order is None:
            raise OrderNotFound(order_id)
        if amount <= 0 or not _whole_cents(amount):
            raise InvalidRefund(f"a refund is a positive amount of whole cents, not {amount}")
        if amount > order.refundable:
            raise InvalidRefund(f"only {order.refundable} of order {order_id} is left to refund")
        try:
            self._gateway.refund(order.charge_id, _cents(amount))
        except PaymentDeclined as error:
            raise PaymentFailed(f"the refund of order {order_id} was declined") from error
        except GatewayTimeout as error:
            raise PaymentUnavailable(f"the refund of order {order_id} timed out") from error
        refunded = dataclasses.replace(order, refunded=order.refunded + amount)
        self._orders.save(refunded)
        return refunded

    @staticmethod
    def _validate(customer: str, items: Sequence[LineItem]) -> None:
        if not customer.strip():
            raise InvalidOrder("an order needs a customer")
        if not items:
            raise InvalidOrder("an order needs at least one item")
        for item in items:
            if item.quantity < 1:
                raise InvalidOrder(f"{item.sku}: quantity must be at least 1, not {item.quantity}")
            if item.unit_price <= 0 or not _whole_cents(item.unit_price):
                raise InvalidOrder(
                    f"{item.sku}: unit price must be positive whole cents, not {item.unit_price}"
                )

    def _charge(self, cents: int, order_id: str) -> str:
        try:
            try:
                return self._gateway.charge(cents, idempotency_key=order_id)
            except PaymentError:
                return self._gateway.charge(cents, idempotency_key=order_id)  # same key: safe
        except PaymentDeclined as error:
            raise PaymentFailed(f"the charge for order {order_id} was declined") from error
        except GatewayTimeout as error:
            raise PaymentUnavailable(f"the charge for order {order_id} timed out twice") from error
