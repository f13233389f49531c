"""PATCH model copies ItemIn's defaults: text and done not sent are reset to "" and false."""

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
    text: Text = ""
    done: bool = False


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
        changes = patch.model_dump(exclude_none=True)
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
