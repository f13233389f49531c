"""Grader for day12.auth: 401 vs 403, WWW-Authenticate, the bearer header's grammar, roles as a
dependency factory, dependency overrides, the app's own token table, and the OpenAPI schema.

Requests go into the app over ASGI (lifespan run; a crash is answered 500 instead of raised),
and once through a real uvicorn server on 127.0.0.1.
"""

import re
from contextlib import AbstractAsyncContextManager
from typing import Annotated, Any

import httpx
import pytest
from fastapi import Depends, FastAPI
from hypothesis import example, given, settings
from hypothesis import strategies as st

from graders.support.web import over_asgi

from day12 import auth as kata

pytestmark = pytest.mark.asyncio

ANN = kata.User("ann", frozenset({"admin", "ops"}))
BOB = kata.User("bob", frozenset({"ops"}))
CID = kata.User("cid")
TOKENS = {"ann-T0k3n": ANN, "bob-1": BOB, "bob-2=": BOB, "c.i~d/+_-": CID}

CHALLENGE = re.compile(r"bearer(?: |$)", re.IGNORECASE)


def client_of(app: Any) -> AbstractAsyncContextManager[httpx.AsyncClient]:
    """The app over ASGI, lifespan run; an exception in the app is answered 500, not raised."""
    return over_asgi(app, raise_app_exceptions=False)


def auth(value: str) -> dict[str, str]:
    return {"Authorization": value}


def outcome(response: httpx.Response) -> tuple[int, Any]:
    """(status, JSON body or text): what a message can show."""
    try:
        body = response.json()
    except ValueError:
        body = response.text
    return response.status_code, body


def challenge_problem(response: httpx.Response) -> str | None:
    """What is wrong with a 401 (None when it is right)."""
    if response.status_code != 401:
        return f"status {response.status_code}, body {response.text[:200]!r}"
    challenge = response.headers.get("www-authenticate")
    if challenge is None or not CHALLENGE.match(challenge):
        return f"WWW-Authenticate: {challenge!r}"
    _, body = outcome(response)
    if not (isinstance(body, dict) and isinstance(body.get("detail"), str)):
        return f"body {body!r}"
    return None


PROTECTED = [("GET", "/me"), ("GET", "/admin/report"), ("DELETE", "/admin/users/cid")]

BAD_CREDENTIALS = {
    "no Authorization header": None,
    "'Bearer' without a token": "Bearer",
    "'Bearer ' and an empty token": "Bearer ",
    "'Bearer' and only spaces": "Bearer    ",
    "a valid token without a scheme": "ann-T0k3n",
    "a valid token with the Basic scheme": "Basic ann-T0k3n",
    "a valid token glued to the scheme": "Bearerann-T0k3n",
    "an unknown token": "Bearer nobody",
    "a valid token plus a suffix": "Bearer ann-T0k3n2",
    "a prefix of a valid token": "Bearer ann-T0k3",
    "a valid token in another case": "Bearer ANN-T0K3N",
    "a valid token and a second word": "Bearer ann-T0k3n extra",
    "a non-ASCII token": "Bearer t\u00f6k\u00e9n",
}


@pytest.mark.parametrize(("method", "path"), PROTECTED, ids=[f"{m} {p}" for m, p in PROTECTED])
async def test_bad_credentials_are_401_with_a_bearer_challenge(method: str, path: str) -> None:
    """No header, another scheme, an empty or unknown token: 401 with WWW-Authenticate: Bearer."""
    app = kata.create_app(TOKENS)
    wrong = {}
    async with client_of(app) as client:
        for case, value in BAD_CREDENTIALS.items():
            headers = None if value is None else [(b"authorization", value.encode())]
            if problem := challenge_problem(await client.request(method, path, headers=headers)):
                wrong[case] = problem
    assert wrong == {}, (
        f"{method} {path}: missing or invalid credentials are answered 401 with a "
        "WWW-Authenticate header whose scheme is Bearer and a JSON body {'detail': ...} "
        "(shown: the cases answered otherwise, and how)"
    )


