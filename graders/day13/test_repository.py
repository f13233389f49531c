"""Grader for day13.repository: ONE contract suite run against both implementations.

Every contract check is parametrized over ``sql`` (``SqlTaskRepository`` on a fresh database,
SQLite or PostgreSQL) and ``memory`` (``InMemoryTaskRepository``): the fake must behave like
the real thing. ``reopen()`` is the caller's commit followed by a new session (for the fake:
the same object). A Hypothesis check runs one list of operations against both and against a
model of the contract, and compares what each one shows (ids compared by the add that issued
them, since the two may number differently).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
import pytest_asyncio
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import MissingGreenlet
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from day13 import repository as kata

pytestmark = pytest.mark.asyncio

NEVER_ISSUED = 999_999


def lazy_load(exc: BaseException | None) -> bool:
    """MissingGreenlet, bare (asyncpg) or wrapped in a StatementError (aiosqlite)."""
    while exc is not None:
        if isinstance(exc, MissingGreenlet):
            return True
        exc = getattr(exc, "orig", None) or exc.__cause__
    return False


class Explained:
    """A SqlTaskRepository whose MissingGreenlet errors are explained in spec words."""

    def __init__(self, repo: Any) -> None:
        self._repo = repo

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._repo, name)

        async def call(*args: Any) -> Any:
            try:
                return await method(*args)
            except Exception as exc:
                if lazy_load(exc):
                    raise AssertionError(
                        f"SqlTaskRepository.{name}(): read a row attribute that had to be loaded "
                        "from the database outside an await (MissingGreenlet) — e.g. a row expired "
                        "by a commit (commits are the caller's), or a lazy load: read rows only "
                        "through awaited queries"
                    ) from None
                raise

        return call


def sql_repository(session: AsyncSession) -> Any:
    return Explained(kata.SqlTaskRepository(session))


class Backend:
    """Opens a repository of one kind; ``reopen()`` commits (SQL) and starts a new session."""

    def __init__(self, kind: str, engine: AsyncEngine | None) -> None:
        self.kind, self.engine = kind, engine
        self.sessions: list[AsyncSession] = []
        self.repo: Any = None

    @property
    def name(self) -> str:
        return "SqlTaskRepository" if self.kind == "sql" else "InMemoryTaskRepository"

    async def open(self) -> Any:
        if self.engine is None:
            self.repo = kata.InMemoryTaskRepository()
        else:
            await kata.create_schema(self.engine)
            self.repo = self._new_sql_repo()
        return self.repo

    def _new_sql_repo(self) -> Any:
        assert self.engine is not None
        session = AsyncSession(self.engine)
        self.sessions.append(session)
        return sql_repository(session)

    async def reopen(self) -> Any:
        """The caller commits; a new session (and repository) sees what was committed."""
        if self.engine is not None:
            await self.sessions[-1].commit()
            await self.sessions[-1].close()
            self.repo = self._new_sql_repo()
        return self.repo

    async def close(self) -> None:
        for session in self.sessions:
            await session.close()


@pytest.fixture(params=["sql", "memory"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def maybe_engine(kind: str, request: pytest.FixtureRequest) -> AsyncEngine | None:
    """A fresh database only where one is used."""
    return request.getfixturevalue("engine") if kind == "sql" else None


@pytest_asyncio.fixture
async def backend(kind: str, maybe_engine: AsyncEngine | None) -> AsyncIterator[Backend]:
    opened = Backend(kind, maybe_engine)
    try:
        yield opened
    finally:
        await opened.close()


def seen(task: object) -> tuple[Any, ...]:
    """A returned task as plain data."""
    if not isinstance(task, kata.Task):
        return ("not a Task but", type(task).__name__)
    return (task.id, task.title, str(task.status))


async def outcome(call: Callable[[], Awaitable[object]], task_id: int) -> str:
    """'TaskNotFound(id)' if the call raised it as specified, else what happened."""
    try:
        result = await call()
    except NotImplementedError:
        raise
    except kata.TaskNotFound as exc:
        return "TaskNotFound(id)" if exc.args[:1] == (task_id,) else f"TaskNotFound{exc.args!r}"
    except Exception as exc:
        return f"raised {type(exc).__name__}"
    return f"returned {result!r}"


async def test_add_assigns_ids(backend: Backend) -> None:
    """add() returns a Task with a new positive int id, the title and the status (TODO by default)."""
    repo = await backend.open()
    first = await repo.add("write the spec")
    second = await repo.add("grade it", kata.Status.DOING)
    assert (isinstance(first, kata.Task), isinstance(second, kata.Task)) == (True, True), (
        f"{backend.name}.add(): returns a Task (the domain dataclass), not an ORM row — got "
        f"{type(first).__name__}"
    )
    ids = [first.id, second.id]
    assert [type(i) is int and i > 0 for i in ids] == [True, True], (
        f"{backend.name}.add(): the returned task has its id, a positive int (flush to get it) — got {ids}"
    )
    assert first.id != second.id, f"{backend.name}.add(): every task gets its own id"
    assert [seen(first)[1:], seen(second)[1:]] == [("write the spec", "todo"), ("grade it", "doing")], (
        f"{backend.name}.add(): the task keeps its title and status; the status defaults to TODO"
    )


async def test_get_returns_the_stored_task(backend: Backend) -> None:
    """get(id) returns the task as added, also after the caller commits and reopens."""
    repo = await backend.open()
    task = await repo.add("round trip", kata.Status.DONE)
    got = seen(await repo.get(task.id))
    assert got == (task.id, "round trip", "done"), f"{backend.name}.get(): returns the task as it was added"
    repo = await backend.reopen()
    got = seen(await repo.get(task.id))
    assert got == (task.id, "round trip", "done"), (
        f"{backend.name}.get(): after the caller commits, a new session sees the task"
    )


async def test_titles_round_trip(backend: Backend) -> None:
    """Any title of 1 to 200 characters comes back exactly."""
    repo = await backend.open()
    titles = ["x", "Ünïcødé ✓ — 'single' \"double\" ; DROP TABLE tasks; --", "é" * 200, "  padded  "]
    added = [await repo.add(title) for title in titles]
    repo = await backend.reopen()
    got = [(await repo.get(task.id)).title for task in added]
    assert got == titles, f"{backend.name}: titles of 1 to 200 characters round-trip exactly"


async def test_missing_ids_raise_task_not_found(backend: Backend) -> None:
    """get, set_status and delete of an id no task has raise TaskNotFound(id) and change nothing."""
    repo = await backend.open()
    kept = await repo.add("kept")
    gone = await repo.add("gone")
    await repo.delete(gone.id)
    missing = {"never issued": NEVER_ISSUED, "0": 0, "negative": -1, "deleted": gone.id}
    got = {}
    for label, task_id in missing.items():
        got[f"get({label})"] = await outcome(lambda: repo.get(task_id), task_id)
        got[f"set_status({label})"] = await outcome(lambda: repo.set_status(task_id, kata.Status.DONE), task_id)
        got[f"delete({label})"] = await outcome(lambda: repo.delete(task_id), task_id)
    assert got == dict.fromkeys(got, "TaskNotFound(id)"), (
        f"{backend.name}: get, set_status and delete of an id that no task has raise "
        "TaskNotFound(task_id) — not None, not another exception"
    )
    assert issubclass(kata.TaskNotFound, KeyError), "TaskNotFound is a KeyError subclass"
    got_all = [seen(task) for task in await repo.list_by_status()]
    assert got_all == [(kept.id, "kept", "todo")], (
        f"{backend.name}: a call that raises TaskNotFound changes nothing"
    )


async def test_set_status_and_delete_are_stored(backend: Backend) -> None:
    """set_status() returns the updated task and stores it; delete() removes the task."""
    repo = await backend.open()
    task = await repo.add("ship it")
    other = await repo.add("stay")
    updated = await repo.set_status(task.id, kata.Status.DOING)
    assert seen(updated) == (task.id, "ship it", "doing"), (
        f"{backend.name}.set_status(): returns the updated task"
    )
    repo = await backend.reopen()
    got = seen(await repo.get(task.id))
    assert got == (task.id, "ship it", "doing"), (
        f"{backend.name}.set_status(): the new status is stored (a new session sees it after the commit)"
    )
    await repo.delete(task.id)
    repo = await backend.reopen()
    got_get = await outcome(lambda: repo.get(task.id), task.id)
    got_all = [seen(t) for t in await repo.list_by_status()]
    assert (got_get, got_all) == ("TaskNotFound(id)", [(other.id, "stay", "todo")]), (
        f"{backend.name}.delete(): the task is gone (get raises TaskNotFound, lists skip it), the others stay"
    )


async def test_list_by_status_keeps_creation_order(backend: Backend) -> None:
    """list_by_status() lists in creation order, whatever was updated since; a status filters."""
    repo = await backend.open()
    a = await repo.add("a")
    b = await repo.add("b", kata.Status.DONE)
    c = await repo.add("c")
    d = await repo.add("d", kata.Status.DOING)
    await repo.set_status(a.id, kata.Status.DONE)
    await repo.set_status(c.id, kata.Status.DOING)
    await repo.set_status(b.id, kata.Status.DONE)
    for moment in ("before the commit", "after the caller commits and reopens"):
        got = {
            "all": [t.title for t in await repo.list_by_status()],
            "None": [t.title for t in await repo.list_by_status(None)],
            "todo": [t.title for t in await repo.list_by_status(kata.Status.TODO)],
            "doing": [t.title for t in await repo.list_by_status(kata.Status.DOING)],
            "done": [t.title for t in await repo.list_by_status(kata.Status.DONE)],
        }
        assert got == {
            "all": ["a", "b", "c", "d"],
            "None": ["a", "b", "c", "d"],
            "todo": [],
            "doing": ["c", "d"],
            "done": ["a", "b"],
        }, (
            f"{backend.name}.list_by_status(): the tasks with that status (all for None), in "
            f"creation order — an update does not move a task ({moment})"
        )
        repo = await backend.reopen()
    assert [seen(t) for t in await repo.list_by_status(kata.Status.DOING)] == [
        (c.id, "c", "doing"),
        (d.id, "d", "doing"),
    ], f"{backend.name}.list_by_status(): returns whole tasks (id, title, status)"


async def test_ids_are_never_reused(backend: Backend) -> None:
    """A deleted task's id is never given to a new task, not even the highest id."""
    repo = await backend.open()
    first = await repo.add("first")
    last = await repo.add("last")
    await repo.delete(last.id)
    again = await repo.add("new")
    repo = await backend.reopen()
    await repo.delete(again.id)
    repo = await backend.reopen()
    third = await repo.add("newer")
    issued = [first.id, last.id, again.id, third.id]
    assert len(set(issued)) == 4, (
        f"{backend.name}.add(): ids are never reused, not even after the task with the highest id is "
        f"deleted (on SQLite: make the table AUTOINCREMENT) — ids issued: {issued}"
    )


