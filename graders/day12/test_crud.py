"""Grader for day12.crud: an in-memory items API — status codes, headers, bodies, validation,
pagination, storage per app, and the OpenAPI document.

Requests go into the app over ASGI with its lifespan run (``asgi_client``); one round trip goes
through a real uvicorn server on 127.0.0.1 (``uvicorn_client``). A list-of-operations property
drives one app with random creates, reads, updates, deletes and pages against a dict model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from day12 import crud as kata
from fastapi import FastAPI
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.asyncio

ITEM = {"id", "title", "text", "done"}


def item(id: int, title: str, text: str = "", done: bool = False) -> dict[str, Any]:
    return {"id": id, "title": title, "text": text, "done": done}


def problems(response: httpx.Response) -> list[tuple[tuple[Any, ...], str]]:
    """A 422 answer's (loc, type) pairs, sorted; [] for an answer of another shape."""
    try:
        detail = response.json()["detail"]
        return sorted((tuple(e["loc"]), e["type"]) for e in detail)
    except (ValueError, KeyError, TypeError):
        return []


def answer(response: httpx.Response) -> tuple[int, Any]:
    """(status, body as JSON, or the raw bytes if it is not JSON)."""
    try:
        body: Any = response.json()
    except ValueError:
        body = response.content
    return response.status_code, body


def is_detail(response: httpx.Response) -> bool:
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and set(body) == {"detail"} and isinstance(body["detail"], str)


def new_app() -> FastAPI:
    app = kata.create_app()
    assert isinstance(app, FastAPI), "create_app() returns a FastAPI application"
    return app


async def test_create_answers_201_with_location_etag_and_the_item(asgi_client: Any) -> None:
    """POST /items: 201, Location: /items/{id}, ETag "1", the item with its defaults."""
    async with asgi_client(new_app()) as client:
        created = await client.post("/items", json={"title": "Buy milk"})
        second = await client.post(
            "/items", json={"title": "Call Bob", "text": "about Friday", "done": True}
        )
    body = answer(created)[1]
    assert (sorted(body) if isinstance(body, dict) else body) == sorted(ITEM), (
        "a response body has exactly the keys id, title, text, done: internal fields such as "
        "the version stay out (it is sent only as the ETag header)"
    )
    assert answer(created) == (201, item(1, "Buy milk")), (
        'POST /items: 201 Created with the item — ids start at 1, text defaults to "", done to false'
    )
    headers = (created.headers.get("location"), created.headers.get("etag"))
    assert headers == ("/items/1", '"1"'), (
        'POST /items: the answer has Location: /items/{id} and ETag: "1" (version 1, quoted)'
    )
    assert answer(second) == (201, item(2, "Call Bob", "about Friday", True)), (
        "POST /items: the next item gets id 2 and keeps the text and done it was sent"
    )
    assert second.headers.get("location") == "/items/2", "POST /items: Location: /items/{id}"


async def test_get_one_item_or_404(asgi_client: Any) -> None:
    """GET /items/{item_id}: 200 with the item and its ETag; 404 {"detail": ...} if none."""
    async with asgi_client(new_app()) as client:
        await client.post("/items", json={"title": "Buy milk", "text": "2 litres"})
        found = await client.get("/items/1")
        missing = {i: await client.get(f"/items/{i}") for i in (2, 0, -1, 10**6)}
    assert answer(found) == (200, item(1, "Buy milk", "2 litres")), (
        "GET /items/{item_id}: 200 with the item"
    )
    assert found.headers.get("etag") == '"1"', (
        'GET /items/{item_id}: ETag "<version>" (1 before any PATCH)'
    )
    statuses = {i: r.status_code for i, r in missing.items()}
    assert statuses == dict.fromkeys(missing, 404), (
        "GET /items/{item_id}: an integer id with no item — 0 and negative ones included — is 404"
    )
    assert all(is_detail(r) for r in missing.values()), (
        'a 404 answers {"detail": "<a sentence>"} (a string)'
    )


