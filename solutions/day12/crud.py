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

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field

Title = Annotated[str, Field(min_length=1, max_length=100)]
Text = Annotated[str, Field(max_length=1000)]


class ItemIn(BaseModel):
    """What POST accepts: title 1–100 characters, text at most 1000, no other key."""

    model_config = ConfigDict(extra="forbid")

    title: Title
    text: Text = ""
    done: bool = False


class ItemPatch(BaseModel):
    """What PATCH accepts: every key optional, the same rules per key; only keys sent apply."""

    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    text: Text | None = None
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


@dataclass
class _Record:
    """A stored item: the public fields plus what stays internal."""

    id: int
    title: str
    text: str
    done: bool
    version: int = 1

    def public(self) -> Item:
        return Item(id=self.id, title=self.title, text=self.text, done=self.done)


class _Store:
    """One app's items, in creation order (dicts keep insertion order)."""

    def __init__(self) -> None:
        self._records: dict[int, _Record] = {}
        self._last_id = 0

    def __len__(self) -> int:
        return len(self._records)

    def page(self, offset: int, limit: int) -> list[_Record]:
        return list(self._records.values())[offset : offset + limit]

    def get(self, item_id: int) -> _Record:
        try:
            return self._records[item_id]
        except KeyError:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no item {item_id}") from None

    def ensure_unique(self, title: str, *, other_than: int | None = None) -> None:
        key = title.casefold()
        if any(r.title.casefold() == key and r.id != other_than for r in self._records.values()):
            raise HTTPException(status.HTTP_409_CONFLICT, f"an item titled {title!r} exists")

    def add(self, item: ItemIn) -> _Record:
        self.ensure_unique(item.title)
        self._last_id += 1
        record = _Record(id=self._last_id, **item.model_dump())
        self._records[record.id] = record
        return record

    def update(self, item_id: int, patch: ItemPatch) -> _Record:
        record = self.get(item_id)
        changes = patch.model_dump(exclude_unset=True)
        if "title" in changes:
            self.ensure_unique(changes["title"], other_than=item_id)
        for name, value in changes.items():
            setattr(record, name, value)
        record.version += 1
        return record

    def remove(self, item_id: int) -> None:
        self.get(item_id)
        del self._records[item_id]


NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "No such item"}}
CONFLICT: dict[int | str, dict[str, Any]] = {409: {"model": Problem, "description": "Title taken"}}


def _etag(response: Response, record: _Record) -> Item:
    response.headers["ETag"] = f'"{record.version}"'
    return record.public()


def create_app() -> FastAPI:
    """A new app serving the items API above, with its own empty in-memory storage."""
    app = FastAPI(title="Items")
    store = _Store()  # created per app: nothing is shared between apps

    @app.post(
        "/items",
        operation_id="create_item",
        status_code=status.HTTP_201_CREATED,
        response_model=Item,
        responses=CONFLICT,
    )
    def create_item(item: ItemIn, response: Response) -> Item:
        record = store.add(item)
        response.headers["Location"] = f"/items/{record.id}"
        return _etag(response, record)

    @app.get("/items", operation_id="list_items", response_model=Page)
    def list_items(
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> Page:
        page = [record.public() for record in store.page(offset, limit)]
        return Page(items=page, total=len(store))

    @app.get("/items/{item_id}", operation_id="get_item", response_model=Item, responses=NOT_FOUND)
    def get_item(item_id: int, response: Response) -> Item:
        return _etag(response, store.get(item_id))

    @app.patch(
        "/items/{item_id}",
        operation_id="update_item",
        response_model=Item,
        responses=NOT_FOUND | CONFLICT,
    )
    def update_item(item_id: int, patch: ItemPatch, response: Response) -> Item:
        return _etag(response, store.update(item_id, patch))

    @app.delete(
        "/items/{item_id}",
        operation_id="delete_item",
        status_code=status.HTTP_204_NO_CONTENT,
        responses=NOT_FOUND,
    )
    def delete_item(item_id: int) -> None:
        store.remove(item_id)

    return app
