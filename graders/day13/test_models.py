"""Grader for day13.models: the schema as the database sees it, the relationship, and loading
authors with their books in a fixed number of statements (no N+1, no lazy load in async).

The schema is read back with ``sqlalchemy.inspect`` (tables, columns, nullability, keys,
unique constraints or unique indexes), so any model code that builds it passes. Statements
are counted with a ``before_cursor_execute`` listener on the engine. Rows for ``library()``
are inserted with plain SQL, then read in a fresh session: nothing is in its identity map.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Integer, String, event, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, MissingGreenlet
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from day13 import models as kata

pytestmark = pytest.mark.asyncio

T = TypeVar("T")


def kind(column_type: object) -> str:
    if isinstance(column_type, Integer):
        return "integer"
    if isinstance(column_type, String):
        return "string"
    return f"other: {column_type}"


def read_schema(connection: Connection) -> dict[str, Any]:
    """The two tables as the database reports them (plain data, for messages)."""
    inspector = inspect(connection)
    tables = set(inspector.get_table_names())
    schema: dict[str, Any] = {"tables": sorted(tables & {"authors", "books"})}
    for table in ("authors", "books"):
        if table not in tables:
            continue
        schema[table] = {
            "columns": {
                c["name"]: (kind(c["type"]), "NULL" if c["nullable"] else "NOT NULL")
                for c in inspector.get_columns(table)
            },
            "primary key": inspector.get_pk_constraint(table)["constrained_columns"],
            "foreign keys": sorted(
                (tuple(fk["constrained_columns"]), fk["referred_table"], tuple(fk["referred_columns"]))
                for fk in inspector.get_foreign_keys(table)
            ),
            "unique": sorted(
                {tuple(sorted(u["column_names"])) for u in inspector.get_unique_constraints(table)}
                | {
                    tuple(sorted(str(name) for name in i["column_names"]))
                    for i in inspector.get_indexes(table)
                    if i["unique"]
                }
            ),
        }
    return schema


async def schema_of(engine: AsyncEngine) -> dict[str, Any]:
    await kata.create_schema(engine)
    async with engine.connect() as connection:
        return await connection.run_sync(read_schema)


def columns(schema: dict[str, Any], table: str, names: list[str]) -> dict[str, Any]:
    found = schema.get(table, {}).get("columns", {})
    return {name: found.get(name, "<missing>") for name in names}


@asynccontextmanager
async def counting(engine: AsyncEngine) -> AsyncIterator[list[str]]:
    """Collect every SQL statement sent to the database inside the block."""
    statements: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


def lazy_load(exc: BaseException) -> bool:
    """MissingGreenlet, bare (asyncpg) or wrapped in a StatementError (aiosqlite)."""
    while exc is not None:
        if isinstance(exc, MissingGreenlet):
            return True
        exc = getattr(exc, "orig", None) or exc.__cause__  # type: ignore[assignment]
    return False


async def no_lazy_load(call: Callable[[], Awaitable[T]], where: str) -> T:
    try:
        return await call()
    except NotImplementedError:
        raise
    except Exception as exc:
        if lazy_load(exc):
            raise AssertionError(
                f"{where}: author.books was lazy-loaded, which async SQLAlchemy refuses "
                "(MissingGreenlet) — load the books eagerly, e.g. "
                "select(Author).options(selectinload(Author.books))"
            ) from None
        raise


async def insert(engine: AsyncEngine, data: dict[str, list[str]]) -> None:
    """Authors and books written with plain SQL, committed."""
    async with engine.begin() as connection:
        for n, (name, titles) in enumerate(data.items(), start=1):
            await connection.execute(
                text("INSERT INTO authors (id, name) VALUES (:id, :name)"), {"id": n, "name": name}
            )
            for title in titles:
                await connection.execute(
                    text("INSERT INTO books (title, author_id) VALUES (:title, :author)"),
                    {"title": title, "author": n},
                )


async def clear(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("DELETE FROM books"))
        await connection.execute(text("DELETE FROM authors"))


async def read_library(engine: AsyncEngine) -> tuple[dict[str, list[str]], list[str]]:
    """library() in a fresh session: (its result, the statements it sent)."""
    async with AsyncSession(engine) as session, counting(engine) as statements:
        got = await no_lazy_load(lambda: kata.library(session), "library()")
    return got, statements


async def test_tables_and_columns(engine: AsyncEngine) -> None:
    """create_schema() builds authors(id, name, bio) and books(id, title, year, author_id)."""
    schema = await schema_of(engine)
    assert schema["tables"] == ["authors", "books"], "create_schema(): creates the tables authors and books"
    assert columns(schema, "authors", ["id", "name", "bio"]) == {
        "id": ("integer", "NOT NULL"),
        "name": ("string", "NOT NULL"),
        "bio": ("string", "NULL"),
    }, "authors: id integer, name a NOT NULL string, bio a nullable string"
    assert columns(schema, "books", ["id", "title", "year", "author_id"]) == {
        "id": ("integer", "NOT NULL"),
        "title": ("string", "NOT NULL"),
        "year": ("integer", "NULL"),
        "author_id": ("integer", "NOT NULL"),
    }, "books: id integer, title a NOT NULL string, year a nullable integer, author_id a NOT NULL integer"


async def test_keys(engine: AsyncEngine) -> None:
    """id is each table's primary key; books.author_id is a foreign key to authors.id."""
    schema = await schema_of(engine)
    keys = {table: schema.get(table, {}).get("primary key") for table in ("authors", "books")}
    assert keys == {"authors": ["id"], "books": ["id"]}, "authors and books: the primary key is id"
    assert schema.get("books", {}).get("foreign keys") == [(("author_id",), "authors", ("id",))], (
        "books: author_id is a foreign key to authors.id (and there is no other foreign key)"
    )
    assert schema.get("authors", {}).get("foreign keys") == [], "authors: has no foreign key"