async def test_an_id_that_is_not_an_integer_is_422(asgi_client: Any) -> None:
    """/items/abc is 422 at ["path", "item_id"] (int_parsing) for GET, PATCH and DELETE, not 404."""
    async with asgi_client(new_app()) as client:
        await client.post("/items", json={"title": "Buy milk"})
        got = {
            "GET": await client.get("/items/abc"),
            "PATCH": await client.patch("/items/abc", json={"done": True}),
            "DELETE": await client.delete("/items/abc"),
        }
    assert {m: r.status_code for m, r in got.items()} == dict.fromkeys(got, 422), (
        "an item_id that is not an integer (/items/abc) is 422, not 404: declare it an int"
    )
    assert {m: problems(r) for m, r in got.items()} == dict.fromkeys(
        got, [(("path", "item_id"), "int_parsing")]
    ), 'an item_id that is not an integer is reported at ["path", "item_id"] as int_parsing'


async def test_patch_changes_only_the_keys_sent(asgi_client: Any) -> None:
    """PATCH is partial: keys not sent keep their values; each success bumps the ETag version."""
    async with asgi_client(new_app()) as client:
        await client.post("/items", json={"title": "Buy milk", "text": "2 litres"})
        done = await client.patch("/items/1", json={"done": True})
        retitled = await client.patch("/items/1", json={"title": "Buy oat milk"})
        nothing = await client.patch("/items/1", json={})
        read = await client.get("/items/1")
    assert answer(done) == (200, item(1, "Buy milk", "2 litres", True)), (
        'PATCH /items/{item_id} {"done": true}: 200 with the item; title and text stay as they were'
    )
    assert answer(retitled) == (200, item(1, "Buy oat milk", "2 litres", True)), (
        'PATCH /items/{item_id} {"title": ...}: only the title changes; done stays true, text stays'
    )
    assert answer(nothing) == (200, item(1, "Buy oat milk", "2 litres", True)), (
        "PATCH /items/{item_id} {}: nothing changes"
    )
    etags = [r.headers.get("etag") for r in (done, retitled, nothing, read)]
    assert etags == ['"2"', '"3"', '"4"', '"4"'], (
        'PATCH: every successful PATCH adds 1 to the version, sent as ETag "<version>" on PATCH '
        "and GET answers"
    )
    assert answer(read) == (200, item(1, "Buy oat milk", "2 litres", True)), (
        "GET after PATCH shows the stored changes"
    )


async def test_patch_of_a_missing_item(asgi_client: Any) -> None:
    """PATCH of an unknown id: 404; with an invalid body: 422, validation coming first."""
    async with asgi_client(new_app()) as client:
        missing = await client.patch("/items/7", json={"done": True})
        invalid = await client.patch("/items/7", json={"title": ""})
    assert missing.status_code == 404 and is_detail(missing), (
        'PATCH /items/{item_id} of an id with no item: 404 {"detail": ...}'
    )
    assert (invalid.status_code, problems(invalid)) == (
        422,
        [(("body", "title"), "string_too_short")],
    ), (
        "PATCH of a missing id with an invalid body is 422: the request is validated before the "
        "item is looked up"
    )


async def test_delete_answers_204_with_an_empty_body(asgi_client: Any) -> None:
    """DELETE: 204, empty body; then the item is gone (404), its id is never reused."""
    async with asgi_client(new_app()) as client:
        await client.post("/items", json={"title": "Buy milk"})
        await client.post("/items", json={"title": "Call Bob"})
        deleted = await client.delete("/items/2")
        again = await client.delete("/items/2")
        gone = await client.get("/items/2")
        reused = await client.post("/items", json={"title": "call bob"})
        listed = await client.get("/items")
    assert (deleted.status_code, deleted.content) == (204, b""), (
        "DELETE /items/{item_id}: 204 No Content with an empty body"
    )
    assert (again.status_code, gone.status_code) == (404, 404), (
        "DELETE: afterwards the item is gone — GET and a second DELETE are 404"
    )
    assert is_detail(again), 'a 404 answers {"detail": "<a sentence>"}'
    assert answer(reused) == (201, item(3, "call bob")), (
        "POST after a DELETE: the deleted title is free again, and ids are never reused (3, not 2)"
    )
    assert answer(listed) == (
        200,
        {"items": [item(1, "Buy milk"), item(3, "call bob")], "total": 2},
    ), "GET /items lists what is left, in creation order"


