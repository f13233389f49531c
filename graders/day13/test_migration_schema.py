"""Grader for day13.migration_schema: revision 0001 builds users and tasks, and undoes them.

The learner's file is copied into a script directory of the grader's own (its ``env.py`` hands
alembic the check's connection) and run with ``alembic.command`` on a fresh database: SQLite,
or PostgreSQL when ``KATAS_DATABASE_URL`` is set. The migrated schema is compared with the
EXPECTED metadata below (written from the spec) by alembic's autogenerate comparison; CHECK
constraints, server defaults at work, cascades and the drop order are checked by behaviour.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
import re
from typing import Any

import pytest
import pytest_asyncio
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from day13 import migration_schema as kata

pytestmark = pytest.mark.asyncio

DROP_TABLE = re.compile(r'DROP TABLE (?:IF EXISTS )?["`]?(\w+)', re.IGNORECASE)

ENV_PY = '''\
from alembic import context

context.configure(connection=context.config.attributes["connection"], target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
'''

EXPECTED = sa.MetaData()
USERS = sa.Table(
    "users",
    EXPECTED,
    sa.Column("id", sa.Integer(), primary_key=True),
    sa.Column("email", sa.String(320), nullable=False),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column(
        "created_at",
        sa.DateTime(timezone=True),
        nullable=False,
        server_default=sa.func.current_timestamp(),
    ),
    sa.UniqueConstraint("email", name="uq_users_email"),
)
TASKS = sa.Table(
    "tasks",
    EXPECTED,
    sa.Column("id", sa.Integer(), primary_key=True),
    sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("status", sa.String(20), nullable=False, server_default="todo"),
    sa.Column("due_on", sa.Date(), nullable=True),
    sa.Index("ix_tasks_user_id", "user_id"),
)


@dataclass
class Migrations:
    """The learner's revision in a script directory of the grader's, run on the check's engine."""

    engine: AsyncEngine
    config: Config
    statements: list[str] = field(default_factory=list)

    async def _run(self, action: Callable[[Config, str], None], target: str, what: str) -> None:
        def run(connection: sa.Connection) -> None:
            def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
                self.statements.append(" ".join(statement.split()))

            sa.event.listen(connection, "before_cursor_execute", record)
            self.config.attributes["connection"] = connection
            try:
                action(self.config, target)
            finally:
                sa.event.remove(connection, "before_cursor_execute", record)

        try:
            async with self.engine.begin() as conn:
                await conn.run_sync(run)
        except sa.exc.DBAPIError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
            pytest.fail(f"`alembic {what}` failed on {self.engine.dialect.name}: {reason}")

    async def upgrade(self) -> None:
        await self._run(command.upgrade, "head", "upgrade head")

    async def downgrade(self) -> None:
        await self._run(command.downgrade, "base", "downgrade base")


@pytest_asyncio.fixture
async def migrations(tmp_path: Path, engine: AsyncEngine) -> Migrations:
    scripts = tmp_path / "migrations"
    (scripts / "versions").mkdir(parents=True)
    (scripts / "env.py").write_text(ENV_PY)
    shutil.copyfile(Path(kata.__file__), scripts / "versions" / "0001_migration_schema.py")
    config = Config()
    config.set_main_option("script_location", str(scripts))
    if engine.dialect.name == "sqlite":  # a scratch database: no need to wait for the disk
        sa.event.listen(engine.sync_engine, "connect", no_fsync)
    return Migrations(engine, config)


