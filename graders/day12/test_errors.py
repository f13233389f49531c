"""Grader for day12.errors: domain errors, validation errors, HTTPException and unexpected
errors all answered as RFC 9457 problem details, by handlers installed in one place.

The grader writes its own app (and its own DomainError subclasses, after the handlers are
installed), calls install_error_handlers on it and drives it over ASGI — with
``raise_app_exceptions=False``, because Starlette re-raises an unexpected error after it has
sent the 500 — and once through a real uvicorn server on 127.0.0.1.
"""

from contextlib import AbstractAsyncContextManager
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, HTTPException
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, Field, field_validator

from graders.support.web import over_asgi

from day12 import errors as kata

pytestmark = pytest.mark.asyncio

PROBLEM_JSON = "application/problem+json"
SECRET = "password=hunter2 at db.internal:5432"

# The spec's table: class name -> (status, title, type_uri).
TABLE = {
    "DomainError": (400, "Bad Request", "about:blank"),
    "NotFound": (404, "Not Found", "https://problems.example.com/not-found"),
    "Conflict": (409, "Conflict", "https://problems.example.com/conflict"),
    "RuleViolation": (422, "Business rule violated", "https://problems.example.com/rule-violation"),
}


class Order(BaseModel):
    sku: str
    qty: int = Field(gt=0)

    @field_validator("sku")
    @classmethod
    def no_spaces(cls, sku: str) -> str:
        if " " in sku:
            raise ValueError("a sku has no spaces")
        return sku


def build_app() -> FastAPI:
    """The grader's own app, its routes raising every kind of error; then the handlers installed."""
    app = FastAPI()

    @app.get("/orders/{order_id}")
    async def get_order(order_id: int, verbose: bool = False) -> dict[str, int]:
        if order_id == 1:
            return {"id": 1}
        raise kata.NotFound(f"no order {order_id}")

    @app.post("/orders", status_code=201)
    async def create_order(order: Order) -> dict[str, Any]:
        if order.sku == "dup":
            raise kata.Conflict("sku dup is taken")
        if order.qty > 10:
            raise kata.RuleViolation("at most 10 per order")
        return {"sku": order.sku, "qty": order.qty}

    @app.get("/search")
    async def search(limit: int, q: str = "") -> list[str]:
        return []

    @app.get("/plain")
    async def plain() -> None:
        raise kata.DomainError("a plain domain error")

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError(SECRET)

    @app.get("/lookup")
    def lookup() -> None:  # a sync route: run in a thread, same handling
        raise KeyError(SECRET)

    @app.get("/login")
    async def login() -> None:
        raise HTTPException(401, detail="log in first", headers={"WWW-Authenticate": "Bearer"})

    @app.get("/http/{code}")
    async def http(code: int) -> None:
        raise HTTPException(code, detail=f"refused with {code}", headers={"X-Reason": "grader"})

    kata.install_error_handlers(app)
    return app


def client_of(app: Any) -> AbstractAsyncContextManager[httpx.AsyncClient]:
    """The app over ASGI, lifespan run; an exception in the app is answered 500, not raised."""
    return over_asgi(app, raise_app_exceptions=False)


def seen(response: httpx.Response) -> tuple[int, str, Any]:
    """(status, media type, JSON body or text): what a message can show."""
    media_type = response.headers.get("content-type", "").split(";")[0].strip()
    try:
        body = response.json()
    except ValueError:
        body = response.text
    return response.status_code, media_type, body


def problem(status: int, title: str, detail: str, instance: str, type_uri: str = "about:blank") -> tuple[int, str, Any]:
    return status, PROBLEM_JSON, {
        "type": type_uri, "title": title, "status": status, "detail": detail, "instance": instance,
    }


def domain_problem(name: str, detail: str, instance: str) -> tuple[int, str, Any]:
    status, title, type_uri = TABLE[name]
    return problem(status, title, detail, instance, type_uri)


