"""Typed SQLAlchemy 2.0 models, and loading authors with their books without N+1 queries.

Write two declarative models on one ``Base(DeclarativeBase)``, in the SQLAlchemy 2.0 typed
style (``Mapped[...]`` annotations and ``mapped_column``), then three async functions that use
them through an ``AsyncSession``. Everything must work on SQLite (aiosqlite) and on
PostgreSQL (asyncpg): use portable types only.

Table ``authors`` (model ``Author``):

- ``id``: integer primary key (``Mapped[int]``);
- ``name``: a string, NOT NULL, unique — two authors never share a name (``Mapped[str]``);
- ``bio``: a string, nullable (``Mapped[str | None]``);
- ``books``: a one-to-many relationship to the author's books (``Mapped[list[Book]]``).

Table ``books`` (model ``Book``):

- ``id``: integer primary key (``Mapped[int]``);
- ``title``: a string, NOT NULL (``Mapped[str]``);
- ``year``: an integer, nullable (``Mapped[int | None]``);
- ``author_id``: an integer, NOT NULL, a foreign key to ``authors.id`` (``Mapped[int]``);
- ``author``: the many-to-one side (``Mapped[Author]``);
- one unique constraint over ``(author_id, title)``: an author never has two books with the
  same title, but two authors may each have a book called "Poems" (so ``title`` alone is not
  unique, nor is ``author_id``).

``Author.books`` and ``Book.author`` are the two sides of ONE relationship
(``back_populates``): setting ``book.author = author`` puts the book in ``author.books`` at
once, and appending a book to ``author.books`` sets its ``author``, before anything is flushed.

The types are part of the spec (mypy checks them): ``book.title`` is ``str``,
``author.bio`` is ``str | None``, ``book.author`` is ``Author``, ``author.books`` is
``list[Book]``, and ``Book.title`` (on the class) is ``InstrumentedAttribute[str]``.

Example::

    >>> await create_schema(engine)
    >>> async with AsyncSession(engine) as session:
    ...     await add_author(session, "Le Guin", ["The Dispossessed", "A Wizard of Earthsea"])
    ...     await add_author(session, "Borges", [], bio="Argentine")
    ...     await session.commit()
    >>> async with AsyncSession(engine) as session:
    ...     await library(session)
    {'Borges': [], 'Le Guin': ['A Wizard of Earthsea', 'The Dispossessed']}
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """The declarative base: ``Base.metadata`` holds the ``authors`` and ``books`` tables."""


class Author(Base):
    """A row of ``authors``: ``id``, ``name`` (NOT NULL, unique), ``bio`` (nullable), ``books``."""

    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    # TODO: name, bio, books


class Book(Base):
    """A row of ``books``: ``id``, ``title`` (NOT NULL), ``year`` (nullable), ``author_id``
    (NOT NULL, foreign key to ``authors.id``), ``author``; ``(author_id, title)`` is unique."""

    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    # TODO: title, year, author_id, author, the (author_id, title) unique constraint


async def create_schema(engine: AsyncEngine) -> None:
    """Create both tables (with their constraints) on the engine's database.

    Calling it again on a database that already has them changes nothing and raises nothing.
    """
    raise NotImplementedError


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
    raise NotImplementedError


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
    raise NotImplementedError
