"""Returns the session from a try/finally that closes it: the session is closed before the route uses it."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Protocol

from fastapi import Depends, FastAPI, HTTPException, Request, status
from pydantic import BaseModel


class Session(Protocol):
    """A unit of work on the database: the graders pass a recording fake."""

    def get(self, table: str, key: int) -> str | None:
        """The value stored under ``key`` in ``table``, or ``None``."""
        ...

    def insert(self, table: str, value: str) -> int:
        """Store ``value`` in ``table``; return the new row's key."""
        ...

    def commit(self) -> None:
        """Make this session's inserts permanent."""
        ...

    def rollback(self) -> None:
        """Throw this session's uncommitted inserts away."""
        ...

    def close(self) -> None:
        """Release the session; it must not be used afterwards."""
        ...


SessionFactory = Callable[[], Session]


@dataclass(frozen=True)
class Settings:
    """The app's configuration."""

    app_name: str = "notes"
    max_title_length: int = 100


class Note(BaseModel):
    """A stored note, as the API returns it."""

    id: int
    title: str


class NoteIn(BaseModel):
    """The body of ``POST /notes``."""

    title: str


def load_settings(env: Mapping[str, str]) -> Settings:
    """Settings from ``NOTES_APP_NAME`` and ``NOTES_MAX_TITLE`` in ``env`` (defaults otherwise).

    Raises ``ValueError`` when ``NOTES_MAX_TITLE`` is not an integer ``>= 1``.

    >>> load_settings({"NOTES_MAX_TITLE": "20"})
    Settings(app_name='notes', max_title_length=20)
    """
    defaults = Settings()
    raw = env.get("NOTES_MAX_TITLE")
    max_title_length = defaults.max_title_length if raw is None else int(raw)  # ValueError
    if max_title_length < 1:
        raise ValueError(f"NOTES_MAX_TITLE must be >= 1, got {raw!r}")
    return Settings(
        app_name=env.get("NOTES_APP_NAME", defaults.app_name),
        max_title_length=max_title_length,
    )


def get_settings(request: Request) -> Settings:
    """Dependency: the settings ``create_app`` loaded for this request's app."""
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Session:
    """Dependency with yield: one session per request from the app's factory.

    Commit then close after a route that returned; rollback, close and re-raise after one that
    raised. Closed exactly once.
    """
    factory: SessionFactory = request.app.state.session_factory
    session = factory()
    try:
        return session
    finally:
        session.close()


class NoteRepository:
    """Notes stored in the ``"notes"`` table of a session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, note_id: int) -> Note | None:
        """The note with this id, or ``None`` when there is none."""
        title = self._session.get("notes", note_id)
        return None if title is None else Note(id=note_id, title=title)

    def add(self, title: str) -> Note:
        """Insert a note; return it with the key the session gave it."""
        return Note(id=self._session.insert("notes", title), title=title)


class AuditLog:
    """Audit messages stored in the ``"audit"`` table of a session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def record(self, message: str) -> None:
        """Insert ``message`` into the ``"audit"`` table."""
        self._session.insert("audit", message)


def get_repository(session: Annotated[Session, Depends(get_session)]) -> NoteRepository:
    """Dependency: a ``NoteRepository`` on the request's session."""
    return NoteRepository(session)


def get_audit(session: Annotated[Session, Depends(get_session)]) -> AuditLog:
    """Dependency: an ``AuditLog`` on the request's session (the same one the repository gets)."""
    return AuditLog(session)


SettingsDep = Annotated[Settings, Depends(get_settings)]
RepositoryDep = Annotated[NoteRepository, Depends(get_repository)]
AuditDep = Annotated[AuditLog, Depends(get_audit)]


def create_app(session_factory: SessionFactory, env: Mapping[str, str] | None = None) -> FastAPI:
    """The notes app: settings loaded once from ``env`` (``os.environ`` when ``None``).

    Raises ``ValueError`` for a bad ``NOTES_MAX_TITLE``.
    """
    app = FastAPI(title="notes")
    app.state.settings = load_settings(os.environ if env is None else env)
    app.state.session_factory = session_factory

    @app.get("/about")
    def about(settings: SettingsDep) -> dict[str, str | int]:
        return {"app_name": settings.app_name, "max_title_length": settings.max_title_length}

    @app.get("/notes/{note_id}")
    def read_note(note_id: int, notes: RepositoryDep) -> Note:
        note = notes.get(note_id)
        if note is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"note {note_id} not found")
        return note

    @app.post("/notes", status_code=status.HTTP_201_CREATED)
    def create_note(body: NoteIn, settings: SettingsDep, notes: RepositoryDep, audit: AuditDep) -> Note:
        if len(body.title) > settings.max_title_length:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                f"title longer than {settings.max_title_length} characters",
            )
        note = notes.add(body.title)
        audit.record(f"created note {note.id}")
        return note

    return app
