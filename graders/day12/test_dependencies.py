"""Grader for day12.dependencies: one session per request from a yield dependency, committed or
rolled back and closed exactly once; dependencies shared within a request; overrides obeyed;
settings from a mapping.

The session factory is a fake database that numbers the sessions it opens and logs every call
made on them, so what the learner's dependencies did is read off the log.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from hypothesis import example, given
from hypothesis import strategies as st

from day12 import dependencies as kata

SEED = {1: "buy milk", 2: "call mom"}


class SessionClosed(RuntimeError):
    """Raised by the fake when a closed session is used."""


class FakeSession:
    def __init__(self, database: Database, number: int) -> None:
        self.database = database
        self.number = number
        self.pending: list[tuple[str, int, str]] = []
        self.closed = False

    def _use(self, *event: Any) -> None:
        if self.closed:
            self.database.log.append(("used after close", self.number, *event))
            raise SessionClosed(f"session {self.number} is closed")
        self.database.log.append((event[0], self.number, *event[1:]))

    def get(self, table: str, key: int) -> str | None:
        self._use("get", table, key)
        rows = dict(self.database.tables[table])
        rows.update({k: v for t, k, v in self.pending if t == table})
        return rows.get(key)

    def insert(self, table: str, value: str) -> int:
        self._use("insert", table, value)
        if self.database.broken:
            raise RuntimeError("the database is down")
        with self.database.lock:
            self.database.next_key[table] += 1
            key = self.database.next_key[table]
        self.pending.append((table, key, value))
        return key

    def commit(self) -> None:
        self._use("commit")
        for table, key, value in self.pending:
            self.database.tables[table][key] = value
        self.pending.clear()

    def rollback(self) -> None:
        self._use("rollback")
        self.pending.clear()

    def close(self) -> None:
        self.database.log.append(("close", self.number))
        self.closed = True


class Database:
    """The fake behind the session factory: ``open`` is what create_app gets."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[int, str]] = {"notes": dict(SEED), "audit": {}}
        self.next_key = {"notes": max(SEED), "audit": 0}
        self.log: list[tuple[Any, ...]] = []
        self.sessions: list[FakeSession] = []
        self.broken = False
        self.lock = threading.Lock()

    def open(self) -> FakeSession:
        with self.lock:
            session = FakeSession(self, len(self.sessions) + 1)
            self.sessions.append(session)
            self.log.append(("open", session.number))
        return session

    def story(self, number: int) -> list[tuple[Any, ...]]:
        """What happened to one session, in order, without its number."""
        return [(e[0], *e[2:]) for e in self.log if e[1] == number]

    def stories(self) -> list[list[tuple[Any, ...]]]:
        return [self.story(s.number) for s in self.sessions]


class FakeRepository:
    """Stands in for the repository through app.dependency_overrides."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    def get(self, note_id: int) -> kata.Note | None:
        self.calls.append(("get", note_id))
        return kata.Note(id=note_id, title="from the fake") if note_id < 100 else None

    def add(self, title: str) -> kata.Note:
        self.calls.append(("add", title))
        return kata.Note(id=41, title=title.upper())


@contextlib.asynccontextmanager
async def client_for(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """Like the day's asgi_client, but an unhandled error is the 500 a client would get."""
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client


def answer(response: httpx.Response) -> tuple[int, Any]:
    try:
        return response.status_code, response.json()
    except ValueError:
        return response.status_code, response.text


OPENED_ONCE_CLOSED_ONCE = (
    "get_session: a session is opened for the request, and closed exactly once after the route "
    "is done with it — never used after close()"
)

pytestmark = pytest.mark.asyncio


async def test_a_read_commits_then_closes() -> None:
    """GET /notes/{id}: one session, used by the repository, committed, then closed."""
    database = Database()
    app = kata.create_app(database.open, env={})
    async with client_for(app) as client:
        got = answer(await client.get("/notes/1"))
    assert [e for e in database.log if e[0] == "used after close"] == [], (
        "get_session: the session is closed only after the route is done with it — yield it from "
        "a dependency with yield (a return inside try/finally closes it before the route runs)"
    )
    assert got == (200, {"id": 1, "title": "buy milk"}), (
        "GET /notes/1 answers 200 with the note from the repository"
    )
    assert database.stories() == [[("open",), ("get", "notes", 1), ("commit",), ("close",)]], (
        "get_session: one session for the request — the repository reads through it, and after a "
        "route that returned it is committed, then closed (once)"
    )