async def test_titles_are_unique_ignoring_case(asgi_client: Any) -> None:
    """409 when another item has the title (casefold); an item may recase its own title."""
    async with asgi_client(new_app()) as client:
        await client.post("/items", json={"title": "Buy milk"})
        await client.post("/items", json={"title": "Straße"})
        same_case = await client.post("/items", json={"title": "Buy milk"})
        upper = await client.post("/items", json={"title": "BUY MILK"})
        folded = await client.post("/items", json={"title": "STRASSE"})
        taken = await client.patch("/items/2", json={"title": "buy Milk"})
        own = await client.patch("/items/1", json={"title": "BUY MILK"})
        created = await client.post("/items", json={"title": "Call Bob"})
    assert [r.status_code for r in (same_case, upper)] == [409, 409], (
        "POST /items: a title another item has, ignoring case, is 409 Conflict"
    )
    assert folded.status_code == 409, (
        'POST /items: titles are compared with str.casefold() — "STRASSE" is the title "Straße"'
    )
    assert taken.status_code == 409, "PATCH to a title another item has (ignoring case) is 409"
    assert all(is_detail(r) for r in (same_case, upper, folded, taken)), (
        'a 409 answers {"detail": "<a sentence>"} (a string)'
    )
    assert answer(own) == (200, item(1, "BUY MILK")), (
        "PATCH: an item may change the case of its own title (only *another* item's title conflicts); "
        "the title is stored as sent"
    )
    assert answer(created) == (201, item(3, "Call Bob")), (
        "POST: a refused (409) POST uses no id — the next item created is number 3"
    )


@pytest.mark.parametrize(
    ("body", "want"),
    [
        ({}, [(("body", "title"), "missing")]),
        ({"title": ""}, [(("body", "title"), "string_too_short")]),
        ({"title": "x" * 101}, [(("body", "title"), "string_too_long")]),
        ({"title": "ok", "text": "t" * 1001}, [(("body", "text"), "string_too_long")]),
        ({"title": "ok", "version": 5}, [(("body", "version"), "extra_forbidden")]),
        ({"title": "ok", "id": 9}, [(("body", "id"), "extra_forbidden")]),
        (
            {"title": "", "text": "t" * 1001},
            [(("body", "text"), "string_too_long"), (("body", "title"), "string_too_short")],
        ),
    ],
    ids=[
        "missing title",
        "empty title",
        "101-character title",
        "1001-character text",
        "unknown key version",
        "unknown key id",
        "two errors",
    ],
)
async def test_invalid_input_is_422_at_the_right_location(
    asgi_client: Any, body: dict[str, Any], want: list[Any]
) -> None:
    """422 with FastAPI's detail list: loc ["body", <key>] and pydantic's type code per error."""
    async with asgi_client(new_app()) as client:
        refused = await client.post("/items", json=body)
        patched = await client.patch("/items/1", json=body) if body else None
        edge = await client.post("/items", json={"title": "x" * 100, "text": "t" * 1000})
        listed = await client.get("/items")
    assert (refused.status_code, problems(refused)) == (422, want), (
        'POST /items with invalid input: 422, each error at ["body", <key>] with its type '
        "(missing, string_too_short, string_too_long, extra_forbidden)"
    )
    if patched is not None:
        assert (patched.status_code, problems(patched)) == (422, want), (
            'PATCH: the same rules per key as POST -> 422 at ["body", <key>]'
        )
    assert edge.status_code == 201, (
        "POST: a 100-character title and a 1000-character text are valid"
    )
    assert listed.json()["total"] == 1, "a refused POST stores nothing"


async def test_patch_rules_per_key(asgi_client: Any) -> None:
    """PATCH refuses the same values per key as POST, and unknown keys."""
    async with asgi_client(new_app()) as client:
        await client.post("/items", json={"title": "Buy milk"})
        got = {
            "text": problems(await client.patch("/items/1", json={"text": "t" * 1001})),
            "version": problems(await client.patch("/items/1", json={"version": 7})),
            "title": problems(await client.patch("/items/1", json={"title": "x" * 101})),
        }
        read = await client.get("/items/1")
    assert got == {
        "text": [(("body", "text"), "string_too_long")],
        "version": [(("body", "version"), "extra_forbidden")],
        "title": [(("body", "title"), "string_too_long")],
    }, 'PATCH: the same rules per key as POST, unknown keys refused -> 422 at ["body", <key>]'
    assert (answer(read), read.headers.get("etag")) == ((200, item(1, "Buy milk")), '"1"'), (
        "a refused PATCH changes nothing, not even the version"
    )