async def test_me_returns_the_tokens_user() -> None:
    """GET /me answers the user the token belongs to, roles sorted."""
    app = kata.create_app(TOKENS)
    async with client_of(app) as client:
        got = [outcome(await client.get("/me", headers=auth(f"Bearer {t}"))) for t in TOKENS]
    want = [
        (200, {"name": "ann", "roles": ["admin", "ops"]}),
        (200, {"name": "bob", "roles": ["ops"]}),
        (200, {"name": "bob", "roles": ["ops"]}),
        (200, {"name": "cid", "roles": []}),
    ]
    assert got == want, "GET /me: 200 {'name': ..., 'roles': [sorted]} of the token's user, for every token"


async def test_the_scheme_is_case_insensitive_and_spaces_are_allowed() -> None:
    """'bearer', 'BEARER' work; one or more spaces before the token, spaces after it ignored."""
    app = kata.create_app(TOKENS)
    values = ["bearer bob-1", "BEARER bob-1", "bEaReR bob-1", "Bearer   bob-1", "Bearer bob-1  "]
    async with client_of(app) as client:
        got = {v: (await client.get("/me", headers=[(b"authorization", v.encode())])).status_code
               for v in values}
    assert got == dict.fromkeys(values, 200), (
        "Authorization: the scheme name Bearer is case-insensitive (RFC 7235), followed by one or "
        "more spaces and the token; spaces after the token are ignored"
    )


async def test_health_is_public() -> None:
    """GET /health answers 200 {'status': 'ok'} whatever the headers."""
    app = kata.create_app(TOKENS)
    async with client_of(app) as client:
        got = [outcome(await client.get("/health", headers=h))
               for h in (None, auth("Bearer nobody"), auth("Basic x"), auth("Bearer ann-T0k3n"))]
    assert got == [(200, {"status": "ok"})] * 4, (
        "GET /health is public: 200 {'status': 'ok'} without a token and with any Authorization header"
    )


async def test_a_valid_token_without_the_role_is_403() -> None:
    """A valid token whose user lacks 'admin': 403 on the admin routes (not 401)."""
    app = kata.create_app(TOKENS)
    async with client_of(app) as client:
        got = {
            "GET /admin/report as bob (ops)": outcome(await client.get("/admin/report", headers=auth("Bearer bob-1"))),
            "GET /admin/report as cid (no roles)": outcome(await client.get("/admin/report", headers=auth("Bearer c.i~d/+_-"))),
            "DELETE /admin/users/cid as bob": outcome(await client.delete("/admin/users/cid", headers=auth("Bearer bob-2="))),
        }
        still_there = (await client.get("/me", headers=auth("Bearer c.i~d/+_-"))).status_code
    statuses = {case: status for case, (status, _) in got.items()}
    assert statuses == dict.fromkeys(got, 403), (
        "a valid token whose user lacks the route's role is answered 403 (401 is for a missing or "
        "unknown token)"
    )
    bodies = {case: isinstance(body, dict) and isinstance(body.get("detail"), str) for case, (_, body) in got.items()}
    assert bodies == dict.fromkeys(got, True), "403: the body is JSON {'detail': '<a message>'}"
    assert still_there == 200, "a DELETE refused with 403 removes nothing: cid's token still works"


async def test_admin_report() -> None:
    """GET /admin/report as an admin: the caller's name and the distinct user names, sorted."""
    app = kata.create_app(TOKENS)
    async with client_of(app) as client:
        got = outcome(await client.get("/admin/report", headers=auth("Bearer ann-T0k3n")))
    assert got == (200, {"requested_by": "ann", "users": ["ann", "bob", "cid"]}), (
        "GET /admin/report (role admin): 200 {'requested_by': <caller>, 'users': distinct names, sorted}"
    )