async def test_returned_tasks_are_copies(backend: Backend) -> None:
    """Changing a returned Task changes neither the stored task nor other returned Tasks."""
    repo = await backend.open()
    added = await repo.add("original")
    fetched = await repo.get(added.id)
    listed = (await repo.list_by_status())[0]
    for task in (added, fetched, listed):
        task.title = "changed by the caller"
        task.status = kata.Status.DONE
    got = seen(await repo.get(added.id))
    assert got == (added.id, "original", "todo"), (
        f"{backend.name}: every Task returned is a copy — changing its fields does not change the "
        "stored task"
    )
    updated = await repo.set_status(added.id, kata.Status.DOING)
    updated.title = "changed again"
    got = seen(await repo.get(added.id))
    assert got == (added.id, "original", "doing"), (
        f"{backend.name}.set_status(): returns a copy too — changing it does not change the stored task"
    )
    one, two = await repo.get(added.id), await repo.get(added.id)
    one.title = "only this one"
    assert two.title == "original", f"{backend.name}: two Tasks returned by get() are independent copies"


async def stored(engine: AsyncEngine) -> list[tuple[Any, ...]]:
    """What a brand-new session's repository lists: what is committed."""
    async with AsyncSession(engine) as session:
        return [seen(t) for t in await sql_repository(session).list_by_status()]