async def test_list_pages_in_creation_order(asgi_client: Any) -> None:
    """GET /items: {"items": items[offset:offset + limit], "total": all}; limit 20 by default."""
    titles = [f"task {n:02}" for n in range(1, 26)]
    everything = [item(n, t) for n, t in enumerate(titles, start=1)]
    async with asgi_client(new_app()) as client:
        empty = await client.get("/items")
        for title in titles:
            await client.post("/items", json={"title": title})
        pages = {
            "default": await client.get("/items"),
            "limit=5": await client.get("/items", params={"limit": 5}),
            "limit=5&offset=20": await client.get("/items", params={"limit": 5, "offset": 20}),
            "limit=100&offset=3": await client.get("/items", params={"limit": 100, "offset": 3}),
            "limit=1&offset=24": await client.get("/items", params={"limit": 1, "offset": 24}),
            "offset=25": await client.get("/items", params={"offset": 25}),
        }
    assert answer(empty) == (200, {"items": [], "total": 0}), (
        "GET /items on a new app: no items, total 0"
    )
    got = {name: answer(r) for name, r in pages.items()}
    want = {
        "default": (200, {"items": everything[:20], "total": 25}),
        "limit=5": (200, {"items": everything[:5], "total": 25}),
        "limit=5&offset=20": (200, {"items": everything[20:25], "total": 25}),
        "limit=100&offset=3": (200, {"items": everything[3:], "total": 25}),
        "limit=1&offset=24": (200, {"items": everything[24:], "total": 25}),
        "offset=25": (200, {"items": [], "total": 25}),
    }
    assert got == want, (
        "GET /items: items[offset:offset + limit] in creation order (limit defaults to 20, offset "
        "to 0), total counts every item"
    )


async def test_list_query_limits(asgi_client: Any) -> None:
    """limit 1..100 and offset >= 0: outside is 422 at ["query", "limit"/"offset"]."""
    async with asgi_client(new_app()) as client:
        got = {
            query: problems(await client.get("/items?" + query))
            for query in ("limit=0", "limit=101", "offset=-1", "limit=abc")
        }
        fine = [
            (await client.get("/items?" + q)).status_code
            for q in ("limit=1", "limit=100", "offset=0")
        ]
    assert got == {
        "limit=0": [(("query", "limit"), "greater_than_equal")],
        "limit=101": [(("query", "limit"), "less_than_equal")],
        "offset=-1": [(("query", "offset"), "greater_than_equal")],
        "limit=abc": [(("query", "limit"), "int_parsing")],
    }, 'GET /items: limit outside 1..100 or offset below 0 is 422 at ["query", <name>]'
    assert fine == [200, 200, 200], "GET /items: limit=1, limit=100 and offset=0 are valid"


async def test_each_app_has_its_own_storage(asgi_client: Any) -> None:
    """Two apps never share items: each create_app() starts empty, with id 1."""
    first, second = new_app(), new_app()
    async with asgi_client(first) as one:
        await one.post("/items", json={"title": "Buy milk"})
        await one.post("/items", json={"title": "Call Bob"})
    async with asgi_client(second) as two:
        listed = await two.get("/items")
        missing = await two.get("/items/1")
        created = await two.post("/items", json={"title": "Buy milk"})
    assert answer(listed) == (200, {"items": [], "total": 0}), (
        "create_app(): every app has its own storage — a second app starts empty"
    )
    assert missing.status_code == 404, "create_app(): another app's items are not found"
    assert answer(created) == (201, item(1, "Buy milk")), (
        "create_app(): a second app starts at id 1 and another app's titles do not conflict"
    )


async def test_round_trip_through_uvicorn(uvicorn_client: Any) -> None:
    """Served by uvicorn on 127.0.0.1: create, then read back."""
    async with uvicorn_client(new_app()) as client:
        created = await client.post("/items", json={"title": "Buy milk", "done": True})
        read = await client.get(created.headers.get("location", "/items/1"))
    assert answer(created) == (201, item(1, "Buy milk", done=True)), (
        "POST /items over a real server: 201 with the item"
    )
    assert created.headers.get("location") == "/items/1", "POST /items: Location: /items/{id}"
    assert answer(read) == (200, item(1, "Buy milk", done=True)), (
        "GET the Location of a created item: 200 with the item"
    )


# --- OpenAPI ---------------------------------------------------------------------------------

OPERATIONS = {
    ("post", "/items"): "create_item",
    ("get", "/items"): "list_items",
    ("get", "/items/{item_id}"): "get_item",
    ("patch", "/items/{item_id}"): "update_item",
    ("delete", "/items/{item_id}"): "delete_item",
}


