"""Eager-loads with joinedload but forgets .unique(): the joined rows repeat each author."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, joinedload, relationship


class Base(DeclarativeBase):
    """The declarative base: ``Base.metadata`` holds the ``authors`` and ``books`` tables."""


class Author(Base):
    """A row of ``authors``: ``id``, ``name`` (NOT NULL, unique), ``bio`` (nullable), ``books``."""

    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    bio: Mapped[str | None] = mapped_column(Text)
    books: Mapped[list[Book]] = relationship(back_populates="author")


class Book(Base):
    """A row of ``books``: ``id``, ``title`` (NOT NULL), ``year`` (nullable), ``author_id``
    (NOT NULL, foreign key to ``authors.id``), ``author``; ``(author_id, title)`` is unique."""

    __tablename__ = "books"
    __table_args__ = (UniqueConstraint("author_id", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    year: Mapped[int | None]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    author: Mapped[Author] = relationship(back_populates="books")


async def create_schema(engine: AsyncEngine) -> None:
    """Create both tables (with their constraints) on the engine's database.

    Calling it again on a database that already has them changes nothing and raises nothing.
    """
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)


async def add_author(
    session: AsyncSession, name: str, titles: Iterable[str] = (), *, bio: str | None = None
) -> Author:
    """Add an author (with ``bio``) and one book per title, flush, and return the ``Author``.

    After the call ``author.id`` and every ``book.id`` are set (the session was flushed) and
    ``author.books`` holds the new books, each with ``book.author`` being that author. It does
    NOT commit: the caller owns the transaction, so ``await session.rollback()`` undoes it.
    A name that is already taken, or the same title twice for this author, makes the flush
    raise ``sqlalchemy.exc.IntegrityError`` (the caller then rolls back).

    >>> author = await add_author(session, "Le Guin", ["The Dispossessed"], bio=None)
    >>> author.id is not None, [book.title for book in author.books]
    (True, ['The Dispossessed'])
    """
    author = Author(name=name, bio=bio, books=[Book(title=title) for title in titles])
    session.add(author)
    await session.flush()
    return author


async def library(session: AsyncSession) -> dict[str, list[str]]:
    """Every author's name -> the sorted titles of their books (``[]`` for no books).

    Titles are sorted as Python's ``sorted()`` sorts them (a database's collation may
    differ); the order of the keys does not matter. Loads authors and books with a fixed number of SQL statements —
    at most 2, however many authors and books there are (up to a few hundred authors): no
    query per author (N+1). In async code a lazy load of ``author.books`` cannot happen
    implicitly (it raises ``MissingGreenlet``): load the books eagerly.

    >>> await library(session)
    {'Borges': [], 'Le Guin': ['A Wizard of Earthsea', 'The Dispossessed']}
    """
    result = await session.execute(
        select(Author).options(joinedload(Author.books)).order_by(Author.name)
    )
    authors = result.scalars().all()
    return {author.name: sorted(book.title for book in author.books) for author in authors}
