"""Grader for day12.background: 202 at once, emails after the response and before the request's
ASGI call ends, in order, none for a rejected body, failures recorded and harmless.

The outbox is a fake that logs when each email starts and finishes sending (it awaits a few
times in between, as real I/O would); raw ASGI calls log when the response goes out and when
the app call returns, on the same log, so the order of events is read off one list.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from asgi_lifespan import LifespanManager
from hypothesis import example, given, settings
from hypothesis import strategies as st

from day12 import background as kata

ADMIN = "admin@example.com"


class FakeOutbox:
    """Records ("send started", to) and ("sent", to) or ("send failed", to) on a shared log."""

    def __init__(self, log: list[tuple[Any, ...]], *, fail_for: tuple[str, ...] = (),
                 gate: asyncio.Event | None = None) -> None:
        self.log = log
        self.fail_for = fail_for
        self.gate = gate
        self.sent: list[kata.Email] = []
        self.failed: list[tuple[kata.Email, Exception]] = []
        self.errors: list[Exception] = []

    async def send(self, email: kata.Email) -> None:
        self.log.append(("send started", email.to))
        for _ in range(20):  # a real send awaits the network
            await asyncio.sleep(0)
        if self.gate is not None:
            await self.gate.wait()
        if email.to in self.fail_for:
            error = ConnectionError(f"SMTP server refused {email.to}")
            self.errors.append(error)
            self.log.append(("send failed", email.to))
            raise error
        self.sent.append(email)
        self.log.append(("sent", email.to))


def welcome(email: str, name: str) -> kata.Email:
    return kata.Email(to=email, subject=f"Welcome, {name}!", body=f"Hi {name}, thanks for signing up.")


def notice(email: str, name: str, admin: str = ADMIN) -> kata.Email:
    return kata.Email(to=admin, subject="New signup", body=f"{name} <{email}> signed up.")


async def asgi_post(app: Any, body: bytes, log: list[tuple[Any, ...]]) -> tuple[int | None, Any, BaseException | None]:
    """POST /signups as one raw ASGI call: (status, JSON body, what the app call raised).

    Logs ("response started", status), ("response sent",) and ("app call returned",)."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/signups", "raw_path": b"/signups", "query_string": b"",
        "root_path": "", "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
        "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode())],
    }  # fmt: skip
    delivered = False
    response_sent = asyncio.Event()
    status: int | None = None
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        await response_sent.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
            log.append(("response started", status))
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                log.append(("response sent",))
                response_sent.set()

    error: BaseException | None = None
    async with LifespanManager(app) as manager:
        try:
            await manager.app(scope, receive, send)
        except NotImplementedError:
            raise
        except Exception as exc:
            error = exc
        log.append(("app call returned",))
    try:
        payload = json.loads(b"".join(chunks))
    except ValueError:
        payload = b"".join(chunks)
    return status, payload, error


def signup_body(email: str, name: str) -> bytes:
    return json.dumps({"email": email, "name": name}).encode()


pytestmark = pytest.mark.asyncio


async def test_accepted_at_once_and_both_emails_sent(asgi_client: Any) -> None:
    """POST /signups: 202 with the status body; the welcome email, then the admin notice."""
    log: list[tuple[Any, ...]] = []
    outbox = FakeOutbox(log)
    async with asgi_client(kata.create_app(outbox)) as client:
        response = await client.post("/signups", json={"email": "ada@example.com", "name": "Ada"})
        sent_when_returned = list(outbox.sent)
    assert (response.status_code, response.json()) == (202, {"status": "queued", "email": "ada@example.com"}), (
        'POST /signups with a valid body answers 202 {"status": "queued", "email": <email>}'
    )
    assert sent_when_returned == [welcome("ada@example.com", "Ada"), notice("ada@example.com", "Ada")], (
        "POST /signups: the welcome email to the user, then the notice to admin, are sent by the "
        "time the request is over (subjects and bodies as the spec writes them)"
    )
    assert outbox.failed == [], "deliver: nothing is recorded as failed when every send succeeds"


async def test_the_admin_address_comes_from_create_app(asgi_client: Any) -> None:
    """create_app(outbox, admin=...) is where the notice goes."""
    outbox = FakeOutbox([])
    async with asgi_client(kata.create_app(outbox, admin="ops@corp.test")) as client:
        await client.post("/signups", json={"email": "bo@example.com", "name": "Bo"})
    assert [e.to for e in outbox.sent] == ["bo@example.com", "ops@corp.test"], (
        "POST /signups: the notice goes to the admin address given to create_app"
    )


async def test_the_response_goes_out_before_the_emails_and_the_call_waits_for_them() -> None:
    """Order of events in one ASGI call: response, then each email in full, then the call ends."""
    log: list[tuple[Any, ...]] = []
    status, _, error = await asgi_post(kata.create_app(FakeOutbox(log)), signup_body("cy@example.com", "Cy"), log)
    assert error is None, "POST /signups: the app call does not raise"
    assert log[:2] == [("response started", 202), ("response sent",)], (
        "POST /signups: the 202 response is sent before any email starts sending — the handler "
        "sends nothing itself, the emails run as background tasks after the response"
    )
    assert log[2:] == [
        ("send started", "cy@example.com"), ("sent", "cy@example.com"),
        ("send started", ADMIN), ("sent", ADMIN), ("app call returned",),
    ], (
        "POST /signups: after the response, the emails are sent one after the other, in the order "
        "the tasks were added, and the request's ASGI call ends only when they are done "
        "(BackgroundTasks — a detached asyncio.create_task is not awaited by the request)"
    )