async def test_unique_constraints(engine: AsyncEngine) -> None:
    """authors.name is unique; books is unique over (author_id, title), not over either alone."""
    schema = await schema_of(engine)
    assert schema.get("authors", {}).get("unique") == [("name",)], (
        "authors: name is unique (a unique constraint on name, and no other)"
    )
    assert schema.get("books", {}).get("unique") == [("author_id", "title")], (
        "books: one unique constraint over (author_id, title) — title alone or author_id alone "
        "is not unique"
    )


async def test_create_schema_twice(engine: AsyncEngine) -> None:
    """Calling create_schema() on a database that already has the tables changes nothing."""
    await kata.create_schema(engine)
    async with AsyncSession(engine) as session:
        await kata.add_author(session, "Le Guin", ["The Dispossessed"])
        await session.commit()
    await kata.create_schema(engine)
    got, _ = await read_library(engine)
    assert got == {"Le Guin": ["The Dispossessed"]}, (
        "create_schema(): a second call raises nothing and keeps the rows already there"
    )


async def test_add_author_flushes_and_links_both_sides(engine: AsyncEngine) -> None:
    """add_author() flushes: ids are set, author.books holds the books, book.author the author."""
    await kata.create_schema(engine)
    async with AsyncSession(engine) as session:
        author = await kata.add_author(session, "Le Guin", ["The Dispossessed", "Always Coming Home"], bio="SF")
        assert isinstance(author, kata.Author), "add_author(): returns the new Author"
        got = {
            "name": author.name,
            "bio": author.bio,
            "id is an int": isinstance(author.id, int),
            "titles": sorted(book.title for book in author.books),
            "book ids are ints": [isinstance(book.id, int) for book in author.books],
            "book.author is the author": [book.author is author for book in author.books],
            "book.author_id": [book.author_id == author.id for book in author.books],
        }
        assert got == {
            "name": "Le Guin",
            "bio": "SF",
            "id is an int": True,
            "titles": ["Always Coming Home", "The Dispossessed"],
            "book ids are ints": [True, True],
            "book.author is the author": [True, True],
            "book.author_id": [True, True],
        }, (
            "add_author(): after the call (it flushed) author.id and every book.id are set, "
            "author.books holds one Book per title and each book.author is that author"
        )
        rows = (await session.execute(text("SELECT count(*) FROM books"))).scalar_one()
        assert rows == 2, "add_author(): the rows are flushed to the database inside the transaction"


async def test_add_author_does_not_commit(engine: AsyncEngine) -> None:
    """add_author() does not commit: the caller's rollback undoes it, the caller's commit keeps it."""
    await kata.create_schema(engine)
    async with AsyncSession(engine) as session:
        await kata.add_author(session, "Borges", ["Ficciones"])
        await session.rollback()
    got, _ = await read_library(engine)
    assert got == {}, "add_author(): does not commit — after the caller's rollback nothing is stored"
    async with AsyncSession(engine) as session:
        await kata.add_author(session, "Borges", ["Ficciones"], bio=None)
        await session.commit()
    got, _ = await read_library(engine)
    assert got == {"Borges": ["Ficciones"]}, "add_author(): after the caller commits, the rows are stored"