async def test_every_request_gets_its_own_session() -> None:
    """Sequential and concurrent requests: one new session each, each closed once."""
    database = Database()
    app = kata.create_app(database.open, env={})
    async with client_for(app) as client:
        first = [answer(await client.get(f"/notes/{n}")) for n in (1, 2, 1)]
        concurrent = [answer(r) for r in await asyncio.gather(*(client.get("/notes/2") for _ in range(4)))]
    assert first + concurrent == [(200, {"id": 1, "title": "buy milk"}), (200, {"id": 2, "title": "call mom"}),
                                  (200, {"id": 1, "title": "buy milk"})] + [(200, {"id": 2, "title": "call mom"})] * 4, (
        "GET /notes/{id} answers 200 with the note"
    )
    assert len(database.sessions) == 7, (
        "get_session: every request opens its own session from the factory — 7 requests, 7 sessions "
        "(a session made once and shared by all requests is one transaction for everybody)"
    )
    stories = database.stories()
    assert stories == [[("open",), ("get", "notes", key), ("commit",), ("close",)] for key in (1, 2, 1, 2, 2, 2, 2)], (
        "get_session: each request's session is used by that request only, committed and closed once "
        "— also when requests run at the same time"
    )


async def test_a_404_rolls_back_and_closes() -> None:
    """An HTTPException from the route: rollback, close once, and the client still gets the 404."""
    database = Database()
    app = kata.create_app(database.open, env={})
    async with client_for(app) as client:
        got = answer(await client.get("/notes/7"))
    assert got == (404, {"detail": "note 7 not found"}), (
        'GET /notes/7 for a note that does not exist answers 404 {"detail": "note 7 not found"}'
    )
    assert database.stories() == [[("open",), ("get", "notes", 7), ("rollback",), ("close",)]], (
        "get_session: after a route that raised (an HTTPException for the 404 too) the session is "
        "rolled back, not committed, and closed exactly once"
    )


async def test_an_unexpected_error_rolls_back_closes_and_is_a_500() -> None:
    """A failure inside the route: rollback, close once, nothing stored, the error propagates."""
    database = Database()
    database.broken = True
    app = kata.create_app(database.open, env={})
    async with client_for(app) as client:
        status = (await client.post("/notes", json={"title": "lost"})).status_code
    assert database.stories() == [[("open",), ("insert", "notes", "lost"), ("rollback",), ("close",)]], (
        "get_session: when the route raises (here the database fails on insert) the session is "
        "rolled back and closed exactly once — close() in a finally (or an except that re-raises)"
    )
    assert status == 500, (
        "get_session: the route's exception propagates after the rollback — the client gets a 500, "
        "not a success"
    )
    assert database.tables["notes"] == SEED, "POST /notes: nothing is stored when the request fails"


async def test_repository_and_audit_share_the_request_session() -> None:
    """POST /notes: repository and audit log get the same session; one commit covers both."""
    database = Database()
    app = kata.create_app(database.open, env={})
    async with client_for(app) as client:
        got = answer(await client.post("/notes", json={"title": "water plants"}))
    assert got == (201, {"id": 3, "title": "water plants"}), (
        "POST /notes answers 201 with the note the repository added (the session's key)"
    )
    assert database.stories() == [[
        ("open",), ("insert", "notes", "water plants"), ("insert", "audit", "created note 3"),
        ("commit",), ("close",),
    ]], (
        "POST /notes: the repository and the audit log depend on get_session and get the request's "
        "ONE session (FastAPI caches a dependency per request): the note, then the audit record "
        '"created note <id>", one commit, one close'
    )
    assert (database.tables["notes"][3], database.tables["audit"]) == ("water plants", {1: "created note 3"}), (
        "POST /notes: after the commit the database holds the note and its audit record"
    )


async def test_routes_use_the_overridden_repository() -> None:
    """app.dependency_overrides[get_repository] replaces the repository in every route."""
    database = Database()
    app = kata.create_app(database.open, env={})
    fake = FakeRepository()
    app.dependency_overrides[kata.get_repository] = lambda: fake
    async with client_for(app) as client:
        read = answer(await client.get("/notes/5"))
        missing = answer(await client.get("/notes/500"))
        created = answer(await client.post("/notes", json={"title": "faked"}))
    assert fake.calls == [("get", 5), ("get", 500), ("add", "faked")], (
        "routes get their repository through Depends(get_repository): with "
        "app.dependency_overrides[get_repository] set, the override's get/add are the ones called"
    )
    assert [read, missing, created] == [
        (200, {"id": 5, "title": "from the fake"}),
        (404, {"detail": "note 500 not found"}),
        (201, {"id": 41, "title": "FAKED"}),
    ], "routes answer with what the (overridden) repository returned"
    assert [e for e in database.log if e[0] == "insert"] == [("insert", 1, "audit", "created note 41")], (
        "POST /notes: the audit log still records the note the repository returned, on the "
        "request's session"
    )


