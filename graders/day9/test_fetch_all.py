"""Grader for day9.fetch_all: bounded concurrency, input order, per-request timeouts, failures kept.

Twice over: against ``httpx.MockTransport`` whose handler waits in virtual time (looptime), so
start times, peak concurrency and total time are exact; and against a real HTTP/1.1 server on
127.0.0.1, started in the test's own event loop, with real sockets and real httpx.
"""

from __future__ import annotations

import asyncio
import math
import socket
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import pytest_asyncio
from hypothesis import example, given
from hypothesis import strategies as st

from day9 import fetch_all as kata

HOST = "http://svc"


@dataclass
class Route:
    latency: float = 1.0
    status: int = 200
    error: Exception | None = None


@dataclass
class Service:
    """A fake HTTP service: each path answers after its latency (virtual seconds), with its
    status, or raises its error; records when requests start, end and are cancelled."""

    routes: dict[str, Route]
    start: float = field(default_factory=lambda: asyncio.get_running_loop().time())
    started: list[tuple[str, float]] = field(default_factory=list)
    ended: list[str] = field(default_factory=list)
    cancelled: list[tuple[str, float]] = field(default_factory=list)
    in_flight: int = 0
    peak: int = 0

    def now(self) -> float:
        return round(asyncio.get_running_loop().time() - self.start, 6)

    async def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        route = self.routes[path]
        self.started.append((path, self.now()))
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            await asyncio.sleep(route.latency)
        except asyncio.CancelledError:
            self.cancelled.append((path, self.now()))
            raise
        finally:
            self.in_flight -= 1
        self.ended.append(path)
        if route.error is not None:
            raise route.error
        return httpx.Response(route.status, content=f"body of {path}".encode())

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.MockTransport(self.handle))


def url(path: str) -> str:
    return HOST + path


def described(result: object) -> tuple[Any, ...]:
    """A result as plain data: what a message can show."""
    if isinstance(result, kata.Fetched):
        return ("Fetched", result.url, result.status, result.body)
    if isinstance(result, kata.Failed):
        error = result.error
        return ("Failed", result.url, "TimeoutError" if isinstance(error, TimeoutError) else type(error).__name__)
    return ("neither Fetched nor Failed", repr(result))


def ok(path: str, status: int = 200) -> tuple[Any, ...]:
    return ("Fetched", url(path), status, f"body of {path}".encode())


def failed(path: str, error: str) -> tuple[Any, ...]:
    return ("Failed", url(path), error)


async def run(
    service: Service, paths: Sequence[str], *, limit: int, timeout: float, budget: float = 1000
) -> tuple[list[tuple[Any, ...]], float, list[Any]]:
    """fetch_all over the service: (described results, virtual seconds it took, raw results)."""
    loop = asyncio.get_running_loop()
    began = loop.time()
    deadline = asyncio.timeout(budget)
    try:
        async with service.client() as client, deadline:
            results = await kata.fetch_all(client, [url(p) for p in paths], limit=limit, timeout=timeout)
    except TimeoutError:
        if not deadline.expired():
            raise  # the learner's own TimeoutError escaped fetch_all
        raise AssertionError(
            f"fetch_all(): still running after {budget:g} virtual seconds — every request must "
            "end by its own timeout at the latest"
        ) from None
    assert isinstance(results, list), "fetch_all() returns a list"
    return [described(r) for r in results], round(loop.time() - began, 6), results