async def integrity_error(engine: AsyncEngine, *authors: tuple[str, list[str]]) -> str:
    """'IntegrityError' if adding these authors in one session raises it, else what happened."""
    async with AsyncSession(engine) as session:
        try:
            for name, titles in authors:
                await kata.add_author(session, name, titles)
        except IntegrityError:
            return "IntegrityError"
        finally:
            await session.rollback()
    return "no error"


async def test_unique_violations_raise_integrity_error(engine: AsyncEngine) -> None:
    """A taken name, or one title twice for one author, raises IntegrityError; shared titles do not."""
    await kata.create_schema(engine)
    async with AsyncSession(engine) as session:
        await kata.add_author(session, "Le Guin", ["Poems"])
        await session.commit()
    got = await integrity_error(engine, ("Le Guin", []))
    assert got == "IntegrityError", "add_author(): a name that is already taken raises IntegrityError"
    got = await integrity_error(engine, ("Borges", ["Ficciones", "Ficciones"]))
    assert got == "IntegrityError", (
        "add_author(): the same title twice for one author raises IntegrityError ((author_id, title) is unique)"
    )
    got = await integrity_error(engine, ("Borges", ["Poems", "Ficciones"]), ("Cortázar", ["Poems"]))
    assert got == "no error", (
        "add_author(): two authors may each have a book with the same title; an author may have many books"
    )


async def test_the_relationship_has_two_sides(engine: AsyncEngine) -> None:
    """Author.books and Book.author are one relationship (back_populates), in memory, no flush."""
    await kata.create_schema(engine)
    author, book = kata.Author(name="Le Guin"), kata.Book(title="The Lathe of Heaven")
    book.author = author
    got = [b.title for b in author.books]
    assert got == ["The Lathe of Heaven"], (
        "Author.books / Book.author: setting book.author puts the book in author.books at once (back_populates)"
    )
    other = kata.Book(title="Lavinia")
    author.books.append(other)
    assert other.author is author, (
        "Author.books / Book.author: appending to author.books sets book.author at once (back_populates)"
    )
    assert (author.bio, other.year) == (None, None), "bio and year are nullable: None until set"


async def test_library_empty_and_authors_without_books(engine: AsyncEngine) -> None:
    """library() of an empty database is {}; an author without books maps to []."""
    await kata.create_schema(engine)
    got, _ = await read_library(engine)
    assert got == {}, "library(): no authors -> {}"
    await insert(engine, {"Borges": [], "Le Guin": ["The Word for World Is Forest", "Lavinia"]})
    got, _ = await read_library(engine)
    assert got == {"Borges": [], "Le Guin": ["Lavinia", "The Word for World Is Forest"]}, (
        "library(): every author -> sorted titles; an author with no books maps to []"
    )


async def test_library_is_not_n_plus_one(engine: AsyncEngine) -> None:
    """library() sends at most 2 statements, however many authors there are."""
    await kata.create_schema(engine)
    data = {f"Author {n:03}": [f"Book {n}-{k}" for k in range(n % 4)] for n in range(120)}
    await insert(engine, data)
    got, statements = await read_library(engine)
    assert len(statements) <= 2, (
        f"library(): loads 120 authors with their books in at most 2 SQL statements — it sent "
        f"{len(statements)} (one query per author is the N+1 problem: use selectinload)"
    )
    assert got == {name: sorted(titles) for name, titles in data.items()}, (
        "library(): every author -> the sorted titles of their books"
    )


names = st.text(st.characters(codec="ascii", categories=["L", "N", "Zs"]), min_size=1, max_size=12)


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(names, st.lists(names, max_size=4, unique=True), max_size=6))
@example(data={"a": ["b", "B", "a"], "B": []})
@example(data={"Poe": ["Poems"], "Pope": ["Poems"]})
async def test_library_matches_the_rows(engine: AsyncEngine, data: dict[str, list[str]]) -> None:
    """library() maps each author's name to the sorted titles of their books, in <= 2 statements."""
    await kata.create_schema(engine)
    await clear(engine)
    await insert(engine, data)
    got, statements = await read_library(engine)
    assert got == {name: sorted(titles) for name, titles in data.items()}, (
        "library(): every author's name -> their titles sorted as Python's sorted() sorts them "
        "([] for an author without books)"
    )
    assert len(statements) <= 2, f"library(): at most 2 SQL statements — it sent {len(statements)}"