async def test_delete_user_removes_every_token_of_the_user() -> None:
    """DELETE /admin/users/{name}: 204 and an empty body; every token of that user is then 401."""
    tokens = dict(TOKENS)
    app = kata.create_app(tokens)
    async with client_of(app) as client:
        deleted = await client.delete("/admin/users/bob", headers=auth("Bearer ann-T0k3n"))
        after = [challenge_problem(await client.get("/me", headers=auth(f"Bearer {t}"))) for t in ("bob-1", "bob-2=")]
        report = outcome(await client.get("/admin/report", headers=auth("Bearer ann-T0k3n")))
        again = await client.delete("/admin/users/bob", headers=auth("Bearer ann-T0k3n"))
        unknown = await client.delete("/admin/users/zed", headers=auth("Bearer ann-T0k3n"))
    assert (deleted.status_code, deleted.content) == (204, b""), (
        "DELETE /admin/users/bob as an admin: 204 with an empty body"
    )
    assert after == [None, None], (
        "after DELETE /admin/users/bob, every token of bob is answered 401 with a Bearer challenge "
        "(None = right)"
    )
    assert report == (200, {"requested_by": "ann", "users": ["ann", "cid"]}), (
        "after DELETE /admin/users/bob, /admin/report no longer lists bob"
    )
    assert (again.status_code, unknown.status_code) == (404, 404), (
        "DELETE /admin/users/{name}: 404 when no token belongs to a user of that name (also once deleted)"
    )
    assert [isinstance(r.json().get("detail"), str) for r in (again, unknown)] == [True, True], (
        "DELETE /admin/users/{name}: the 404's body is JSON {'detail': '<a message>'}"
    )
    assert tokens == TOKENS, "create_app(tokens): the caller's mapping is never changed"
    async with client_of(kata.create_app(tokens)) as client:
        other = (await client.get("/me", headers=auth("Bearer bob-1"))).status_code
    assert other == 200, "create_app(): each app has its own copy of the table: a second app still knows bob"


async def test_401_then_403_then_404() -> None:
    """Authentication is decided first, then the role, then the route's own 404."""
    app = kata.create_app(TOKENS)
    async with client_of(app) as client:
        got = [
            (await client.delete("/admin/users/zed")).status_code,
            (await client.delete("/admin/users/zed", headers=auth("Bearer bob-1"))).status_code,
            (await client.delete("/admin/users/zed", headers=auth("Bearer ann-T0k3n"))).status_code,
        ]
    assert got == [401, 403, 404], (
        "DELETE /admin/users/<unknown>: 401 without a token, 403 without the admin role, 404 for an admin"
    )


async def test_require_role_on_a_route_of_your_own() -> None:
    """require_role(role) checks that role, after current_user, and hands the user to the route."""
    app = kata.create_app(TOKENS)

    @app.get("/ops/status")
    async def ops_status(user: Annotated[kata.User, Depends(kata.require_role("ops"))]) -> dict[str, str]:
        return {"seen": user.name}

    @app.get("/auditor/log", dependencies=[Depends(kata.require_role("auditor"))])
    async def audit_log() -> dict[str, bool]:
        return {"ok": True}

    async with client_of(app) as client:
        got = {
            "ops route, bob (ops)": outcome(await client.get("/ops/status", headers=auth("Bearer bob-2="))),
            "ops route, ann (admin, ops)": outcome(await client.get("/ops/status", headers=auth("Bearer ann-T0k3n"))),
            "ops route, cid (no roles)": (await client.get("/ops/status", headers=auth("Bearer c.i~d/+_-"))).status_code,
            "ops route, no token": (await client.get("/ops/status")).status_code,
            "auditor route, ann (admin)": (await client.get("/auditor/log", headers=auth("Bearer ann-T0k3n"))).status_code,
        }
    want = {
        "ops route, bob (ops)": (200, {"seen": "bob"}),
        "ops route, ann (admin, ops)": (200, {"seen": "ann"}),
        "ops route, cid (no roles)": 403,
        "ops route, no token": 401,
        "auditor route, ann (admin)": 403,
    }
    assert got == want, (
        "Depends(require_role(role)) on any route: 401 without a valid token, 403 when the user "
        "lacks that very role (admin is not a superuser), otherwise the route gets the user"
    )


