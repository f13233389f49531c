"""triage swallows what is neither retryable nor fatal"""


from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple, TypeVar


class PaymentError(Exception):
    """Base of every error of the payment service: ``except PaymentError`` catches them all."""


class RetryableError(PaymentError):
    """Trying again later may succeed; ``retry_after`` is a hint in seconds, or ``None``."""

    retry_after: float | None


class FatalError(PaymentError):
    """The same request will fail again: never retry it."""


class GatewayUnavailable(RetryableError):
    """The gateway could not be reached or failed (a 5xx): ``str`` is ``"gateway unavailable: <reason>"``.

    ``retry_after`` is ``None``.

    >>> str(GatewayUnavailable("connection refused"))
    'gateway unavailable: connection refused'
    """

    reason: str

    def __init__(self, reason: str) -> None:
        super().__init__(reason)  # args == the constructor's: pickle and copy rebuild it
        self.reason = reason
        self.retry_after = None

    def __str__(self) -> str:
        return f"gateway unavailable: {self.reason}"


class RateLimited(RetryableError):
    """Too many requests (a 429): ``str`` is ``"rate limited: retry after <retry_after:g> s"``.

    >>> str(RateLimited(2.5))
    'rate limited: retry after 2.5 s'
    """

    def __init__(self, retry_after: float) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after

    def __str__(self) -> str:
        return f"rate limited: retry after {self.retry_after:g} s"


class CardDeclined(FatalError):
    """The issuer said no (a 402): ``str`` is ``"card declined: <decline_code>"``."""

    decline_code: str

    def __init__(self, decline_code: str) -> None:
        super().__init__(decline_code)
        self.decline_code = decline_code

    def __str__(self) -> str:
        return f"card declined: {self.decline_code}"


class InvalidRequest(FatalError):
    """The request itself is wrong (a 400): ``str`` is ``"invalid request: <field>: <problem>"``.

    >>> str(InvalidRequest("amount", "must be positive"))
    'invalid request: amount: must be positive'
    """

    field: str
    problem: str

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(field, problem)
        self.field = field
        self.problem = problem

    def __str__(self) -> str:
        return f"invalid request: {self.field}: {self.problem}"


class Response(NamedTuple):
    """What the gateway answered: an HTTP status and the fields of its JSON body."""

    status: int
    data: dict[str, str]


def charge(send: Callable[[str], Response], payment_id: str) -> str:
    """Charge one payment with ``send(payment_id)`` (called exactly once); return the charge id.

    - ``send`` raises the built-in ``ConnectionError`` (any subclass) or ``TimeoutError``:
      raise ``GatewayUnavailable(str(err))`` *from* that error (``__cause__`` is it).
      Anything else ``send`` raises propagates unchanged (a bug is not a payment failure).
    - Status 200: return ``data["charge_id"]``.
    - 429: ``RateLimited(float(data["retry_after"]))``, or ``RateLimited(1.0)`` without it.
    - 500–599: ``GatewayUnavailable(f"status {status}")``.
    - 402: ``CardDeclined(data["decline_code"])``.
    - 400: ``InvalidRequest(data["field"], data["problem"])``.
    - Any other status: ``PaymentError(f"unexpected status {status}")`` (neither retryable nor
      fatal: a human must look).
    The errors raised for a status have no ``__cause__`` and no ``__context__``.

    >>> charge(lambda pid: Response(200, {"charge_id": "ch_" + pid}), "p1")
    'ch_p1'
    """
    try:
        response = send(payment_id)
    except (ConnectionError, TimeoutError) as err:
        raise GatewayUnavailable(str(err)) from err
    status, data = response.status, response.data
    if status == 200:
        return data["charge_id"]
    if status == 429:
        raise RateLimited(float(data.get("retry_after", 1.0)))
    if 500 <= status <= 599:
        raise GatewayUnavailable(f"status {status}")
    if status == 402:
        raise CardDeclined(data["decline_code"])
    if status == 400:
        raise InvalidRequest(data["field"], data["problem"])
    raise PaymentError(f"unexpected status {status}")


