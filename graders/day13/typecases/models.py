"""Type cases for day13.models: Mapped[...] gives every attribute its Python type."""

from typing import assert_type

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from day13.models import Author, Book, add_author, create_schema, library

author = Author(name="Le Guin")
book = Book(title="The Dispossessed", author=author)

# Instances: NOT NULL columns are plain types, nullable ones admit None.
assert_type(author.id, int)
assert_type(author.name, str)
assert_type(author.bio, str | None)
assert_type(book.title, str)
assert_type(book.year, int | None)
assert_type(book.author_id, int)

# The relationship, both sides.
assert_type(book.author, Author)
assert_type(author.books, list[Book])

# On the class: instrumented attributes, usable in select().where(...).
assert_type(Book.title, InstrumentedAttribute[str])
assert_type(Author.bio, InstrumentedAttribute[str | None])
assert_type(Author.books, InstrumentedAttribute[list[Book]])

author.bio = None
book.year = None
book.title = None  # type: ignore[assignment]
author.name = None  # type: ignore[assignment]
book.author = None  # type: ignore[assignment]
author.books = book  # type: ignore[assignment]


async def use(engine: AsyncEngine, session: AsyncSession) -> None:
    assert_type(await create_schema(engine), None)
    assert_type(await add_author(session, "Borges", ["Ficciones"], bio=None), Author)
    assert_type(await add_author(session, "Borges"), Author)
    assert_type(await library(session), dict[str, list[str]])
    await add_author(session, "Borges", ["Ficciones"], None)  # type: ignore[call-arg]
