"""Grader for day13.migration_data: revision 0002 splits users.full_name and keeps every row.

The grader writes revision 0001 (the pre-state the spec describes) itself, copies the
learner's file next to it in a script directory of its own (its ``env.py`` hands alembic the
check's connection), fills ``users`` with rows (Hypothesis-made names), runs
``alembic upgrade``/``downgrade`` with ``alembic.command`` and reads the rows back: SQLite, or
PostgreSQL when ``KATAS_DATABASE_URL`` is set. The schema on either side is compared with the
spec's by alembic's autogenerate comparison.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncEngine

from day13 import migration_data as kata

ENV_PY = '''\
from alembic import context

context.configure(connection=context.config.attributes["connection"], target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
'''

REVISION_0001 = '''\
"""The grader's revision 0001: users with full_name."""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.UniqueConstraint("email", name="uq_users_email"),
    )


def downgrade():
    op.drop_table("users")
'''


def users_table(metadata: sa.MetaData, *name_columns: str) -> sa.Table:
    return sa.Table(
        "users",
        metadata,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(320), nullable=False),
        *(sa.Column(name, sa.String(200), nullable=False) for name in name_columns),
        sa.UniqueConstraint("email", name="uq_users_email"),
    )


BEFORE = sa.MetaData()
USERS_0001 = users_table(BEFORE, "full_name")
AFTER = sa.MetaData()
USERS_0002 = users_table(AFTER, "first_name", "last_name")


def normal(full_name: str) -> str:
    return " ".join(full_name.split())


def want_split(full_name: str) -> tuple[str, str]:
    words = full_name.split()
    return (words[0] if words else "", " ".join(words[1:]))


def reason(exc: sa.exc.DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)


class Migrations:
    """Revision 0001 (the grader's) and the learner's 0002, run on the check's engine."""

    def __init__(self, engine: AsyncEngine, config: Config) -> None:
        self.engine = engine
        self.config = config
        self.clean = False  # at revision 0001 with an empty users table, as reset() leaves it

    def __repr__(self) -> str:  # what a failing example shows for the fixture
        return "<the check's database>"

    async def _run(self, action: Callable[[Config, str], None], target: str, what: str) -> None:
        def run(connection: sa.Connection) -> None:
            self.config.attributes["connection"] = connection
            action(self.config, target)

        try:
            async with self.engine.begin() as conn:
                await conn.run_sync(run)
        except sa.exc.DBAPIError as exc:
            pytest.fail(f"`alembic {what}` failed on {self.engine.dialect.name}: {reason(exc)}")

    async def upgrade(self) -> None:
        """0001 -> 0002: the learner's upgrade()."""
        await self._run(command.upgrade, "0002", "upgrade 0001:0002 (your upgrade())")

    async def downgrade(self) -> None:
        """0002 -> 0001: the learner's downgrade()."""
        await self._run(command.downgrade, "0001", "downgrade 0002:0001 (your downgrade())")

    async def reset(self) -> None:
        """Back to an empty users table at revision 0001, whatever state the last example left."""
        if self.clean:
            async with self.engine.begin() as conn:
                await conn.execute(sa.delete(USERS_0001))
            return

        def run(connection: sa.Connection) -> None:
            existing = sa.MetaData()
            existing.reflect(connection)
            existing.drop_all(connection)
            self.config.attributes["connection"] = connection
            command.upgrade(self.config, "0001")

        async with self.engine.begin() as conn:
            await conn.run_sync(run)
        self.clean = True

    async def insert(self, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        if rows:
            async with self.engine.begin() as conn:
                await conn.execute(sa.insert(table), rows)

    async def rows(self, table: sa.Table) -> dict[str, tuple[Any, ...]]:
        """email -> the row's other columns, as the spec's table at that revision has them."""
        columns = [c for c in table.c if c.name != "email"]
        async with self.engine.connect() as conn:
            result = await conn.execute(sa.select(table.c.email, *columns))
            return {email: tuple(rest) for email, *rest in result}

    async def differences(self, expected: sa.MetaData) -> list[str]:
        def compare(connection: sa.Connection) -> list[str]:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "compare_server_default": True}
            )
            return [describe(d) for d in compare_metadata(context, expected)]

        async with self.engine.connect() as conn:
            return await conn.run_sync(compare)


def describe(diff: Any) -> str:
    """One autogenerate difference in spec words."""
    if isinstance(diff, list):
        return "; ".join(describe(d) for d in diff)
    kind = diff[0]
    if kind == "add_column":
        return f"users.{diff[3].name} is missing"
    if kind == "remove_column":
        return f"users.{diff[3].name} is still there (the spec's table has no such column)"
    if kind == "modify_nullable":
        return f"users.{diff[3]}: expected NOT NULL, found NULL allowed"
    if kind == "modify_type":
        return f"users.{diff[3]}: expected {diff[6]!r}, found {diff[5]!r}"
    if kind == "modify_default":
        found = getattr(diff[5], "arg", diff[5])
        found_words = getattr(found, "text", found)
        return f"users.{diff[3]}: expected no server default, found {found_words!r}"
    if kind in ("add_constraint", "remove_constraint"):
        name = diff[1].name
        return (f"unique constraint {name!r} on users (email) is missing" if kind == "add_constraint"
                else f"found unique constraint {name!r}, not in the spec")
    if kind == "add_table":
        return f"table {diff[1].name} is missing"
    if kind == "remove_table":
        return f"table {diff[1].name} is not in the spec"
    return f"unexpected difference {diff!r}"


def no_fsync(dbapi_connection: Any, record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.execute("PRAGMA journal_mode=MEMORY")
    cursor.close()


@pytest_asyncio.fixture
async def migrations(tmp_path: Path, engine: AsyncEngine) -> Migrations:
    scripts = tmp_path / "migrations"
    versions = scripts / "versions"
    versions.mkdir(parents=True)
    (scripts / "env.py").write_text(ENV_PY)
    (versions / "0001_users.py").write_text(REVISION_0001)
    shutil.copyfile(Path(kata.__file__), versions / "0002_migration_data.py")
    config = Config()
    config.set_main_option("script_location", str(scripts))
    if engine.dialect.name == "sqlite":  # a scratch database: no need to wait for the disk
        sa.event.listen(engine.sync_engine, "connect", no_fsync)
    migrations = Migrations(engine, config)
    await migrations.reset()
    return migrations


letters = st.characters(categories=["L", "M"], exclude_characters="\x00")
words = st.text(letters | st.sampled_from("-'."), min_size=1, max_size=10)
gaps = st.sampled_from([" ", "  ", "   ", "\t", " \t "])
edges = st.sampled_from(["", " ", "  ", "\t"])


@st.composite
def full_names(draw: st.DrawFn) -> str:
    """A name of 0-4 words, sometimes with runs of whitespace or whitespace around it."""
    parts = draw(st.lists(words, max_size=4))
    if not draw(st.booleans()):  # half of them normal: words and single spaces
        return " ".join(parts)
    name = draw(edges)
    for n, part in enumerate(parts):
        name += (draw(gaps) if n else "") + part
    return name + draw(edges)


SPEC_NAMES = ["Ada Lovelace", "  Mary   Ann  Smith ", "Cher", "José Ángel\tÑúñez", "", "   ",
              "Zoë Ångström-Łukasz", "李 小龍", "Jean-Luc  Picard"]


@settings(max_examples=50)
@given(full_name=full_names())
@example(full_name="Ada Lovelace")
@example(full_name="  Mary   Ann  Smith ")
@example(full_name="Cher")
@example(full_name="José Ángel\tÑúñez")
@example(full_name="")
@example(full_name="   ")
def test_split_and_join_follow_the_rule(full_name: str) -> None:
    """split_full_name: first word, then the rest joined by one space; join_full_name undoes it."""
    got = kata.split_full_name(full_name)
    assert got == want_split(full_name), (
        "split_full_name(): first_name is the first word (str.split() words), last_name the "
        "remaining words joined by one space — '' for a one-word name, ('', '') for an empty one; "
        "characters kept exactly"
    )
    joined = kata.join_full_name(*want_split(full_name))
    assert joined == normal(full_name), (
        "join_full_name(): the non-empty parts joined by one space"
    )


def test_join_skips_empty_parts() -> None:
    """join_full_name: an empty part adds no space."""
    got = [kata.join_full_name(f, l) for f, l in [("Ada", "Lovelace"), ("Cher", ""), ("", "Hopper"), ("", "")]]
    assert got == ["Ada Lovelace", "Cher", "Hopper", ""], (
        "join_full_name(): the non-empty ones of first_name and last_name joined by one space"
    )


@pytest.mark.asyncio
async def test_schema_after_upgrade_and_after_downgrade(migrations: Migrations) -> None:
    """upgrade gives the spec's 0002 table, downgrade gives 0001's back (an empty table)."""
    await migrations.upgrade()
    after = await migrations.differences(AFTER)
    assert after == [], (
        "upgrade(): users has id, email (unique uq_users_email), first_name and last_name "
        "VARCHAR(200) NOT NULL without a server default, and no full_name"
    )
    await migrations.downgrade()
    before = await migrations.differences(BEFORE)
    assert before == [], (
        "downgrade(): users is revision 0001's table again: id, email (unique uq_users_email), "
        "full_name VARCHAR(200) NOT NULL, and no first_name or last_name"
    )


@pytest.mark.asyncio
@settings(max_examples=10, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(full_names(), min_size=1, max_size=6))
@example(names=SPEC_NAMES)
@example(names=["Cher"])
async def test_every_row_is_kept_split_and_restored(migrations: Migrations, names: list[str]) -> None:
    """Every row keeps its id and email; upgrade splits each full_name, downgrade joins it back.

    The round trip gives each original full_name back exactly when it was normal, and its
    normalized form otherwise."""
    await migrations.reset()
    migrations.clean = False  # until this example has gone all the way round
    rows = [{"id": n + 1, "email": f"user{n}@example.com", "full_name": name} for n, name in enumerate(names)]
    await migrations.insert(USERS_0001, rows)
    await migrations.upgrade()
    try:
        split = await migrations.rows(USERS_0002)
    except sa.exc.DBAPIError as exc:
        pytest.fail(f"after upgrade(), users must have first_name and last_name: {reason(exc)}")
    want = {r["email"]: (r["id"], *want_split(r["full_name"])) for r in rows}
    assert split == want, (
        "upgrade(): every row is kept with its id and email, and (first_name, last_name) is "
        "split_full_name(full_name) of that same row (email -> (id, first_name, last_name))"
    )
    await migrations.downgrade()
    try:
        restored = await migrations.rows(USERS_0001)
    except sa.exc.DBAPIError as exc:
        pytest.fail(f"after downgrade(), users must have full_name again: {reason(exc)}")
    want_back = {r["email"]: (r["id"], normal(r["full_name"])) for r in rows}
    assert restored == want_back, (
        "downgrade(): every row is kept with its id and email, and full_name is "
        "join_full_name(first_name, last_name): the original name when it was normal, else "
        "' '.join(full_name.split()) (email -> (id, full_name))"
    )
    schema = await migrations.differences(BEFORE)
    assert schema == [], (
        "downgrade(): users is revision 0001's table again: id, email (unique uq_users_email), "
        "full_name VARCHAR(200) NOT NULL, and no first_name or last_name"
    )
    migrations.clean = True


@pytest.mark.asyncio
async def test_downgrade_keeps_rows_written_after_the_upgrade(migrations: Migrations) -> None:
    """Rows the application wrote at revision 0002 come back with full_name joined from their parts."""
    await migrations.insert(USERS_0001, [{"id": 1, "email": "ada@example.com", "full_name": "Ada Lovelace"}])
    await migrations.upgrade()
    await migrations.insert(USERS_0002, [
        {"id": 2, "email": "grace@example.com", "first_name": "Grace", "last_name": "Brewster Hopper"},
        {"id": 3, "email": "prince@example.com", "first_name": "Prince", "last_name": ""},
        {"id": 4, "email": "anon@example.com", "first_name": "", "last_name": "Hopper"},
    ])
    await migrations.downgrade()
    restored = await migrations.rows(USERS_0001)
    assert restored == {
        "ada@example.com": (1, "Ada Lovelace"),
        "grace@example.com": (2, "Grace Brewster Hopper"),
        "prince@example.com": (3, "Prince"),
        "anon@example.com": (4, "Hopper"),
    }, (
        "downgrade(): rows written after the upgrade are kept too, with full_name = "
        "join_full_name(first_name, last_name) (email -> (id, full_name))"
    )
    unique = await migrations.differences(BEFORE)
    assert unique == [], "downgrade(): users is revision 0001's table again, uq_users_email included"
