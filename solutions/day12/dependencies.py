"""Dependency injection: a notes API whose route handlers never build what they use — they
declare it, and FastAPI's ``Depends`` provides it, once per request.

Write the dependency functions below and ``create_app(session_factory, env)``. The graders pass
a fake ``session_factory`` that records every session it opens and everything done with it, and
they replace dependencies through ``app.dependency_overrides``, e.g.::

    app = create_app(database.open, env={"NOTES_MAX_TITLE": "20"})
    app.dependency_overrides[get_repository] = lambda: fake_repository

so a route must get its repository (and settings) through ``Depends(get_repository)``
(``Depends(get_settings)``), never by calling or constructing them itself.

Settings — ``load_settings(env)`` reads a mapping of environment variables:

- ``NOTES_APP_NAME``: the app's name, default ``"notes"``;
- ``NOTES_MAX_TITLE``: the longest title allowed, default ``100``; any value ``int()`` accepts
  that is ``>= 1``. Anything else (``"many"``, ``"0"``, ``"-3"``) raises ``ValueError``.

``create_app(session_factory, env=None)`` loads the settings once, from ``env`` or, when ``env``
is ``None``, from ``os.environ`` (a bad value makes ``create_app`` itself raise ``ValueError``),
and keeps them and the factory on the app (e.g. ``app.state``) for the dependencies to find.

The session — ``get_session`` is a dependency *with yield*. For each request that needs it, it
calls the factory once, yields that session, and when the route is done with it:

- the route returned: ``commit()``, then ``close()``;
- the route raised — any exception, an ``HTTPException`` for a 404 included: ``rollback()``,
  ``close()``, and the exception propagates (so the client still gets its 404, or a 500).

The session is closed exactly once, in every case, and never before the route is done with it.
Every dependency of one request that depends on ``get_session`` (the repository and the audit
log) gets that request's one session: one request, one transaction. Two requests, even at the
same time, never share a session.

Routes (JSON in and out):

- ``GET /about`` → 200 ``{"app_name": ..., "max_title_length": ...}`` from ``get_settings``.
- ``GET /notes/{note_id}`` → 200 ``{"id": 1, "title": "buy milk"}`` from the repository's
  ``get``; a note that does not exist → 404 ``{"detail": "note 7 not found"}``, raised as an
  ``HTTPException`` (so the session rolls back).
- ``POST /notes`` with ``{"title": "..."}`` → a title longer than the settings'
  ``max_title_length`` → 422 ``{"detail": "title longer than 100 characters"}`` (an
  ``HTTPException``, raised before anything is stored); otherwise the repository's ``add``,
  then the audit log records ``"created note <id>"``, and → 201 ``{"id": ..., "title": ...}``.

Example (``database`` holds note 1, "buy milk")::

    app = create_app(database.open, env={})
    GET /notes/1   → 200 {"id": 1, "title": "buy milk"}   session 1: get, commit, close
    GET /notes/7   → 404 {"detail": "note 7 not found"}   session 2: get, rollback, close
    POST /notes {"title": "call mom"}
                   → 201 {"id": 2, "title": "call mom"}   session 3: insert into notes,
                                                          insert into audit, commit, close
"""

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


def get_session(request: Request) -> Iterator[Session]:
    """Dependency with yield: one session per request from the app's factory.

    Commit then close after a route that returned; rollback, close and re-raise after one that
    raised. Closed exactly once.
    """
    factory: SessionFactory = request.app.state.session_factory
    session = factory()
    try:
        yield session
    except BaseException:
        session.rollback()
        raise
    else:
        session.commit()
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