async def test_sql_repository_never_commits(engine: AsyncEngine) -> None:
    """SqlTaskRepository flushes but never commits: the caller's rollback undoes every change."""
    await kata.create_schema(engine)
    async with AsyncSession(engine) as session:
        repo = sql_repository(session)
        kept = await repo.add("kept")
        doomed = await repo.add("doomed")
        await session.commit()
        await repo.add("rolled back")
        await repo.set_status(kept.id, kata.Status.DONE)
        await repo.delete(doomed.id)
        visible = [t.title for t in await repo.list_by_status()]
        assert visible == ["kept", "rolled back"], (
            "SqlTaskRepository: its changes are flushed, so its own queries see them before any commit"
        )
        await session.rollback()
    got = await stored(engine)
    assert got == [(kept.id, "kept", "todo"), (doomed.id, "doomed", "todo")], (
        "SqlTaskRepository: never commits — add, set_status and delete are undone by the "
        "caller's rollback; only what the caller committed stays"
    )


async def test_sql_session_is_usable_after_commit(engine: AsyncEngine) -> None:
    """The same session and repository keep working after the caller commits (expired rows)."""
    await kata.create_schema(engine)
    async with AsyncSession(engine) as session:
        repo = sql_repository(session)
        task = await repo.add("before the commit")
        await session.commit()
        got = [seen(await repo.get(task.id)), seen(await repo.set_status(task.id, kata.Status.DONE))]
        await session.commit()
        got.append(seen((await repo.list_by_status(kata.Status.DONE))[0]))
    assert got == [
        (task.id, "before the commit", "todo"),
        (task.id, "before the commit", "done"),
        (task.id, "before the commit", "done"),
    ], "SqlTaskRepository: works on with the same session after the caller commits (expire_on_commit)"