async def test_settings_come_from_the_env_mapping() -> None:
    """create_app(env=...) loads the settings; /about and the title limit follow them."""
    database = Database()
    app = kata.create_app(database.open, env={"NOTES_APP_NAME": "memo", "NOTES_MAX_TITLE": "5"})
    async with client_for(app) as client:
        about = answer(await client.get("/about"))
        too_long = answer(await client.post("/notes", json={"title": "sixsix"}))
        fits = answer(await client.post("/notes", json={"title": "five5"}))
    assert about == (200, {"app_name": "memo", "max_title_length": 5}), (
        "GET /about answers the settings loaded from the env mapping given to create_app"
    )
    assert too_long == (422, {"detail": "title longer than 5 characters"}), (
        'POST /notes: a title longer than max_title_length answers 422 '
        '{"detail": "title longer than <n> characters"}'
    )
    assert fits[0] == 201, "POST /notes: a title of exactly max_title_length characters is stored"
    assert database.story(1) == [("open",), ("rollback",), ("close",)], (
        "POST /notes: a title that is too long is refused before anything is stored (an "
        "HTTPException: the session rolls back and closes)"
    )
    app = kata.create_app(database.open, env={})
    async with client_for(app) as client:
        defaults = answer(await client.get("/about"))
    assert defaults == (200, {"app_name": "notes", "max_title_length": 100}), (
        "settings: NOTES_APP_NAME defaults to 'notes' and NOTES_MAX_TITLE to 100"
    )


async def test_settings_can_be_overridden() -> None:
    """app.dependency_overrides[get_settings] replaces the settings in every route."""
    database = Database()
    app = kata.create_app(database.open, env={})
    app.dependency_overrides[kata.get_settings] = lambda: kata.Settings(app_name="test", max_title_length=2)
    async with client_for(app) as client:
        about = answer(await client.get("/about"))
        too_long = answer(await client.post("/notes", json={"title": "abc"}))
    assert (about, too_long) == (
        (200, {"app_name": "test", "max_title_length": 2}),
        (422, {"detail": "title longer than 2 characters"}),
    ), "routes get their settings through Depends(get_settings): an override replaces them"


async def test_env_none_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """create_app(factory) without env reads os.environ, once, when the app is created."""
    monkeypatch.setenv("NOTES_APP_NAME", "from-environ")
    monkeypatch.setenv("NOTES_MAX_TITLE", "42")
    app = kata.create_app(Database().open)
    monkeypatch.setenv("NOTES_APP_NAME", "changed later")
    async with client_for(app) as client:
        about = answer(await client.get("/about"))
    assert about == (200, {"app_name": "from-environ", "max_title_length": 42}), (
        "create_app(env=None) loads the settings from os.environ, once, when the app is created"
    )


async def test_a_real_server_opens_and_closes_one_session_per_request(uvicorn_client: Any) -> None:
    """Over uvicorn: concurrent requests, one session each, all closed."""
    database = Database()
    async with uvicorn_client(kata.create_app(database.open, env={})) as client:
        got = [answer(r) for r in await asyncio.gather(client.get("/notes/1"), client.get("/notes/9"))]
    assert got == [(200, {"id": 1, "title": "buy milk"}), (404, {"detail": "note 9 not found"})], (
        "GET /notes/{id} over a real server: 200 with the note, 404 for a missing one"
    )
    assert sorted(database.stories()) == sorted([
        [("open",), ("get", "notes", 1), ("commit",), ("close",)],
        [("open",), ("get", "notes", 9), ("rollback",), ("close",)],
    ]), OPENED_ONCE_CLOSED_ONCE + " (over a real server too: commit after a 200, rollback after a 404)"


def settings_outcome(env: dict[str, str]) -> object:
    try:
        return kata.load_settings(env)
    except NotImplementedError:
        raise
    except ValueError:
        return "ValueError"


@given(
    name=st.none() | st.text(min_size=1, max_size=20),
    limit=st.none() | st.integers(min_value=-5, max_value=10**6),
)
@example(name=None, limit=None)
@example(name="x", limit=1)
@example(name=None, limit=0)
def test_load_settings_reads_the_mapping(name: str | None, limit: int | None) -> None:
    """load_settings: the variables when present, the defaults otherwise; NOTES_MAX_TITLE >= 1."""
    env = {"UNRELATED": "1"}
    if name is not None:
        env["NOTES_APP_NAME"] = name
    if limit is not None:
        env["NOTES_MAX_TITLE"] = str(limit)
    got = settings_outcome(env)
    if limit is not None and limit < 1:
        assert got == "ValueError", "load_settings: NOTES_MAX_TITLE below 1 raises ValueError"
    else:
        want = kata.Settings(app_name="notes" if name is None else name, max_title_length=100 if limit is None else limit)
        assert got == want, "load_settings: each variable when present, its default otherwise"


def test_load_settings_rejects_a_bad_limit() -> None:
    """NOTES_MAX_TITLE that is not an integer >= 1 raises ValueError, from create_app too."""
    values = ["many", "", "2.5", "0", "-3"]
    got = {value: settings_outcome({"NOTES_MAX_TITLE": value}) for value in values}
    assert got == dict.fromkeys(values, "ValueError"), (
        "load_settings: a NOTES_MAX_TITLE that is not an integer >= 1 raises ValueError"
    )
    for value in values:
        try:
            kata.create_app(Database().open, env={"NOTES_MAX_TITLE": value})
        except ValueError:
            pass
        else:
            raise AssertionError(f"create_app: env with NOTES_MAX_TITLE={value!r} raises ValueError")