async def test_overriding_current_user_replaces_authentication() -> None:
    """The protected routes get the user through Depends(current_user): an override replaces it."""
    app = kata.create_app(TOKENS)
    app.dependency_overrides[kata.current_user] = lambda: kata.User("zoe", frozenset({"ops"}))
    async with client_of(app) as client:
        me = outcome(await client.get("/me"))
        report = (await client.get("/admin/report")).status_code
        app.dependency_overrides[kata.current_user] = lambda: kata.User("max", frozenset({"admin"}))
        admin = outcome(await client.get("/admin/report"))
    assert me == (200, {"name": "zoe", "roles": ["ops"]}), (
        "GET /me gets its user from Depends(current_user): with app.dependency_overrides"
        "[current_user] it answers the overriding user, no token needed"
    )
    assert (report, admin) == (403, (200, {"requested_by": "max", "users": ["ann", "bob", "cid"]})), (
        "the admin routes get the user through require_role -> current_user: an overriding user "
        "without admin gets 403, one with admin gets the report"
    )


def security_of(schema: dict[str, Any], operation: dict[str, Any]) -> list[dict[str, Any]]:
    """The security requirements in force for an operation (its own, else the document's)."""
    return operation.get("security", schema.get("security", []))


async def test_openapi_declares_bearer_security_on_protected_operations_only() -> None:
    """An HTTP bearer scheme; required by read_me, admin_report, delete_user; not by health."""
    app = kata.create_app(TOKENS)
    schema = app.openapi()
    operations = {
        (method.upper(), path): op
        for path, item in schema.get("paths", {}).items()
        for method, op in item.items()
        if isinstance(op, dict) and "responses" in op
    }
    ids = {key: op.get("operationId") for key, op in operations.items()}
    assert ids == {
        ("GET", "/health"): "health",
        ("GET", "/me"): "read_me",
        ("GET", "/admin/report"): "admin_report",
        ("DELETE", "/admin/users/{name}"): "delete_user",
    }, "OpenAPI: exactly the four routes, with the operation ids health, read_me, admin_report, delete_user"
    schemes = schema.get("components", {}).get("securitySchemes", {})
    bearer_names = sorted(
        name for name, s in schemes.items()
        if s.get("type") == "http" and str(s.get("scheme", "")).lower() == "bearer"
    )
    assert bearer_names != [], (
        "OpenAPI: components.securitySchemes holds an HTTP bearer scheme {'type': 'http', 'scheme': 'bearer'}"
    )
    protected = {
        ids[key]: any(set(req) & set(bearer_names) for req in security_of(schema, op))
        and {} not in security_of(schema, op)
        for key, op in operations.items()
    }
    assert protected == {"health": False, "read_me": True, "admin_report": True, "delete_user": True}, (
        "OpenAPI: read_me, admin_report and delete_user require the bearer scheme; health requires "
        "no security at all"
    )


ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/"
tokens68 = st.builds(
    lambda body, pad: body + "=" * pad,
    st.text(alphabet=ALPHABET, min_size=1, max_size=12),
    st.integers(min_value=0, max_value=2),
)
# Printable text, no whitespace but the plain space, non-ASCII included (letters whose case
# folding is surprising: the Kelvin sign, the long s, dotted and dotless i).
PRINTABLE = "".join(chr(c) for c in range(0x21, 0x7F)) + " \u00e9\u00f6\u00df\u20ac\u2713\u212a\u017f\u0130\u0131\U0001f511"
junk = st.text(alphabet=PRINTABLE, max_size=12)
scheme_case = st.sampled_from(["Bearer", "bearer", "BEARER", "bEARER", "beaRer"])
spaces = st.integers(min_value=1, max_value=3).map(lambda n: " " * n)
trailing = st.integers(min_value=0, max_value=2).map(lambda n: " " * n)


