"""An alembic data migration that keeps every row: revision ``0002`` splits ``users.full_name``.

This file *is* an alembic revision script (``revision = "0002"``, ``down_revision = "0001"``):
write ``split_full_name``, ``join_full_name``, ``upgrade()`` and ``downgrade()``. The grader
writes revision ``0001`` itself, copies this file next to it in a script directory of its own,
fills ``users`` with rows, and runs ``alembic upgrade`` / ``alembic downgrade`` on a fresh
database: SQLite *and* PostgreSQL, so change columns inside ``op.batch_alter_table("users")``
(SQLite cannot alter a column in place; batch mode rebuilds the table and keeps its rows and
constraints, on PostgreSQL it issues plain ALTERs).

At revision ``0001`` (the grader's) the table is::

    users
      id          INTEGER       primary key
      email       VARCHAR(320)  NOT NULL, unique: constraint "uq_users_email"
      full_name   VARCHAR(200)  NOT NULL

After ``upgrade()`` it is::

    users
      id          INTEGER       primary key        (every row keeps its id)
      email       VARCHAR(320)  NOT NULL, unique "uq_users_email"   (kept, values unchanged)
      first_name  VARCHAR(200)  NOT NULL, no server default
      last_name   VARCHAR(200)  NOT NULL, no server default
                  (full_name is gone)

Every row is kept, and each row's ``(first_name, last_name)`` is
``split_full_name(full_name)`` of that same row. The order matters: add the new columns
nullable, fill them in from ``full_name`` row by row (by ``id``), only then make them NOT NULL
and drop ``full_name`` — a NOT NULL column added to a table with rows has no value to take,
and a dropped column's data is gone. If you use a server default to get past NOT NULL, drop
it again: the final columns have none.

``downgrade()`` is the way back to revision ``0001``'s table (the same columns, NOT NULL, the
unique constraint), every row kept, with ``full_name = join_full_name(first_name, last_name)``
— also for rows the application wrote after the upgrade. The round trip is lossless exactly
when the original ``full_name`` was already normal (``full_name == " ".join(full_name.split())``:
no leading or trailing whitespace, words separated by one space); any other name comes back
normalized, as ``" ".join(full_name.split())``.

A migration describes the table as it is *at its revision*, with lightweight constructs
(``sa.table("users", sa.column("id"), ...)`` naming only the columns it needs) or plain SQL
through ``op.get_bind()``; it never imports (or copies) the application's ORM models. The
application's ``User`` model today also has a ``nickname`` column, added by revision ``0003``:
at revision ``0002`` that column does not exist, and a query through the model fails.

Example::

    >>> split_full_name("  Mary   Ann  Smith ")
    ('Mary', 'Ann Smith')
    >>> join_full_name("Mary", "Ann Smith")
    'Mary Ann Smith'
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The table as it is around this revision: only the columns this migration touches.
users = sa.table(
    "users",
    sa.column("id", sa.Integer()),
    sa.column("full_name", sa.String()),
    sa.column("first_name", sa.String()),
    sa.column("last_name", sa.String()),
)


def split_full_name(full_name: str) -> tuple[str, str]:
    """Split a full name into ``(first_name, last_name)``.

    Words are what ``str.split()`` finds (any run of whitespace separates two words; leading
    and trailing whitespace is ignored). ``first_name`` is the first word, ``last_name`` the
    remaining words joined by one space: ``""`` for a one-word name, and ``("", "")`` for an
    empty or all-whitespace name. Characters are kept exactly as they are (no case change, no
    accent stripping or Unicode normalization).

    >>> split_full_name("Ada Lovelace")
    ('Ada', 'Lovelace')
    >>> split_full_name("Cher")
    ('Cher', '')
    >>> split_full_name("José Ángel\tÑúñez")
    ('José', 'Ángel Ñúñez')
    >>> split_full_name("   ")
    ('', '')
    """
    first, *rest = full_name.split() or [""]
    return first, " ".join(rest)


def join_full_name(first_name: str, last_name: str) -> str:
    """The full name back: the non-empty ones of the two parts, joined by one space.

    >>> join_full_name("Ada", "Lovelace")
    'Ada Lovelace'
    >>> join_full_name("Cher", "")
    'Cher'
    >>> join_full_name("", "Hopper")
    'Hopper'
    >>> join_full_name("", "")
    ''
    """
    return " ".join(part for part in (first_name, last_name) if part)


def upgrade() -> None:
    """Replace ``full_name`` by ``first_name`` and ``last_name``, keeping every row."""
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("first_name", sa.String(200), nullable=True))
        batch.add_column(sa.Column("last_name", sa.String(200), nullable=True))

    bind = op.get_bind()
    rows = bind.execute(sa.select(users.c.id, users.c.full_name)).all()
    if rows:  # an executemany of no parameter sets is an error, not a no-op
        bind.execute(
            sa.update(users)
            .where(users.c.id == sa.bindparam("row_id"))
            .values(first_name=sa.bindparam("first"), last_name=sa.bindparam("last")),
            [
                dict(zip(("row_id", "first", "last"), (row_id, *split_full_name(full_name))))
                for row_id, full_name in rows
            ],
        )

    with op.batch_alter_table("users") as batch:
        batch.alter_column("first_name", existing_type=sa.String(200), nullable=False)
        batch.alter_column("last_name", existing_type=sa.String(200), nullable=False)
        batch.drop_column("full_name")


def downgrade() -> None:
    """Bring ``full_name`` back from ``first_name`` and ``last_name``, keeping every row."""
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("full_name", sa.String(200), nullable=True))

    bind = op.get_bind()
    rows = bind.execute(sa.select(users.c.id, users.c.first_name, users.c.last_name)).all()
    if rows:
        bind.execute(
            sa.update(users)
            .where(users.c.id == sa.bindparam("row_id"))
            .values(full_name=sa.bindparam("full")),
            [
                {"row_id": row_id, "full": join_full_name(first, last)}
                for row_id, first, last in rows
            ],
        )

    with op.batch_alter_table("users") as batch:
        batch.alter_column("full_name", existing_type=sa.String(200), nullable=False)
        batch.drop_column("first_name")
        batch.drop_column("last_name")
