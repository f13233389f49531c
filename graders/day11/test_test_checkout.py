"""Grader of day11.test_checkout: the learner's tests of the checkout service, run against
correct services ("wheats") and services with one bug each ("chaffs", ``impls/checkout``).

The structural rules of the day are proven by behaviour, not by reading the learner's source:

- *replace the external dependency*: the module's real ``HttpPaymentGateway`` raises
  ``RuntimeError("no network in tests ...")``, so a suite that reaches it fails on the wheats;
- *assert the interaction*: five chaffs return the right order and differ only in how they
  call the gateway (euros for cents, the wrong idempotency key, a new key on the retry, a
  declined charge retried, charging before validating) — only a suite that asserts the calls
  on its test double catches them;
- *mock the dependency, not the service*: a suite that mocks ``CheckoutService`` itself runs
  none of its code, and catches no chaff.
"""

from __future__ import annotations

from pathlib import Path

import day11
import pytest

from engine import suites
from engine.catalog import REPO

SUBJECT = "day11.checkout"
TESTS = Path(day11.__file__).parent / "test_checkout.py"
REFERENCE = REPO / "solutions" / "day11" / "checkout.py"
IMPLS = Path(__file__).parent / "impls" / "checkout"
NO_NETWORK = "no network in tests"


def _described(path: Path) -> str:
    """What the learner reads about an implementation, as part of a sentence."""
    doc = suites.described(path)
    return doc[:1].lower() + doc[1:]


WHEATS = {"reference": REFERENCE, **{p.stem: p for p in sorted(IMPLS.glob("wheat_*.py"))}}
CHAFFS = {p.stem.removeprefix("chaff_"): p for p in sorted(IMPLS.glob("chaff_*.py"))}
# Every implementation in one session, at the first check that needs a run (engine/suites.py):
# that check may take a learner test's 1 s limit once per implementation, hence its own limit.
pytestmark = pytest.mark.timeout(30)
_run = suites.batched(TESTS, SUBJECT, [*WHEATS.values(), *CHAFFS.values()], chaffs=CHAFFS.values())


@pytest.mark.parametrize("wheat", WHEATS)
def test_passes_on_a_correct_service(wheat: str) -> None:
    """Every test of the suite passes on a correct service, and none calls the real gateway."""
    run = _run(WHEATS[wheat])
    real = [name for name, why in run.failed.items() if NO_NETWORK in why]
    assert not real, (
        f"{real[0]} calls the real HttpPaymentGateway, which has no network in tests: give the "
        "CheckoutService a test double instead — Mock(spec=checkout.PaymentGateway), "
        "create_autospec(checkout.PaymentGateway, instance=True) or mocker"
    )
    how = "the reference service" if wheat == "reference" else _described(WHEATS[wheat])
    problem = suites.wheat_failures(run, how)
    assert problem is None, problem


@pytest.mark.chaff
@pytest.mark.parametrize("chaff", CHAFFS)
def test_catches_a_broken_service(chaff: str) -> None:
    """The suite fails on a service with this one bug."""
    run = _run(CHAFFS[chaff])
    assert run.caught, (
        f"your tests miss a bug: {_described(CHAFFS[chaff])} — every test passed on it"
    )
