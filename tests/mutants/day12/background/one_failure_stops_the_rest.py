"""Sends both emails in one background task inside one try: the first failure skips the next email."""

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


async def deliver_all(outbox: Outbox, emails: list[Email]) -> None:
    """Send the emails one after the other; record a failure."""
    try:
        for email in emails:
            await outbox.send(email)
    except Exception as exc:
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
        tasks.add_task(deliver_all, outbox, [welcome, notice])
        return {"status": "queued", "email": signup.email}

    return app