@pytest.mark.asyncio
@pytest.mark.looptime
async def test_results_keep_the_order_of_urls() -> None:
    """result[i] belongs to urls[i] whatever order they finish in; duplicates are fetched twice."""
    latencies = [5, 1, 4, 2, 6, 3]
    service = Service({f"/r{i}": Route(latency) for i, latency in enumerate(latencies)})
    paths = [f"/r{i}" for i in range(len(latencies))] + ["/r1"]
    got, _, _ = await run(service, paths, limit=3, timeout=100)
    assert got == [ok(p) for p in paths], (
        "fetch_all(): one Fetched per URL, result[i] for urls[i] — the input order, not the "
        "order the responses arrive in; a URL listed twice is fetched twice"
    )
    assert sorted(p for p, _ in service.started) == sorted(paths), (
        "fetch_all(): every URL is requested once per listing"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
@pytest.mark.parametrize(("n", "limit"), [(10, 3), (4, 10), (6, 1), (1, 1)])
async def test_at_most_limit_in_flight_and_all_of_them_used(n: int, limit: int) -> None:
    """At most limit requests in flight; n requests of d seconds take ceil(n / limit) * d."""
    service = Service({f"/r{i}": Route(2) for i in range(n)})
    got, elapsed, _ = await run(service, [f"/r{i}" for i in range(n)], limit=limit, timeout=100)
    assert got == [ok(f"/r{i}") for i in range(n)], "fetch_all(): one Fetched per URL, in order"
    assert service.peak == min(n, limit), (
        f"fetch_all(limit={limit}) over {n} URLs: at most limit requests are in flight at once, "
        "and as many as limit when there are enough URLs (peak requests in flight)"
    )
    assert elapsed == math.ceil(n / limit) * 2, (
        f"fetch_all(limit={limit}): {n} requests of 2 s each take ceil(n / limit) * 2 virtual "
        "seconds in all"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_a_freed_slot_is_used_at_once() -> None:
    """A pool of limit slots, not batches: a request starts as soon as any other ends."""
    service = Service({"/a": Route(10), "/b": Route(1), "/c": Route(1), "/d": Route(1)})
    got, elapsed, _ = await run(service, ["/a", "/b", "/c", "/d"], limit=2, timeout=100)
    assert got == [ok(p) for p in "/a /b /c /d".split()], "fetch_all(): one Fetched per URL, in order"
    assert (service.started, elapsed) == ([("/a", 0), ("/b", 0), ("/c", 1), ("/d", 2)], 10), (
        "fetch_all(limit=2) with latencies 10, 1, 1, 1: the 3rd request starts at 1 s and the 4th "
        "at 2 s (as soon as a slot frees, not in batches of limit), 10 s in all"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_any_status_is_a_response() -> None:
    """404 and 500 are answers: Fetched with their status and body, not failures."""
    service = Service({"/ok": Route(1), "/missing": Route(1, 404), "/broken": Route(1, 500)})
    got, _, _ = await run(service, ["/missing", "/ok", "/broken"], limit=3, timeout=10)
    assert got == [ok("/missing", 404), ok("/ok"), ok("/broken", 500)], (
        "fetch_all(): every response is a Fetched(url, status, body), whatever its status code"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_a_failure_is_kept_and_loses_nothing_else() -> None:
    """A request that raises gives Failed(url, that very exception); the others go on."""
    refused = httpx.ConnectError("connection refused")
    reset = httpx.ReadError("connection reset")
    service = Service({
        "/a": Route(1),
        "/down": Route(0.5, error=refused),
        "/b": Route(3),
        "/reset": Route(2, error=reset),
        "/c": Route(1),
    })
    paths = ["/a", "/down", "/b", "/reset", "/c"]
    got, elapsed, raw = await run(service, paths, limit=2, timeout=10)
    assert got == [ok("/a"), failed("/down", "ConnectError"), ok("/b"), failed("/reset", "ReadError"), ok("/c")], (
        "fetch_all(): a request that raises gives Failed(url, error) in its place; every other "
        "URL still gets its result"
    )
    assert (raw[1].error is refused, raw[3].error is reset) == (True, True), (
        "fetch_all(): Failed.error is the very exception object the request raised"
    )
    assert elapsed == 4, (
        "fetch_all(limit=2): a failed request frees its slot like any other (latencies "
        "1, 0.5 (fails), 3, 2 (fails), 1 take 4 s in all)"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_a_slow_request_times_out_alone() -> None:
    """A request over its timeout is cancelled and Failed with a TimeoutError; others go on."""
    service = Service({"/a": Route(1), "/slow": Route(50), "/b": Route(1), "/c": Route(1)})
    got, elapsed, raw = await run(service, ["/a", "/slow", "/b", "/c"], limit=2, timeout=5)
    assert got == [ok("/a"), failed("/slow", "TimeoutError"), ok("/b"), ok("/c")], (
        "fetch_all(timeout=5): a request still running after 5 s gives Failed(url, error) with "
        "error a TimeoutError (asyncio.timeout around each request); the others are Fetched"
    )
    assert (service.cancelled, service.started[2:], elapsed) == ([("/slow", 5)], [("/b", 1), ("/c", 2)], 5), (
        "fetch_all(timeout=5): the slow request is cancelled at 5 s, while the others carry on "
        "in the other slot (started at 1 s and 2 s); 5 s in all"
    )
    assert isinstance(raw[1].error, TimeoutError), "Failed.error for a timeout is a TimeoutError"


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_the_timeout_is_per_request_and_starts_with_it() -> None:
    """Each request has timeout seconds from its own start; waiting for a slot does not count."""
    service = Service({"/a": Route(3), "/b": Route(3), "/c": Route(3)})
    got, elapsed, _ = await run(service, ["/a", "/b", "/c"], limit=1, timeout=5)
    assert got == [ok("/a"), ok("/b"), ok("/c")], (
        "fetch_all(limit=1, timeout=5): three 3-second requests all succeed — the timeout is per "
        "request, counted from its own start (not for the whole call, not while waiting for a slot)"
    )
    assert elapsed == 9, "fetch_all(limit=1): three 3-second requests one after another take 9 s"


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_the_client_is_left_open() -> None:
    """fetch_all does not close the caller's client."""
    service = Service({"/a": Route(1), "/b": Route(1)})
    async with service.client() as client:
        results = await kata.fetch_all(client, [url("/a")], limit=1, timeout=5)
        closed = client.is_closed
        assert (closed, described(results[0])) == (False, ok("/a")), (
            "fetch_all(): the client belongs to the caller — it is still open afterwards"
        )
        again = await client.get(url("/b"))
        assert again.status_code == 200, "fetch_all(): the caller's client still works afterwards"


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_cancelling_fetch_all_cancels_its_requests() -> None:
    """Cancelling fetch_all cancels the requests in flight and starts no new ones."""
    loop = asyncio.get_running_loop()
    service = Service({f"/r{i}": Route(10) for i in range(6)})
    async with service.client() as client:
        task = asyncio.create_task(
            kata.fetch_all(client, [url(f"/r{i}") for i in range(6)], limit=2, timeout=100)
        )
        loop.call_at(loop.time() + 5, task.cancel)
        try:
            async with asyncio.timeout(200):
                await task
        except asyncio.CancelledError:
            pass
        await asyncio.sleep(100)  # time for anything left running to show itself
    assert task.cancelled(), "fetch_all(): cancelled, it raises CancelledError"
    assert (sorted(service.cancelled), service.started, service.ended) == (
        [("/r0", 5), ("/r1", 5)], [("/r0", 0), ("/r1", 0)], []
    ), (
        "fetch_all(limit=2) cancelled at 5 s: the two requests in flight are cancelled at once, "
        "and no further request starts"
    )


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_bad_arguments_and_no_urls() -> None:
    """ValueError for limit < 1 or a timeout that is not positive, before any request; [] for []."""
    service = Service({"/a": Route(1)})
    outcomes: dict[str, str] = {}
    async with service.client() as client:
        for label, limit, timeout in [
            ("limit=0", 0, 5.0),
            ("limit=-1", -1, 5.0),
            ("timeout=0", 2, 0.0),
            ("timeout=-1", 2, -1.0),
            ("timeout=nan", 2, math.nan),
        ]:
            try:
                await kata.fetch_all(client, [url("/a")], limit=limit, timeout=timeout)
            except NotImplementedError:
                raise
            except Exception as error:  # noqa: BLE001 — which exception is the point
                outcomes[label] = type(error).__name__
            else:
                outcomes[label] = "no error"
        assert (outcomes, service.started) == (dict.fromkeys(outcomes, "ValueError"), []), (
            "fetch_all(): limit < 1, or a timeout that is 0, negative or NaN, raises ValueError "
            "before any request is sent"
        )
        empty = await kata.fetch_all(client, [], limit=3, timeout=5)
        assert (empty, service.started) == ([], []), "fetch_all(client, []) returns [] and sends nothing"


def schedule(latencies: Sequence[float], limit: int, timeout: float) -> tuple[list[float], float]:
    """Start times of a FIFO pool of `limit` slots, each request holding its slot for
    min(latency, timeout); and the time the last one ends."""
    import heapq

    free = [0.0] * limit
    starts, ends = [], [0.0]
    for latency in latencies:
        start = heapq.heappop(free)
        starts.append(start)
        heapq.heappush(free, start + min(latency, timeout))
        ends.append(start + min(latency, timeout))
    return starts, max(ends)


@st.composite
def workloads(draw: st.DrawFn) -> tuple[list[tuple[float, bool]], int, float]:
    """(latency, fails) per URL, limit, timeout. Latencies are multiples of 0.5 s and the timeout
    an odd multiple of 0.25 s, so a request never ends at the very moment it times out."""
    requests = draw(st.lists(
        st.tuples(st.integers(min_value=0, max_value=20).map(lambda n: n / 2), st.booleans()),
        max_size=12,
    ))
    limit = draw(st.integers(min_value=1, max_value=5))
    timeout = draw(st.integers(min_value=0, max_value=20)) / 2 + 0.25
    return requests, limit, timeout


@pytest.mark.asyncio
@pytest.mark.looptime
@given(workloads())
@example(([(2.0, False)] * 7, 3, 100.25))
@example(([(10.0, False), (1.0, False), (1.0, True), (1.0, False)], 2, 100.25))
@example(([(3.0, False), (9.0, False), (0.0, True), (3.0, False)], 2, 5.25))
async def test_any_workload(workload: tuple[list[tuple[float, bool]], int, float]) -> None:
    """Order, results, start times and total time follow the rules for any mix of requests."""
    requests, limit, timeout = workload
    service = Service({
        f"/r{i}": Route(latency, error=httpx.ConnectError("refused") if fails else None)
        for i, (latency, fails) in enumerate(requests)
    })
    paths = [f"/r{i}" for i in range(len(requests))]
    got, elapsed, _ = await run(service, paths, limit=limit, timeout=timeout)
    want = [
        failed(p, "TimeoutError") if latency > timeout else failed(p, "ConnectError") if fails else ok(p)
        for p, (latency, fails) in zip(paths, requests)
    ]
    starts, total = schedule([latency for latency, _ in requests], limit, timeout)
    assert got == want, (
        f"fetch_all(limit={limit}, timeout={timeout}) over (latency, fails) {requests}: a Fetched "
        "per answered URL, Failed with the raised error or a TimeoutError otherwise, in the order "
        "of urls"
    )
    assert service.peak <= limit, f"fetch_all(limit={limit}): never more than limit requests in flight"
    assert (service.started, elapsed) == (list(zip(paths, starts)), total), (
        f"fetch_all(limit={limit}, timeout={timeout}) over (latency, fails) {requests}: requests "
        "start in the order of urls, each as soon as a slot is free, and hold it until they end "
        "or time out — (start times, total virtual seconds)"
    )


# --- A real HTTP/1.1 server on 127.0.0.1, in the test's own event loop ---------------------------


@dataclass
class RealServer:
    base: str
    refused: str  # a URL nobody listens on
    in_flight: int = 0
    peak: int = 0
    paths: list[str] = field(default_factory=list)


async def respond(server: RealServer, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """A minimal HTTP/1.1 responder (keep-alive): /echo/<text>, /status/<code>, /slow/<seconds>."""
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            target = head.split(b"\r\n", 1)[0].split(b" ")[1].decode()
            server.paths.append(target)
            server.in_flight += 1
            server.peak = max(server.peak, server.in_flight)
            try:
                kind, _, arg = target.strip("/").partition("/")
                status, body = 200, arg.encode()
                if kind == "status":
                    status, body = int(arg), f"status {arg}".encode()
                elif kind == "slow":
                    await asyncio.sleep(float(arg))
                    body = f"slept {arg}".encode()
            finally:
                server.in_flight -= 1
            writer.write(
                f"HTTP/1.1 {status} Whatever\r\nContent-Type: text/plain\r\n"
                f"Content-Length: {len(body)}\r\n\r\n".encode() + body
            )
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


@pytest_asyncio.fixture(loop_scope="function")
async def real_server() -> AsyncIterator[RealServer]:
    with socket.socket() as probe:  # a port that was free a moment ago: nobody listens there
        probe.bind(("127.0.0.1", 0))
        refused_port = probe.getsockname()[1]
    handlers: set[asyncio.Task[Any]] = set()
    state = RealServer(base="", refused=f"http://127.0.0.1:{refused_port}")

    async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        handlers.add(task)
        try:
            await respond(state, reader, writer)
        finally:
            handlers.discard(task)

    server = await asyncio.start_server(on_connect, "127.0.0.1", 0)
    state.base = "http://127.0.0.1:{}".format(server.sockets[0].getsockname()[1])
    try:
        yield state
    finally:
        server.close()
        for task in list(handlers):
            task.cancel()
        await asyncio.gather(*handlers, return_exceptions=True)
        await server.wait_closed()


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_against_a_real_server(real_server: RealServer) -> None:
    """Real sockets, real httpx: statuses, a refused connection, a timeout, order and the limit."""
    base = real_server.base
    urls = [
        f"{base}/echo/alpha",
        f"{base}/status/404",
        f"{base}/slow/3",
        f"{base}/slow/50",
        f"{real_server.refused}/echo/nobody",
        f"{base}/status/500",
        f"{base}/echo/omega",
    ]
    async with httpx.AsyncClient(trust_env=False, timeout=None) as client:
        async with asyncio.timeout(100):
            results = await kata.fetch_all(client, urls, limit=2, timeout=5)
    got = [described(r) for r in results]
    assert got == [
        ("Fetched", urls[0], 200, b"alpha"),
        ("Fetched", urls[1], 404, b"status 404"),
        ("Fetched", urls[2], 200, b"slept 3"),
        ("Failed", urls[3], "TimeoutError"),
        ("Failed", urls[4], "ConnectError"),
        ("Fetched", urls[5], 500, b"status 500"),
        ("Fetched", urls[6], 200, b"omega"),
    ], (
        "fetch_all() against a real HTTP server: a Fetched per response (any status), Failed "
        "with httpx.ConnectError for a refused connection and TimeoutError for a request over "
        "its timeout, in the order of urls"
    )
    assert (real_server.peak, sorted(real_server.paths)) == (2, sorted(u.removeprefix(base) for u in urls if u.startswith(base))), (
        "fetch_all(limit=2) against a real HTTP server: each URL is requested once, at most 2 at "
        "a time, and 2 at a time while two slow requests run"
    )