def charge_all(payment_ids: Sequence[str], charge_one: Callable[[str], str]) -> dict[str, str]:
    """Charge every payment, one after another; return ``{payment_id: charge id}``.

    Every payment is tried even when some fail. A ``PaymentError`` raised by
    ``charge_one(pid)`` is kept, with the note ``f"payment {pid}"`` added
    (``err.add_note``); once all are tried, if any failed, raise
    ``ExceptionGroup(f"{failed} of {total} payments failed", errors)`` with the very error
    objects in the order of ``payment_ids``. Any other exception (a bug) propagates at once,
    unchanged, and no further payment is tried.

    >>> charge_all(["a", "b"], lambda pid: "ch_" + pid)
    {'a': 'ch_a', 'b': 'ch_b'}
    """
    charged: dict[str, str] = {}
    errors: list[PaymentError] = []
    for payment_id in payment_ids:
        try:
            charged[payment_id] = charge_one(payment_id)
        except PaymentError as err:
            err.add_note(f"payment {payment_id}")
            errors.append(err)
    if errors:
        raise ExceptionGroup(f"{len(errors)} of {len(payment_ids)} payments failed", errors)
    return charged


def triage(group: BaseExceptionGroup[BaseException]) -> tuple[list[RetryableError], list[FatalError]]:
    """Split a group of failures with ``except*``: ``(retryable errors, fatal errors)``.

    Nested groups are flattened; each list keeps the order of a depth-first walk of the
    group. Anything else in the group (a plain ``PaymentError``, a ``KeyError``, ...) is
    re-raised in an exception group, as ``except*`` does with what no clause matched; the
    lists are then not returned.

    >>> retry, fatal = triage(ExceptionGroup("batch", [CardDeclined("stolen"), RateLimited(3)]))
    >>> [str(e) for e in retry], [str(e) for e in fatal]
    (['rate limited: retry after 3 s'], ['card declined: stolen'])
    """
    retry: list[RetryableError] = []
    fatal: list[FatalError] = []
    try:
        raise group
    except* RetryableError as matched:
        retry.extend(_leaves(matched, RetryableError))
    except* FatalError as matched:
        fatal.extend(_leaves(matched, FatalError))
    except* BaseException:
        pass
    return retry, fatal


E = TypeVar("E", bound=BaseException)


def _leaves(group: BaseExceptionGroup[BaseException], kind: type[E]) -> list[E]:
    """The non-group exceptions of a (nested) group, depth first."""
    found: list[E] = []
    for exc in group.exceptions:
        if isinstance(exc, BaseExceptionGroup):
            found += _leaves(exc, kind)
        elif isinstance(exc, kind):
            found.append(exc)
    return found


def predictions() -> dict[str, list[str]]:
    """Return, for every snippet of part 4 (by its name), the lines it prints, in order.

    ``print(repr(KeyError("k")))`` prints ``KeyError('k')``; ``print(repr(None))`` prints ``None``.
    """
    return {
        # Raised inside an except block: the handled error becomes __context__ implicitly.
        "implicit_context": ["None KeyError('card') False"],
        # "from low" sets __cause__ (and __context__ is set anyway) and suppresses the context.
        "explicit_cause": ["ValueError True True"],
        # "from None" hides the context in the traceback, but __context__ is still recorded.
        "from_none": ["None KeyError('card') True"],
        # Once the except block is over, nothing is being handled: no context.
        "raised_after_the_handler": ["None"],
        # An exception raised in finally replaces the one in flight, which becomes its context.
        "finally_replaces": ["ValueError KeyError('card')"],
    }


def spot_the_bug() -> tuple[int, str]:
    """Return ``(line number, replacement line)`` for the retry listing of part 5.

    For example ``(4, "            return charge()")`` would replace line 4 with itself.
    """
    # BaseException also catches KeyboardInterrupt and SystemExit, and FatalError: retry only
    # what may succeed later.
    return 5, "        except RetryableError:"
