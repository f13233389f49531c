"""Background tasks: answer a signup at once with 202 Accepted, and send the emails after the
response has gone out — through FastAPI's ``BackgroundTasks``.

Write ``deliver(outbox, email)`` and ``create_app(outbox, admin=...)``. The graders pass a fake
``outbox`` that records when each email starts and finishes sending (and can be made to fail),
and drive the app over ASGI, recording when the response goes out.

``POST /signups`` takes a ``Signup`` body (JSON ``{"email": "ada@example.com", "name": "Ada"}``):

- A body that is not a valid ``Signup`` (an email without ``@``, an empty name or one longer
  than 50 characters, a missing field, no JSON object at all) → FastAPI's 422, and no email is
  sent, none scheduled.
- A valid one → ``202`` with ``{"status": "queued", "email": <the signup's email>}``, and two
  background tasks are added, in this order:

  1. ``deliver(outbox, Email(to=<email>, subject="Welcome, <name>!",
     body="Hi <name>, thanks for signing up."))``
  2. ``deliver(outbox, Email(to=<admin>, subject="New signup",
     body="<name> <<email>> signed up."))`` — e.g. ``"Ada <ada@example.com> signed up."``

When things happen:

- The response (status and body) is sent before any email starts sending: the handler itself
  sends nothing.
- The emails are sent one after the other, in the order the tasks were added.
- The request's ASGI call (``await app(scope, receive, send)``) finishes only after every email
  has been sent or recorded as failed — which is how ``BackgroundTasks`` runs its tasks, after
  the response, in the same request. A detached ``asyncio.create_task(...)`` is not awaited by
  anybody: the request ends before the email is sent (and an error in it is lost).

Failures: ``deliver`` awaits ``outbox.send(email)``; if that raises an ``Exception``, it appends
``(email, exception)`` — the very exception object — to ``outbox.failed`` and returns normally.
So a failed email changes nothing for the client (the 202 has already gone out), the app call
does not raise, and the next email is still sent.

Example (with ``admin="admin@example.com"``)::

    POST /signups {"email": "ada@example.com", "name": "Ada"}
    → 202 {"status": "queued", "email": "ada@example.com"}
    then outbox.send(Email("ada@example.com", "Welcome, Ada!", "Hi Ada, thanks for signing up."))
    then outbox.send(Email("admin@example.com", "New signup", "Ada <ada@example.com> signed up."))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from fastapi import BackgroundTasks, FastAPI, status
from pydantic import BaseModel, Field


@dataclass(frozen=True)
class Email:
    """One email to send."""

    to: str
    subject: str
    body: str


class Outbox(Protocol):
    """Where emails go: the graders pass a recording fake."""

    failed: list[tuple[Email, Exception]]

    async def send(self, email: Email) -> None:
        """Send one email; may raise."""
        ...


class Signup(BaseModel):
    """The body of ``POST /signups``."""

    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    name: str = Field(min_length=1, max_length=50)


async def deliver(outbox: Outbox, email: Email) -> None:
    """Background task: ``await outbox.send(email)``; an ``Exception`` from it is recorded as
    ``(email, exception)`` on ``outbox.failed`` instead of propagating."""
    try:
        await outbox.send(email)
    except Exception as exc:  # the response is gone: record the failure, keep the next task alive
        outbox.failed.append((email, exc))


def create_app(outbox: Outbox, *, admin: str = "admin@example.com") -> FastAPI:
    """The signup app: ``POST /signups`` answers 202 and sends its emails in the background."""
    app = FastAPI(title="signups")

    @app.post("/signups", status_code=status.HTTP_202_ACCEPTED)
    async def sign_up(signup: Signup, tasks: BackgroundTasks) -> dict[str, str]:
        welcome = Email(
            to=signup.email,
            subject=f"Welcome, {signup.name}!",
            body=f"Hi {signup.name}, thanks for signing up.",
        )
        notice = Email(to=admin, subject="New signup", body=f"{signup.name} <{signup.email}> signed up.")
        tasks.add_task(deliver, outbox, welcome)
        tasks.add_task(deliver, outbox, notice)
        return {"status": "queued", "email": signup.email}

    return app