async def test_the_katas_domain_errors() -> None:
    """NotFound, Conflict, RuleViolation, DomainError: their status, title, type_uri, detail."""
    app = build_app()
    async with client_of(app) as client:
        got = {
            "NotFound": seen(await client.get("/orders/7")),
            "Conflict": seen(await client.post("/orders", json={"sku": "dup", "qty": 1})),
            "RuleViolation": seen(await client.post("/orders", json={"sku": "nut", "qty": 11})),
            "DomainError": seen(await client.get("/plain")),
        }
    want = {
        "NotFound": domain_problem("NotFound", "no order 7", "/orders/7"),
        "Conflict": domain_problem("Conflict", "sku dup is taken", "/orders"),
        "RuleViolation": domain_problem("RuleViolation", "at most 10 per order", "/orders"),
        "DomainError": domain_problem("DomainError", "a plain domain error", "/plain"),
    }
    for name in want:
        assert got[name] == want[name], (
            f"a raised {name}: its status, application/problem+json, and {{type: type_uri, title, "
            "status (an int), detail: error.detail, instance: the path} as the spec's table says"
        )
    error = kata.NotFound("no order 9")
    assert (error.detail, str(error)) == ("no order 9", "no order 9"), (
        "DomainError(detail): .detail is the argument, and so is str(error)"
    )


async def test_instance_is_the_path_without_the_query() -> None:
    """instance is the request's path; the query string is not part of it."""
    app = build_app()
    async with client_of(app) as client:
        status, _, body = seen(await client.get("/orders/42", params={"verbose": "true"}))
    assert (status, body.get("instance") if isinstance(body, dict) else body) == (404, "/orders/42"), (
        "problem details: instance is the request's path without the query string"
    )


def raising(error: Exception) -> Any:
    async def route() -> None:
        raise error

    return route


async def test_a_subclass_written_later_is_handled_in_the_same_one_place() -> None:
    """Subclasses defined after install_error_handlers: answered through their class attributes."""
    app = FastAPI()
    kata.install_error_handlers(app)

    class PaymentRequired(kata.DomainError):
        status = 402
        title = "Payment required"
        type_uri = "https://grader.example/problems/payment"

    class OrderMissing(kata.NotFound):
        """Inherits everything from NotFound."""

    class Locked(kata.Conflict):
        status = 423
        title = "Locked"

    class TooMany(PaymentRequired):
        status = 429

    raised = {
        "/pay": PaymentRequired("card declined"),
        "/missing": OrderMissing("order 5 is gone"),
        "/locked": Locked("order 5 is being edited"),
        "/many": TooMany("slow down"),
    }
    for path, error in raised.items():
        app.add_api_route(path, raising(error))

    async with client_of(app) as client:
        got = {path: seen(await client.get(path)) for path in raised}
    want = {
        "/pay": problem(402, "Payment required", "card declined", "/pay", "https://grader.example/problems/payment"),
        "/missing": domain_problem("NotFound", "order 5 is gone", "/missing"),
        "/locked": problem(423, "Locked", "order 5 is being edited", "/locked", TABLE["Conflict"][2]),
        "/many": problem(429, "Payment required", "slow down", "/many", "https://grader.example/problems/payment"),
    }
    assert got == want, (
        "every DomainError subclass, also one written after install_error_handlers ran, is answered "
        "by one handler for the base class through its own (or inherited) status, title and type_uri"
    )