def openapi() -> dict[str, Any]:
    return new_app().openapi()


def operation(spec: dict[str, Any], operation_id: str) -> dict[str, Any]:
    for path in spec.get("paths", {}).values():
        for op in path.values():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                return op
    raise AssertionError(f"OpenAPI: there is no operation with the id {operation_id!r}")


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def json_schema(spec: dict[str, Any], op: dict[str, Any], status: str) -> dict[str, Any]:
    content = op.get("responses", {}).get(status, {}).get("content", {})
    return resolve(spec, content.get("application/json", {}).get("schema", {}))


def properties(spec: dict[str, Any], schema: dict[str, Any]) -> set[str]:
    return set(resolve(spec, schema).get("properties", {}))


async def test_openapi_operation_ids() -> None:
    """app.openapi() names the five operations create_item, list_items, get_item, ..."""
    spec = openapi()
    got = {
        (method, path): op.get("operationId")
        for path, methods in spec.get("paths", {}).items()
        for method, op in methods.items()
        if isinstance(op, dict)
    }
    assert got == OPERATIONS, (
        "OpenAPI: POST /items is create_item, GET /items list_items, GET/PATCH/DELETE "
        "/items/{item_id} get_item/update_item/delete_item — and no other operation"
    )


async def test_openapi_documents_the_status_codes() -> None:
    """Each operation lists the status codes it answers; 201/204 operations list no 200."""
    spec = openapi()
    got = {name: sorted(operation(spec, name).get("responses", {})) for name in OPERATIONS.values()}
    assert got == {
        "create_item": ["201", "409", "422"],
        "list_items": ["200", "422"],
        "get_item": ["200", "404", "422"],
        "update_item": ["200", "404", "409", "422"],
        "delete_item": ["204", "404", "422"],
    }, (
        "OpenAPI: create_item documents 201, 409, 422; list_items 200, 422; get_item 200, 404, "
        "422; update_item 200, 404, 409, 422; delete_item 204, 404, 422 (responses=...)"
    )
    no_content = operation(spec, "delete_item")["responses"]["204"]
    assert "content" not in no_content, "OpenAPI: delete_item's 204 response has no content"
    problem_schemas = {
        f"{name} {code}": properties(spec, json_schema(spec, operation(spec, name), code))
        for name, codes in [
            ("create_item", ["409"]),
            ("get_item", ["404"]),
            ("update_item", ["404", "409"]),
            ("delete_item", ["404"]),
        ]
        for code in codes
    }
    assert all("detail" in props for props in problem_schemas.values()), (
        "OpenAPI: the 404 and 409 responses have a schema with a detail property "
        '(responses={404: {"model": ...}})'
    )


async def test_openapi_schemas_show_only_public_fields() -> None:
    """Item responses have exactly id, title, text, done; request bodies title, text, done."""
    spec = openapi()
    item_schemas = {
        f"{name} {code}": properties(spec, json_schema(spec, operation(spec, name), code))
        for name, code in [("create_item", "201"), ("get_item", "200"), ("update_item", "200")]
    }
    assert item_schemas == dict.fromkeys(item_schemas, ITEM), (
        "OpenAPI: the item responses' schema has exactly the properties id, title, text, done "
        "(a response_model with the public fields only)"
    )
    page = json_schema(spec, operation(spec, "list_items"), "200")
    assert set(page.get("properties", {})) == {"items", "total"}, (
        "OpenAPI: list_items's 200 schema has the properties items and total"
    )
    items = page["properties"]["items"]
    assert (items.get("type"), properties(spec, items.get("items", {}))) == ("array", ITEM), (
        "OpenAPI: list_items's items is an array of the item schema (id, title, text, done)"
    )
    bodies = {
        name: properties(
            spec,
            operation(spec, name)
            .get("requestBody", {})
            .get("content", {})
            .get("application/json", {})
            .get("schema", {}),
        )
        for name in ("create_item", "update_item")
    }
    assert bodies == dict.fromkeys(bodies, {"title", "text", "done"}), (
        "OpenAPI: the request bodies of create_item and update_item have exactly title, text, done"
    )


# --- random sequences of operations against a dict model -----------------------------------


@dataclass
class Model:
    """What the API must hold: id -> (item, version), the ids given out so far."""

    items: dict[int, tuple[dict[str, Any], int]] = field(default_factory=dict)
    last_id: int = 0

    def owner(self, title: str) -> int | None:
        return next(
            (i for i, (it, _) in self.items.items() if it["title"].casefold() == title.casefold()),
            None,
        )