def no_fsync(dbapi_connection: Any, record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.execute("PRAGMA journal_mode=MEMORY")
    cursor.close()


def column_words(column: sa.Column[Any], dialect: sa.Dialect) -> str:
    """How the spec states a column: VARCHAR(200) NOT NULL DEFAULT 'todo'."""
    words = [column.type.compile(dialect=dialect), "NULL allowed" if column.nullable else "NOT NULL"]
    if column.server_default is not None:
        words.append(f"server default {default_words(column.server_default)}")
    return " ".join(words)


def default_words(default: Any) -> str:
    arg = getattr(default, "arg", default)
    if isinstance(arg, str):
        return repr(arg)
    if isinstance(arg, sa.sql.elements.TextClause):
        return arg.text
    if isinstance(arg, sa.sql.functions.FunctionElement):
        return str(arg).upper().removesuffix("()")
    return str(arg)


def constraint_columns(constraint: Any) -> str:
    return ", ".join(c.name for c in constraint.columns)


def fk_words(fk: sa.ForeignKeyConstraint) -> str:
    target = ", ".join(element.target_fullname for element in fk.elements)
    return f"FOREIGN KEY ({constraint_columns(fk)}) REFERENCES {target} ON DELETE {fk.ondelete or 'NO ACTION'}"


def describe(diff: Any, dialect: sa.Dialect) -> str:
    """One autogenerate difference in spec words: what the spec wants, what the database has."""
    if isinstance(diff, list):  # column modifications come grouped
        return "; ".join(describe(d, dialect) for d in diff)
    kind = diff[0]
    if kind in ("modify_type", "modify_nullable", "modify_default"):
        table, name = diff[2], diff[3]
        want = column_words(EXPECTED.tables[table].c[name], dialect)
        if kind == "modify_type":
            found = diff[5].compile(dialect=dialect)
        elif kind == "modify_nullable":
            found = "NULL allowed" if diff[5] else "NOT NULL"
        else:
            found = f"server default {default_words(diff[5])}" if diff[5] is not None else "no server default"
        return f"{table}.{name}: expected {want}, found {found}"
    if kind == "add_table":
        return f"table {diff[1].name} is missing"
    if kind == "remove_table":
        return f"table {diff[1].name} is not in the spec"
    if kind == "add_column":
        column = diff[3]
        return f"{diff[2]}.{column.name} is missing (expected {column_words(column, dialect)})"
    if kind == "remove_column":
        return f"{diff[2]}.{diff[3].name} is a column the spec does not list"
    if kind in ("add_index", "remove_index"):
        index = diff[1]
        words = f"{'unique ' if index.unique else ''}index {index.name!r} on {index.table.name} ({constraint_columns(index)})"
        return f"expected {words}, not found" if kind == "add_index" else f"found {words}, not in the spec"
    if kind in ("add_constraint", "remove_constraint"):
        constraint = diff[1]
        words = f"unique constraint {constraint.name!r} on {constraint.table.name} ({constraint_columns(constraint)})"
        return f"expected {words}, not found" if kind == "add_constraint" else f"found {words}, not in the spec"
    if kind == "add_fk":
        return f"{diff[1].table.name}: expected {fk_words(diff[1])}, not found"
    if kind == "remove_fk":
        return f"{diff[1].table.name}: found {fk_words(diff[1])}, not in the spec"
    return f"unexpected difference {diff!r}"


async def schema_differences(engine: AsyncEngine) -> list[str]:
    """What alembic's autogenerate (the comparison behind ``alembic check``) finds different."""

    def compare(connection: sa.Connection) -> list[str]:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        return [describe(diff, connection.dialect) for diff in compare_metadata(context, EXPECTED)]

    async with engine.connect() as conn:
        return await conn.run_sync(compare)


async def table_names(engine: AsyncEngine) -> list[str]:
    async with engine.connect() as conn:
        return sorted(await conn.run_sync(lambda c: sa.inspect(c).get_table_names()))


async def foreign_keys_on(conn: AsyncConnection) -> None:
    """SQLite enforces foreign keys (and their cascades) only when asked to, per connection."""
    if conn.dialect.name == "sqlite":
        await conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        await conn.commit()  # the pragma autobegan a transaction; the check begins its own


async def refused(conn: AsyncConnection, statement: sa.Executable) -> bool:
    """True if the database refuses the statement with an IntegrityError (rolled back alone)."""
    savepoint = await conn.begin_nested()
    try:
        await conn.execute(statement)
    except sa.exc.IntegrityError:
        await savepoint.rollback()
        return True
    await savepoint.rollback()
    return False


async def add_user(conn: AsyncConnection, email: str) -> int:
    result = await conn.execute(sa.insert(USERS).values(email=email, name=email.split("@")[0]))
    return int(result.inserted_primary_key[0])


async def add_task(conn: AsyncConnection, user_id: int, title: str) -> int:
    result = await conn.execute(sa.insert(TASKS).values(user_id=user_id, title=title))
    return int(result.inserted_primary_key[0])


async def test_upgrade_creates_the_schema_of_the_spec(migrations: Migrations) -> None:
    """upgrade head on an empty database creates exactly the schema the spec states.

    Tables, columns, types, NULL/NOT NULL, server defaults, the unique constraint, the index
    and the foreign key with its ON DELETE."""
    await migrations.upgrade()
    differences = await schema_differences(migrations.engine)
    assert differences == [], (
        "upgrade(): the migrated schema matches the spec — every column's type, NULL/NOT NULL "
        "and server default, the unique constraint, the index and the foreign key"
    )
    tables = await table_names(migrations.engine)
    assert tables == ["alembic_version", "tasks", "users"], (
        "upgrade(): it creates users and tasks and no other table"
    )


async def test_server_defaults_fill_created_at_and_status(migrations: Migrations) -> None:
    """Server defaults: a user gets a created_at, a task without a status gets 'todo'."""
    await migrations.upgrade()
    async with migrations.engine.begin() as conn:
        user_id = await add_user(conn, "ada@example.com")
        task_id = await add_task(conn, user_id, "write the migration")
        created_at = (await conn.execute(sa.select(USERS.c.created_at))).scalar_one()
        status = (await conn.execute(sa.select(TASKS.c.status).where(TASKS.c.id == task_id))).scalar_one()
    assert created_at is not None, "users.created_at: the database fills it in (server default CURRENT_TIMESTAMP)"
    assert status == "todo", "tasks.status: a task inserted without a status is 'todo' (server default)"


async def test_constraints_refuse_bad_rows(migrations: Migrations) -> None:
    """The database refuses a duplicate email, an unknown status, a user_id of no user.

    A status outside ('todo', 'doing', 'done'), a NULL title too; it accepts the three."""
    await migrations.upgrade()
    async with migrations.engine.connect() as conn:
        await foreign_keys_on(conn)
        async with conn.begin():
            user_id = await add_user(conn, "ada@example.com")
            got = {
                "second user with the same email": await refused(
                    conn, sa.insert(USERS).values(email="ada@example.com", name="another ada")
                ),
                "status 'archived'": await refused(
                    conn, sa.insert(TASKS).values(user_id=user_id, title="t", status="archived")
                ),
                "user_id of no user": await refused(
                    conn, sa.insert(TASKS).values(user_id=user_id + 1000, title="t")
                ),
                "title NULL": await refused(conn, sa.insert(TASKS).values(user_id=user_id, title=None)),
            }
            accepted = {
                status: not await refused(
                    conn, sa.insert(TASKS).values(user_id=user_id, title="t", status=status)
                )
                for status in ("todo", "doing", "done")
            }
    assert got == dict.fromkeys(got, True), (
        "the database refuses (IntegrityError) a duplicate email (uq_users_email), a status "
        "outside ('todo', 'doing', 'done') (ck_tasks_status), a user_id that names no user "
        "(the foreign key) and a NULL title — True means refused"
    )
    assert accepted == dict.fromkeys(accepted, True), (
        "ck_tasks_status: 'todo', 'doing' and 'done' are all accepted — True means accepted"
    )


async def test_deleting_a_user_deletes_their_tasks(migrations: Migrations) -> None:
    """ON DELETE CASCADE: deleting a user deletes that user's tasks, and only theirs."""
    await migrations.upgrade()
    async with migrations.engine.connect() as conn:
        await foreign_keys_on(conn)
        async with conn.begin():
            ada = await add_user(conn, "ada@example.com")
            bob = await add_user(conn, "bob@example.com")
            for title in ("a1", "a2"):
                await add_task(conn, ada, title)
            await add_task(conn, bob, "b1")
            try:
                await conn.execute(sa.delete(USERS).where(USERS.c.id == ada))
            except sa.exc.IntegrityError as exc:
                pytest.fail(
                    "tasks.user_id ON DELETE CASCADE: deleting a user who has tasks must delete "
                    f"the tasks, but the database refused it: {str(exc.orig).splitlines()[0]}"
                )
            left = sorted((await conn.execute(sa.select(TASKS.c.title))).scalars())
    assert left == ["b1"], (
        "tasks.user_id ON DELETE CASCADE: deleting a user deletes that user's tasks, and only theirs"
    )


async def test_downgrade_drops_everything_children_first(migrations: Migrations) -> None:
    """downgrade base drops both tables, tasks before users, leaving only alembic_version.

    With rows in both tables; PostgreSQL refuses to drop a table a foreign key references."""
    await migrations.upgrade()
    async with migrations.engine.begin() as conn:
        await add_task(conn, await add_user(conn, "ada@example.com"), "keep me?")
    migrations.statements.clear()
    await migrations.downgrade()
    tables = await table_names(migrations.engine)
    assert tables == ["alembic_version"], (
        "downgrade(): after downgrade base the only table left is alembic_version"
    )
    dropped = [
        match.group(1).lower()
        for statement in migrations.statements
        if (match := DROP_TABLE.match(statement))
    ]
    last_drop = {name: n for n, name in enumerate(dropped) if name in ("tasks", "users")}
    drops = sorted(last_drop, key=last_drop.__getitem__)
    assert drops == ["tasks", "users"], (
        "downgrade(): it drops tasks before users — the child first, because PostgreSQL refuses "
        "to drop a table that another table's foreign key still references (tables dropped, in order)"
    )


async def test_round_trip_upgrade_downgrade_upgrade(migrations: Migrations) -> None:
    """upgrade head, downgrade base, upgrade head again gives the spec's schema again."""
    await migrations.upgrade()
    await migrations.downgrade()
    await migrations.upgrade()
    differences = await schema_differences(migrations.engine)
    assert differences == [], (
        "upgrade(), downgrade(), upgrade(): the round trip works and gives the spec's schema again"
    )
    async with migrations.engine.begin() as conn:
        await add_task(conn, await add_user(conn, "ada@example.com"), "after the round trip")