async def test_validation_errors_are_problem_details_with_their_locations() -> None:
    """RequestValidationError -> 422 problem details plus errors: [{loc, msg}, ...]."""
    app = build_app()
    cases = {
        "GET /search?limit=ten": ("GET", "/search", {"params": {"limit": "ten"}}, {("query", "limit")}),
        "GET /search": ("GET", "/search", {}, {("query", "limit")}),
        "GET /orders/seven": ("GET", "/orders/seven", {}, {("path", "order_id")}),
        "POST /orders {qty: 0}": ("POST", "/orders", {"json": {"qty": 0}}, {("body", "sku"), ("body", "qty")}),
        "POST /orders {sku: 'a b', qty: 1}": ("POST", "/orders", {"json": {"sku": "a b", "qty": 1}}, {("body", "sku")}),
    }
    async with client_of(app) as client:
        for case, (method, path, kwargs, locations) in cases.items():
            status, media_type, body = seen(await client.request(method, path, **kwargs))
            errors = body.pop("errors", "<missing>") if isinstance(body, dict) else "<missing>"
            assert (status, media_type, body) == problem(422, "Request validation failed", "The request is invalid.", path), (
                f"{case}: a validation error is answered 422 application/problem+json with type "
                "about:blank, title 'Request validation failed', detail 'The request is invalid.', "
                "instance, and errors"
            )
            assert isinstance(errors, list), f"{case}: the 422 problem details have an errors list"
            got = {tuple(e["loc"]) if isinstance(e, dict) and isinstance(e.get("loc"), list) else repr(e)
                   for e in errors}
            assert got == locations, (
                f"{case}: errors holds one {{'loc': [...], 'msg': ...}} per invalid field, loc a list "
                "as FastAPI reports it"
            )
            msgs = [isinstance(e.get("msg"), str) and e["msg"] != "" for e in errors]
            assert msgs == [True] * len(errors), f"{case}: each error's msg is a non-empty str"


async def test_http_exceptions_become_problem_details_and_keep_their_headers() -> None:
    """HTTPException (the router's own 404/405 too): its status, the standard phrase, detail, headers."""
    app = build_app()
    async with client_of(app) as client:
        unknown = await client.get("/no/such/route")
        wrong_method = await client.delete("/search")
        login = await client.get("/login")
        conflict = await client.get("/http/409")
        unusual = await client.get("/http/499")
    assert seen(unknown) == problem(404, "Not Found", "Not Found", "/no/such/route"), (
        "an unknown path: the router's HTTPException(404) becomes problem details, title 'Not Found' "
        "(register the handler for Starlette's HTTPException, which FastAPI's subclasses)"
    )
    assert seen(wrong_method) == problem(405, "Method Not Allowed", "Method Not Allowed", "/search"), (
        "a wrong method: the router's HTTPException(405) becomes problem details, title 'Method Not Allowed'"
    )
    assert "GET" in wrong_method.headers.get("allow", ""), "HTTPException's headers are kept: the 405's Allow"
    assert (seen(login), login.headers.get("www-authenticate")) == (
        problem(401, "Unauthorized", "log in first", "/login"), "Bearer"
    ), "HTTPException(401, headers={'WWW-Authenticate': 'Bearer'}): problem details, the header kept"
    assert (seen(conflict), conflict.headers.get("x-reason")) == (
        problem(409, "Conflict", "refused with 409", "/http/409"), "grader"
    ), "HTTPException(409): status, title HTTPStatus(409).phrase, detail its detail, its headers kept"
    assert seen(unusual) == problem(499, "Error", "refused with 499", "/http/499"), (
        "HTTPException with a code HTTPStatus does not know (499): title 'Error'"
    )


async def test_unexpected_errors_are_500_without_their_message() -> None:
    """Any other exception -> 500 problem details that never show the exception's message."""
    app = build_app()
    async with client_of(app) as client:
        responses = {"/boom": await client.get("/boom"), "/lookup": await client.get("/lookup")}
    for path, response in responses.items():
        assert "hunter2" not in response.text, (
            f"GET {path}: a 500 never shows the exception's message (it may hold secrets)"
        )
        assert seen(response) == problem(500, "Internal Server Error", "An unexpected error occurred.", path), (
            f"GET {path}: an unexpected exception is answered 500 application/problem+json, type "
            "about:blank, title 'Internal Server Error', detail 'An unexpected error occurred.'"
        )


