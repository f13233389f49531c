"""A CRUD API with FastAPI: items kept in memory, validated, paginated and documented.

Write ``create_app()`` (the models below are declared for you: add their constraints and
configuration; you may change them, the graders only speak HTTP and read the OpenAPI
schema). It returns a new ``FastAPI`` application that stores *items* in memory.
Each app has its own storage: two apps never share an item, and each starts with id 1.

An item, as every response shows it, is exactly::

    {"id": 1, "title": "Buy milk", "text": "", "done": false}

Whatever else you keep per item stays internal — in particular a ``version`` that is 1 when
the item is created and grows by 1 on every successful PATCH: it is sent only as the
``ETag`` header, ``"<version>"`` with the double quotes (``ETag: "2"``), on the responses
of POST, GET one item and PATCH. A response body never has any key but the four above.

Input (JSON bodies), checked with pydantic constraints:

- ``title``: string of 1 to 100 characters, required on POST. Titles are unique ignoring
  case (compare ``str.casefold()``: ``"Straße"`` and ``"STRASSE"`` are the same title); the
  title is stored as sent.
- ``text``: string of at most 1000 characters, default ``""``.
- ``done``: boolean, default ``false``.
- any other key (``"id"``, ``"version"``, ...) is refused: 422.

Endpoints (ids are the path parameter ``item_id``, an integer; ids are given out as 1, 2, 3,
... in creation order — a refused POST uses no id — and never reused, not even after a
delete):

============================  ===============  =============================================
request                       operation id     answer
============================  ===============  =============================================
``POST /items``               ``create_item``  201, the item; ``Location: /items/{id}``; ETag.
                                               409 if another item has the title.
``GET /items``                ``list_items``   200, ``{"items": [...], "total": n}``: the page
                                               ``items[offset:offset + limit]`` of all items
                                               in creation order; ``total`` counts them all.
                                               Query ``limit`` 1..100 (default 20), ``offset``
                                               >= 0 (default 0); outside that: 422.
``GET /items/{item_id}``      ``get_item``     200, the item; ETag. 404 if there is none.
``PATCH /items/{item_id}``    ``update_item``  Partial update: only the keys sent change
                                               (``{"done": true}`` leaves title and text as
                                               they were); same rules per key as POST.
                                               200, the item; ETag (version + 1). 404 if
                                               there is none; 409 if *another* item has the
                                               title (an item may change its own title's case).
``DELETE /items/{item_id}``   ``delete_item``  204 with an empty body; 404 if there is none.
============================  ===============  =============================================

Errors:

- 404 and 409 answer ``{"detail": "<a sentence of your choice>"}``.
- 422 is FastAPI's own validation answer, ``{"detail": [{"loc": [...], "type": ..., ...}]}``;
  the graders read ``loc`` and ``type``: a missing title is ``["body", "title"]`` /
  ``missing``, a 101-character one ``string_too_long``, an empty one ``string_too_short``, a
  too long text ``["body", "text"]`` / ``string_too_long``, an unknown key ``["body",
  "version"]`` / ``extra_forbidden``, ``limit=0`` is ``["query", "limit"]`` /
  ``greater_than_equal``, ``limit=101`` ``less_than_equal``, ``offset=-1`` ``["query",
  "offset"]`` / ``greater_than_equal``.
- An ``item_id`` that is not an integer (``/items/abc``) is 422 at ``["path", "item_id"]``
  (``int_parsing``); an integer with no item — 0 and negative ones included — is 404.
- A request that is invalid (422) is refused before the item is looked up: PATCH of a
  missing id with an invalid body is 422, not 404.

OpenAPI (``app.openapi()``) documents it all: the five operation ids above; the responses
listed per operation — ``create_item``: 201, 409, 422 (and no 200); ``list_items``: 200,
422; ``get_item``: 200, 404, 422; ``update_item``: 200, 404, 409, 422; ``delete_item``: 204
(no content), 404, 422 (and no 200). The 404 and 409 responses have a schema with a
``detail`` property; the item responses' schema has exactly the properties ``id``,
``title``, ``text``, ``done``; ``list_items``'s 200 has ``items`` (an array of that item
schema) and ``total``; the request bodies of POST and PATCH have exactly ``title``,
``text``, ``done``.

Example (with an ``httpx.AsyncClient`` on the app)::

    >>> r = await client.post("/items", json={"title": "Buy milk"})
    >>> r.status_code, r.headers["location"], r.headers["etag"], r.json()
    (201, '/items/1', '"1"', {'id': 1, 'title': 'Buy milk', 'text': '', 'done': False})
    >>> (await client.post("/items", json={"title": "BUY MILK"})).status_code
    409
    >>> r = await client.patch("/items/1", json={"done": True})
    >>> r.headers["etag"], r.json()
    ('"2"', {'id': 1, 'title': 'Buy milk', 'text': '', 'done': True})
    >>> (await client.get("/items", params={"limit": 10})).json()
    {'items': [{'id': 1, 'title': 'Buy milk', 'text': '', 'done': True}], 'total': 1}
    >>> r = await client.delete("/items/1")
    >>> r.status_code, r.content, (await client.get("/items/1")).status_code
    (204, b'', 404)
"""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel


class ItemIn(BaseModel):
    """What POST accepts: title 1–100 characters, text at most 1000, no other key."""

    title: str
    text: str = ""
    done: bool = False


class ItemPatch(BaseModel):
    """What PATCH accepts: every key optional, the same rules per key; only keys sent apply."""

    title: str | None = None
    text: str | None = None
    done: bool | None = None


class Item(BaseModel):
    """An item as every response shows it: these four fields and nothing else."""

    id: int
    title: str
    text: str
    done: bool


class Page(BaseModel):
    """The answer of ``GET /items``: one page of items, and how many items there are in all."""

    items: list[Item]
    total: int


class Problem(BaseModel):
    """The body of a 404 or 409 answer."""

    detail: str


def create_app() -> FastAPI:
    """A new app serving the items API above, with its own empty in-memory storage."""
    raise NotImplementedError