# --- one list of operations, run against both implementations and a model of the contract ---

Op = tuple[Any, ...]


class Model:
    """The contract, as plainly as possible."""

    def __init__(self) -> None:
        self.tasks: dict[int, list[Any]] = {}
        self.next_id = 1

    async def add(self, title: str, status: Any = None) -> tuple[int, str, str]:
        task_id, self.next_id = self.next_id, self.next_id + 1
        self.tasks[task_id] = [title, str(status or "todo")]
        return (task_id, title, self.tasks[task_id][1])

    def _get(self, task_id: int) -> list[Any]:
        if task_id not in self.tasks:
            raise kata.TaskNotFound(task_id)
        return self.tasks[task_id]

    async def get(self, task_id: int) -> tuple[int, str, str]:
        title, status = self._get(task_id)
        return (task_id, title, status)

    async def set_status(self, task_id: int, status: Any) -> tuple[int, str, str]:
        self._get(task_id)[1] = str(status)
        return await self.get(task_id)

    async def delete(self, task_id: int) -> None:
        self._get(task_id)
        del self.tasks[task_id]

    async def list_by_status(self, status: Any = None) -> list[tuple[int, str, str]]:
        return [(i, t, s) for i, (t, s) in self.tasks.items() if status is None or s == str(status)]


