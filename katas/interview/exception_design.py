'''Explain exception design: a payment service's errors, their chains, groups, and one bad retry.

Callers of a payment service must tell "try again later" from "stop, this will never work"
without reading messages. The hierarchy below is the design; you make it carry data, translate
low-level failures into it, handle a batch's failures with ``except*``, predict how Python
chains exceptions, and fix a retry loop.

**1. The hierarchy** (the classes are given; write their ``__init__``)::

    PaymentError(Exception)            catch this to catch every payment failure
    ├── RetryableError                 trying again later may succeed
    │   ├── GatewayUnavailable(reason)        str: "gateway unavailable: <reason>"
    │   └── RateLimited(retry_after)          str: "rate limited: retry after <retry_after:g> s"
    └── FatalError                     the same request will fail again: do not retry
        ├── CardDeclined(decline_code)        str: "card declined: <decline_code>"
        └── InvalidRequest(field, problem)    str: "invalid request: <field>: <problem>"

- Each keeps its arguments as attributes of the same names (``err.decline_code``,
  ``err.retry_after``, ...); every ``RetryableError`` has ``retry_after`` (``None`` for
  ``GatewayUnavailable``). ``str(err)`` is exactly the text shown, whatever else happens.
- An error survives ``pickle`` and ``copy.copy`` (a task queue sends it to another process):
  the copy has the same class, the same attributes and the same ``str``. (Hint: what
  ``BaseException.__reduce__`` does with ``self.args``.)
- No class shadows a built-in exception: there is no ``TimeoutError`` or ``ConnectionError``
  of our own; the built-ins are translated (part 2).

**2. Translate** — :func:`charge`. The transport raises the built-in ``ConnectionError`` or
``TimeoutError`` when the gateway cannot be reached; :func:`charge` raises
``GatewayUnavailable(str(err)) from err`` instead, so ``__cause__`` keeps the original.

**3. A batch** — :func:`charge_all` collects the failures of many payments into an
``ExceptionGroup``; :func:`triage` splits such a group with ``except*``.

**4. Predict** — :func:`predictions`: what each snippet prints, line by line. Each is a
complete program; the grader runs its own copy.

``implicit_context``::

    def run():
        try:
            {}["card"]
        except KeyError:
            raise ValueError("bad card")

    try:
        run()
    except ValueError as err:
        print(repr(err.__cause__), repr(err.__context__), err.__suppress_context__)

``explicit_cause``::

    def run():
        try:
            int("x")
        except ValueError as low:
            raise LookupError("no such card") from low

    try:
        run()
    except LookupError as err:
        print(type(err.__cause__).__name__, err.__cause__ is err.__context__, err.__suppress_context__)

``from_none``::

    def run():
        try:
            {}["card"]
        except KeyError:
            raise ValueError("bad card") from None

    try:
        run()
    except ValueError as err:
        print(repr(err.__cause__), repr(err.__context__), err.__suppress_context__)

``raised_after_the_handler``::

    def run():
        try:
            {}["card"]
        except KeyError:
            pass
        raise ValueError("bad card")

    try:
        run()
    except ValueError as err:
        print(repr(err.__context__))

``finally_replaces``::

    def run():
        try:
            raise KeyError("card")
        finally:
            raise ValueError("cleanup failed")

    try:
        run()
    except Exception as err:
        print(type(err).__name__, repr(err.__context__))

**5. Spot the bug** — :func:`spot_the_bug`. A colleague's retry helper; Ctrl-C does not stop
the process while a payment is being retried, and declined cards are charged three times::

     1  def charge_with_retry(charge, attempts=3):
     2      for attempt in range(attempts):
     3          try:
     4              return charge()
     5          except BaseException:
     6              if attempt == attempts - 1:
     7                  raise

Return the number of the line to replace and the replacement line (indented as in the
listing). The grader runs its own copy with your line in, with ``RetryableError`` and
``FatalError`` of part 1 in scope, and checks that only retryable errors are retried
(``attempts`` calls, then the last error propagates), that a fatal error propagates after one
call, and that ``KeyboardInterrupt`` and ``SystemExit`` propagate at once, untouched.

>>> str(CardDeclined("insufficient_funds"))
'card declined: insufficient_funds'
'''

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple


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
        raise NotImplementedError

    def __str__(self) -> str:
        raise NotImplementedError


class RateLimited(RetryableError):
    """Too many requests (a 429): ``str`` is ``"rate limited: retry after <retry_after:g> s"``.

    >>> str(RateLimited(2.5))
    'rate limited: retry after 2.5 s'
    """

    def __init__(self, retry_after: float) -> None:
        raise NotImplementedError

    def __str__(self) -> str:
        raise NotImplementedError


class CardDeclined(FatalError):
    """The issuer said no (a 402): ``str`` is ``"card declined: <decline_code>"``."""

    decline_code: str

    def __init__(self, decline_code: str) -> None:
        raise NotImplementedError

    def __str__(self) -> str:
        raise NotImplementedError


class InvalidRequest(FatalError):
    """The request itself is wrong (a 400): ``str`` is ``"invalid request: <field>: <problem>"``.

    >>> str(InvalidRequest("amount", "must be positive"))
    'invalid request: amount: must be positive'
    """

    field: str
    problem: str

    def __init__(self, field: str, problem: str) -> None:
        raise NotImplementedError

    def __str__(self) -> str:
        raise NotImplementedError


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
    raise NotImplementedError


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
    raise NotImplementedError


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
    raise NotImplementedError


def predictions() -> dict[str, list[str]]:
    """Return, for every snippet of part 4 (by its name), the lines it prints, in order.

    ``print(repr(KeyError("k")))`` prints ``KeyError('k')``; ``print(repr(None))`` prints ``None``.
    """
    raise NotImplementedError


def spot_the_bug() -> tuple[int, str]:
    """Return ``(line number, replacement line)`` for the retry listing of part 5.

    For example ``(4, "            return charge()")`` would replace line 4 with itself.
    """
    raise NotImplementedError