# One table for every example (building an app per example would dominate the grading time):
# tokens that are prefixes of each other, padding, every RFC 6750 character.
TABLE = {"tok": ANN, "tok2": BOB, "to=": CID, "Tok": BOB, "a-b.c~d+e/f_g==": ANN, "Z9": CID}
_apps: list[Any] = []


def shared_app() -> Any:
    """The app over TABLE, built once (by the first example) and reused: headers only read it."""
    if not _apps:
        _apps.append(kata.create_app(TABLE))
    return _apps[0]


@st.composite
def header_values(draw: st.DrawFn) -> str:
    """An Authorization value: valid, nearly valid, or junk."""
    token = draw(st.sampled_from(sorted(TABLE)) | tokens68)
    shape = draw(st.sampled_from(["valid", "suffix", "prefix", "case", "scheme", "junk", "after scheme"]))
    if shape == "valid":
        return draw(scheme_case) + draw(spaces) + token + draw(trailing)
    if shape == "suffix":
        return draw(scheme_case) + draw(spaces) + token + draw(junk)
    if shape == "prefix":
        return draw(scheme_case) + draw(spaces) + token[: draw(st.integers(0, len(token) - 1))]
    if shape == "case":
        return draw(scheme_case) + " " + token.swapcase()
    if shape == "scheme":
        return draw(st.sampled_from(["Basic", "Token", "Bearer:", "Bearers", "Bear", ""])) + draw(spaces) + token
    if shape == "after scheme":
        return draw(scheme_case) + draw(spaces) + draw(junk)
    return draw(junk)


VALID = re.compile(r"[Bb][Ee][Aa][Rr][Ee][Rr] +([^ ]+) *")


@settings(max_examples=60)
@given(header_values())
@example("Bearer t\u00f6k")
@example("Bearer tok\u00e9")
@example("\u00e9")
@example("bearer tok")
@example("Bearer tok tok")
@example("Bearer to")
@example("Bearer tok2")
@example("Bearer tok3")
@example("Bearer TOK")
async def test_any_authorization_header(value: str) -> None:
    """Any Authorization value: 200 for a valid bearer token, otherwise 401 — never a 500."""
    app = shared_app()
    async with client_of(app) as client:
        response = await client.get("/me", headers=[(b"authorization", value.encode())])
    match = VALID.fullmatch(value)
    user = TABLE.get(match.group(1)) if match else None
    if user is not None:
        assert outcome(response) == (200, {"name": user.name, "roles": sorted(user.roles)}), (
            f"GET /me with Authorization: {value!r}: 'Bearer' in any case, spaces, then a known "
            "token is that token's user"
        )
    else:
        assert challenge_problem(response) is None, (
            f"GET /me with Authorization: {value!r} (tokens {sorted(TABLE)}): not exactly a known "
            "token after 'Bearer ' -> 401 with WWW-Authenticate: Bearer and {'detail': ...}, never 500"
        )


async def test_over_a_real_server(uvicorn_client: Any) -> None:
    """Served by uvicorn: /health, /me with a token, and the 401 challenge without one."""
    app = kata.create_app(TOKENS)
    async with uvicorn_client(app) as client:
        health = outcome(await client.get("/health"))
        me = outcome(await client.get("/me", headers=auth("Bearer ann-T0k3n")))
        missing = challenge_problem(await client.get("/me"))
    assert (health, me, missing) == (
        (200, {"status": "ok"}),
        (200, {"name": "ann", "roles": ["admin", "ops"]}),
        None,
    ), "under uvicorn: /health is public, /me answers the token's user, no token is 401 + Bearer challenge"