async def trace(repo: Any, ops: list[Op], reopen: Callable[[], Awaitable[Any]]) -> list[Any]:
    """What each operation shows, ids replaced by the number of the add that issued them."""
    issued: list[int] = []
    handle: dict[int, int] = {}

    def show(task: Any) -> Any:
        data = task if isinstance(task, tuple) else seen(task)
        if data[0] == "not a Task but":
            return data
        return (f"task #{handle[data[0]]}" if data[0] in handle else f"unknown id {data[0]}", *data[1:])

    def ref(n: int) -> int:
        return issued[n] if 0 <= n < len(issued) else (NEVER_ISSUED + n if n >= 0 else n + 1)

    shown: list[Any] = []
    for op in ops:
        try:
            if op[0] == "add":
                task = await repo.add(op[1], op[2]) if op[2] is not None else await repo.add(op[1])
                data = task if isinstance(task, tuple) else seen(task)
                if data[0] in handle:
                    shown.append(("add reused the id of", f"task #{handle[data[0]]}"))
                    continue
                if data[0] != "not a Task but":
                    handle[data[0]] = len(issued)
                    issued.append(data[0])
                shown.append(show(task))
            elif op[0] == "get":
                shown.append(show(await repo.get(ref(op[1]))))
            elif op[0] == "set":
                shown.append(show(await repo.set_status(ref(op[1]), op[2])))
            elif op[0] == "delete":
                shown.append(await repo.delete(ref(op[1])))
            elif op[0] == "list":
                shown.append([show(t) for t in await repo.list_by_status(op[1])])
            else:
                repo = await reopen()
                shown.append("reopened")
        except NotImplementedError:
            raise
        except kata.TaskNotFound:
            shown.append("TaskNotFound")
        except Exception as exc:
            shown.append(f"raised {type(exc).__name__}")
    return shown


status_or_none = st.none() | st.sampled_from(list(kata.Status))
refs = st.integers(min_value=-2, max_value=6)  # n >= 0: the n-th add's id (or one never issued)
titles = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=12)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), titles, status_or_none),
        st.tuples(st.just("get"), refs),
        st.tuples(st.just("set"), refs, st.sampled_from(list(kata.Status))),
        st.tuples(st.just("delete"), refs),
        st.tuples(st.just("list"), status_or_none),
        st.just(("reopen",)),
    ),
    max_size=16,
)


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(ops=operations)
@example(ops=[("add", "a", None), ("add", "b", None), ("delete", 1), ("add", "c", None), ("list", None)])
@example(ops=[("add", "a", None), ("add", "b", None), ("set", 0, kata.Status.DONE), ("list", None),
              ("reopen",), ("list", kata.Status.DONE), ("get", 2), ("delete", -1)])
async def test_both_implementations_follow_one_contract(engine: AsyncEngine, ops: list[Op]) -> None:
    """Any list of operations shows the same results on both implementations, as the contract says."""
    memory = kata.InMemoryTaskRepository()
    await kata.create_schema(engine)
    async with engine.begin() as connection:  # a fresh table state for each example
        for table in reversed(kata.Base.metadata.sorted_tables):
            await connection.execute(table.delete())
    model = Model()
    want = await trace(model, ops, lambda: _same(model))
    got_memory = await trace(memory, ops, lambda: _same(memory))
    assert got_memory == want, (
        "InMemoryTaskRepository: these operations give what the contract says (each result in "
        "order; tasks shown as the add that created them)"
    )
    backend = Backend("sql", engine)
    try:
        repo = backend._new_sql_repo()
        got_sql = await trace(repo, ops, backend.reopen)
    finally:
        await backend.close()
    assert got_sql == want, (
        "SqlTaskRepository: these operations give the same results as InMemoryTaskRepository and "
        "the contract (each result in order; tasks shown as the add that created them)"
    )


async def _same(repo: Any) -> Any:
    return repo