TITLES = st.sampled_from(["milk", "Milk", "MILK", "bread", "Bread", "eggs", "Straße", "STRASSE"])
IDS = st.integers(min_value=0, max_value=6)
OPS = st.one_of(
    st.tuples(st.just("create"), TITLES, st.booleans()),
    st.tuples(st.just("get"), IDS),
    st.tuples(
        st.just("patch"),
        IDS,
        st.fixed_dictionaries(
            {},
            optional={
                "title": TITLES,
                "done": st.booleans(),
                "text": st.sampled_from(["", "note"]),
            },
        ),
    ),
    st.tuples(st.just("delete"), IDS),
    st.tuples(
        st.just("list"),
        st.integers(min_value=1, max_value=4),
        st.integers(min_value=0, max_value=5),
    ),
)


@settings(
    max_examples=12,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(OPS, max_size=12))
@example(
    [
        ("create", "milk", False),
        ("create", "bread", True),
        ("delete", 1),
        ("create", "MILK", False),
        ("patch", 2, {"title": "Milk"}),
        ("patch", 3, {"done": True}),
        ("list", 1, 1),
        ("get", 3),
    ]
)
async def test_any_sequence_of_operations(asgi_client: Any, ops: list[tuple[Any, ...]]) -> None:
    """Any mix of create/get/patch/delete/list behaves like a dict of items (ids never reused)."""
    model = Model()
    async with asgi_client(new_app()) as client:
        for op in ops:
            kind = op[0]
            if kind == "create":
                _, title, done = op
                response = await client.post("/items", json={"title": title, "done": done})
                if model.owner(title) is not None:
                    assert response.status_code == 409, (
                        "POST /items: a title another item has (ignoring case, casefold) is 409"
                    )
                    continue
                model.last_id += 1
                model.items[model.last_id] = (item(model.last_id, title, done=done), 1)
                assert (
                    answer(response),
                    response.headers.get("location"),
                    response.headers.get("etag"),
                ) == ((201, model.items[model.last_id][0]), f"/items/{model.last_id}", '"1"'), (
                    'POST /items: 201, the item with the next unused id, Location: /items/{id}, ETag "1"'
                )
            elif kind == "get":
                _, item_id = op
                response = await client.get(f"/items/{item_id}")
                if item_id not in model.items:
                    assert response.status_code == 404, (
                        "GET /items/{item_id}: 404 when there is no such item"
                    )
                    continue
                stored, version = model.items[item_id]
                assert (answer(response), response.headers.get("etag")) == (
                    (200, stored),
                    f'"{version}"',
                ), 'GET /items/{item_id}: 200 with the item as stored, ETag "<version>"'
            elif kind == "patch":
                _, item_id, changes = op
                response = await client.patch(f"/items/{item_id}", json=changes)
                if item_id not in model.items:
                    assert response.status_code == 404, (
                        "PATCH /items/{item_id}: 404 when there is no such item"
                    )
                    continue
                owner = model.owner(changes["title"]) if "title" in changes else None
                if owner not in (None, item_id):
                    assert response.status_code == 409, "PATCH: a title *another* item has is 409"
                    continue
                stored, version = model.items[item_id]
                model.items[item_id] = (stored | changes, version + 1)
                assert (answer(response), response.headers.get("etag")) == (
                    (200, model.items[item_id][0]),
                    f'"{version + 1}"',
                ), 'PATCH: 200 with the item, only the keys sent changed; ETag "<version + 1>"'
            elif kind == "delete":
                _, item_id = op
                response = await client.delete(f"/items/{item_id}")
                if item_id not in model.items:
                    assert response.status_code == 404, (
                        "DELETE /items/{item_id}: 404 when there is no such item"
                    )
                    continue
                del model.items[item_id]
                assert (response.status_code, response.content) == (204, b""), (
                    "DELETE: 204 with an empty body"
                )
            else:
                _, limit, offset = op
                response = await client.get("/items", params={"limit": limit, "offset": offset})
                every = [stored for stored, _ in model.items.values()]
                assert answer(response) == (
                    200,
                    {"items": every[offset : offset + limit], "total": len(every)},
                ), (
                    "GET /items: items[offset:offset + limit] in creation order, total counts them all"
                )