async def test_successful_responses_are_left_alone() -> None:
    """A route that succeeds answers as it always did."""
    app = build_app()
    async with client_of(app) as client:
        got = [seen(await client.get("/orders/1")), seen(await client.post("/orders", json={"sku": "nut", "qty": 2}))]
    assert got == [(200, "application/json", {"id": 1}), (201, "application/json", {"sku": "nut", "qty": 2})], (
        "install_error_handlers(): successful responses are unchanged"
    )


_shared: list[tuple[FastAPI, list[Exception]]] = []


def shared_app() -> tuple[FastAPI, list[Exception]]:
    """One app for every example: GET /raise raises whatever the example put in the box."""
    if not _shared:
        app, box = FastAPI(), [Exception("unset")]
        kata.install_error_handlers(app)

        @app.get("/raise/{segment}")
        async def raise_it(segment: str) -> None:
            raise box[0]

        _shared.append((app, box))
    return _shared[0]


LOWER = "abcdefghijklmnopqrstuvwxyz"
BASES = ["DomainError", "NotFound", "Conflict", "RuleViolation"]
# Any text JSON carries: ASCII, quotes, backslashes, control characters, non-ASCII, astral.
TEXT = "".join(chr(c) for c in range(0x20, 0x7F)) + "\t\n\x00\u00e9\u00df\u20ac\u2713\u0130\U0001f4a5\u200b"
texts = st.text(alphabet=TEXT, max_size=20)


@settings(max_examples=40)
@given(
    base=st.sampled_from(BASES),
    status=st.none() | st.integers(min_value=400, max_value=599),
    title=st.none() | texts,
    type_uri=st.none() | st.builds(
        "https://{}.example/{}".format,
        st.text(LOWER, min_size=1, max_size=8),
        st.text(LOWER + "0123456789/-", max_size=12),
    ),
    detail=texts,
    segment=st.text(LOWER + LOWER.upper() + "0123456789_-", min_size=1, max_size=10),
)
@example(base="DomainError", status=500, title="Oops", type_uri=None, detail="", segment="x")
@example(base="RuleViolation", status=None, title=None, type_uri=None, detail="ünïcödé ✓", segment="x")
async def test_any_domain_error_subclass(
    base: str, status: int | None, title: str | None, type_uri: str | None, detail: str, segment: str
) -> None:
    """Any subclass, any overridden attributes, any detail: answered from its class attributes."""
    app, box = shared_app()
    attributes = {k: v for k, v in {"status": status, "title": title, "type_uri": type_uri}.items() if v is not None}
    error_class = type("GeneratedError", (getattr(kata, base),), attributes)
    box[0] = error_class(detail)
    async with client_of(app) as client:
        got = seen(await client.get(f"/raise/{segment}"))
    want_status, want_title, want_type = TABLE[base]
    want = problem(status or want_status, want_title if title is None else title, detail,
                   f"/raise/{segment}", type_uri or want_type)
    assert got == want, (
        f"a subclass of {base} overriding {attributes} raised with detail {detail!r}: answered with its "
        "own or inherited status, title and type_uri, as problem details"
    )


async def test_over_a_real_server(uvicorn_client: Any) -> None:
    """Served by uvicorn: a domain error, a validation error and an unexpected error."""
    app = build_app()
    async with uvicorn_client(app) as client:
        missing = seen(await client.get("/orders/7"))
        invalid = seen(await client.get("/search"))
        boom = seen(await client.get("/boom"))
    assert missing == domain_problem("NotFound", "no order 7", "/orders/7"), (
        "under uvicorn: a NotFound is answered 404 problem details"
    )
    assert invalid[:2] == (422, PROBLEM_JSON), "under uvicorn: a validation error is 422 application/problem+json"
    assert boom == problem(500, "Internal Server Error", "An unexpected error occurred.", "/boom"), (
        "under uvicorn: an unexpected error is 500 problem details without its message"
    )