async def test_a_rejected_body_schedules_nothing() -> None:
    """422 for every invalid body, and no email at all."""
    bodies = {
        "email without @": signup_body("ada.example.com", "Ada"),
        "empty name": signup_body("ada@example.com", ""),
        "name of 51 characters": signup_body("ada@example.com", "A" * 51),
        "missing name": json.dumps({"email": "ada@example.com"}).encode(),
        "missing email": json.dumps({"name": "Ada"}).encode(),
        "a JSON list": b'["ada@example.com", "Ada"]',
        "not JSON": b"email=ada@example.com",
    }
    log: list[tuple[Any, ...]] = []
    app = kata.create_app(FakeOutbox(log))
    got = {}
    for case, body in bodies.items():
        status, _, _ = await asgi_post(app, body, log)
        got[case] = status
    assert got == dict.fromkeys(bodies, 422), "POST /signups: a body that is not a valid Signup answers 422"
    assert [e for e in log if e[0] == "send started"] == [], (
        "POST /signups: a rejected body (422) sends no email — nothing is scheduled before the "
        "body has been validated"
    )


async def test_a_failed_email_is_recorded_and_changes_nothing_else() -> None:
    """A send that raises: recorded on outbox.failed, 202 stays, the next email is still sent."""
    log: list[tuple[Any, ...]] = []
    outbox = FakeOutbox(log, fail_for=("dee@example.com",))
    status, payload, error = await asgi_post(kata.create_app(outbox), signup_body("dee@example.com", "Dee"), log)
    assert (status, payload) == (202, {"status": "queued", "email": "dee@example.com"}), (
        "POST /signups: a failing email does not change the response — it is still 202"
    )
    assert error is None, (
        "deliver: an exception from outbox.send does not escape the app call — it is caught and "
        "recorded on outbox.failed"
    )
    assert [email for email, _ in outbox.failed] == [welcome("dee@example.com", "Dee")], (
        "deliver: a failed email is recorded as (email, exception) on outbox.failed"
    )
    assert [exc for _, exc in outbox.failed] == outbox.errors, (
        "deliver: outbox.failed holds the very exception object outbox.send raised"
    )
    assert outbox.sent == [notice("dee@example.com", "Dee")], (
        "POST /signups: after a failed email the next one is still sent"
    )
    both = FakeOutbox(log, fail_for=("eve@example.com", ADMIN))
    await asgi_post(kata.create_app(both), signup_body("eve@example.com", "Eve"), log)
    assert [(email.to, exc) for email, exc in both.failed] == list(zip(["eve@example.com", ADMIN], both.errors)), (
        "deliver: each failed email is recorded, in the order they were sent"
    )


valid_names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=50)
invalid_names = st.just("") | st.text(st.characters(codec="ascii", categories=("L",)), min_size=51, max_size=60)


@settings(max_examples=25)
@given(signups=st.lists(st.tuples(st.booleans(), valid_names, invalid_names), min_size=1, max_size=4))
@example(signups=[(True, "Ann", ""), (False, "Bob", ""), (True, "Cid", "")])
async def test_any_sequence_of_signups(signups: list[tuple[bool, str, str]]) -> None:
    """Several signups, valid and not: each valid one adds its two emails, in order; 422s none."""
    log: list[tuple[Any, ...]] = []
    outbox = FakeOutbox(log)
    app = kata.create_app(outbox)
    statuses, want = [], []
    for n, (valid, good_name, bad_name) in enumerate(signups):
        email = f"user{n}@example.com"
        status, _, _ = await asgi_post(app, signup_body(email, good_name if valid else bad_name), log)
        statuses.append(status)
        if valid:
            want += [welcome(email, good_name), notice(email, good_name)]
    assert statuses == [202 if valid else 422 for valid, _, _ in signups], (
        "POST /signups: 202 for a valid signup, 422 for a name that is empty or longer than 50"
    )
    assert outbox.sent == want, (
        "POST /signups: every accepted signup sends its welcome email, then its admin notice, "
        "before the next request; rejected ones send nothing"
    )


async def test_a_real_client_gets_the_202_while_the_email_is_still_sending(uvicorn_client: Any) -> None:
    """Over uvicorn: the 202 arrives while the first email is held back; both are sent after."""
    log: list[tuple[Any, ...]] = []
    gate = asyncio.Event()
    outbox = FakeOutbox(log, gate=gate)
    response = None
    async with uvicorn_client(kata.create_app(outbox)) as client:
        try:
            async with asyncio.timeout(2):
                response = await client.post("/signups", json={"email": "fay@example.com", "name": "Fay"})
        except TimeoutError:
            pass
        finally:
            sent_before = list(outbox.sent)
            gate.set()  # let the email go, or the server cannot shut down
    assert response is not None, (
        "POST /signups over a real server: no response while the email is still being sent — the "
        "response must not wait for the emails (send them as background tasks)"
    )
    assert (response.status_code, sent_before) == (202, []), (
        "POST /signups over a real server: the client gets its 202 before the email has been sent"
    )
    assert outbox.sent == [welcome("fay@example.com", "Fay"), notice("fay@example.com", "Fay")], (
        "POST /signups over a real server: both emails are sent once the response has gone out"
    )
