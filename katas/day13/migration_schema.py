"""An alembic migration that builds the schema: revision ``0001``, the first one.

This file *is* an alembic revision script: keep ``revision``, ``down_revision`` and the
imports, and write ``upgrade()`` and ``downgrade()`` with ``op`` (``op.create_table``,
``op.create_index``, ``op.drop_table`` …) and ``sqlalchemy`` column types. The grader copies it
into the ``versions/`` folder of a script directory of its own (its own ``env.py``), runs
``alembic upgrade head`` / ``alembic downgrade base`` on a fresh, empty database, and compares
the result with the schema below through alembic's autogenerate comparison (the check
``alembic check`` does). It must work on SQLite *and* PostgreSQL: use only portable types and
constraints (a column change on an existing table would need ``op.batch_alter_table`` on
SQLite; this revision only creates tables).

``upgrade()`` creates exactly these two tables (and nothing else; the names matter, a later
migration drops constraints and indexes by name)::

    users
      id          INTEGER                  primary key (the database assigns it)
      email       VARCHAR(320)             NOT NULL, unique: constraint "uq_users_email"
      name        VARCHAR(100)             NOT NULL
      created_at  TIMESTAMP WITH TIME ZONE NOT NULL, server default CURRENT_TIMESTAMP
                  (sa.DateTime(timezone=True), server_default=sa.func.current_timestamp())

    tasks
      id          INTEGER                  primary key (the database assigns it)
      user_id     INTEGER                  NOT NULL, foreign key to users.id ON DELETE CASCADE:
                                           deleting a user deletes that user's tasks
      title       VARCHAR(200)             NOT NULL
      status      VARCHAR(20)              NOT NULL, server default 'todo', and a CHECK
                                           constraint "ck_tasks_status": status IN
                                           ('todo', 'doing', 'done')
      due_on      DATE                     NULL allowed
      index "ix_tasks_user_id" on tasks (user_id), not unique

What the grader checks, besides the comparison (each column's type, NULL/NOT NULL and server
default, the unique constraint, the index, the foreign key and its ON DELETE):

- a user inserted without ``created_at`` gets one from the database; a task inserted without
  ``status`` gets ``'todo'``;
- a second user with the same email, a task whose status is not one of the three, and a task
  whose ``user_id`` names no user are each refused by the database (``IntegrityError``; on
  SQLite the grader turns foreign keys on with ``PRAGMA foreign_keys=ON``);
- deleting a user deletes their tasks, and only theirs;
- ``downgrade()`` undoes ``upgrade()`` completely, rows and all: after ``downgrade base`` the
  only table left is alembic's ``alembic_version``. It drops ``tasks`` before ``users``:
  PostgreSQL refuses to drop a table that another table's foreign key still references;
- the round trip works: ``upgrade head``, ``downgrade base``, ``upgrade head`` again gives the
  same schema.

Example (what the grader does, in effect)::

    $ alembic upgrade head      # users and tasks exist
    $ alembic check             # No new upgrade operations detected.
    $ alembic downgrade base    # only alembic_version is left
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create ``users`` and ``tasks`` as the module docstring states."""
    raise NotImplementedError


def downgrade() -> None:
    """Drop what ``upgrade()`` created, ``tasks`` before ``users``."""
    raise NotImplementedError
