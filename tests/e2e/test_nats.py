"""The live channel over NATS (QUIVER_BROKER_URL): two real `quiver serve` processes on one
database and a real `nats-server`, a viewer on each process.

Every change written through either server reaches both viewers once, in commit order, with
the same event ids; and a restart of nats-server in the middle of a stream of writes loses no
committed change: the relay keeps what the broker did not take, and each process reads back
from the outbox what it missed while disconnected.
"""

import asyncio
import shutil
import socket
import subprocess
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from websockets.asyncio.client import ClientConnection, connect

from conftest import ArcherAccount, fresh_database, join, open_session
from tests.e2e.test_ws_processes import account, channel, quiver_serve

NATS_SERVER = shutil.which("nats-server") or "/usr/sbin/nats-server"
# This test's own port range (nats-server included).
PORTS = range(18500, 18550)
SCRATCH = Path("/tmp/nats")
# Fast enough that a test never waits on a poll, and a standby relay takes over quickly.
SERVE_SETTINGS = {"outbox_poll_seconds": "0.05", "ws_listener_retry_seconds": "0.2"}


@pytest.fixture
def shared_database(server_dsn: str, worker_id: str) -> Iterator[str]:
    with fresh_database(server_dsn, "quiver_nats_e2e", worker_id) as url:
        yield url


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS}")


class NatsServer:
    """A `nats-server` on 127.0.0.1, which the test can stop and start again on its port."""

    def __init__(self) -> None:
        if not Path(NATS_SERVER).exists():
            pytest.fail(
                "nats-server is not installed (Debian: apt-get install nats-server; "
                "`make test` installs it): the NATS tests need a real server"
            )
        self.port = _free_port()
        self.url = f"nats://127.0.0.1:{self.port}"
        self._process: subprocess.Popen[bytes] | None = None

    async def start(self) -> None:
        SCRATCH.mkdir(parents=True, exist_ok=True)
        # Outlives this call: ``stop`` ends it.
        self._process = subprocess.Popen(  # pylint: disable=consider-using-with
            [NATS_SERVER, "-a", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        async with asyncio.timeout(10):
            while True:
                assert self._process.poll() is None, "nats-server exited during start-up"
                try:
                    _, writer = await asyncio.open_connection("127.0.0.1", self.port)
                except OSError:
                    await asyncio.sleep(0.05)
                    continue
                writer.close()
                return

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None


@asynccontextmanager
async def nats_server() -> AsyncIterator[NatsServer]:
    server = NatsServer()
    await server.start()
    try:
        yield server
    finally:
        server.stop()


class Watcher:
    """A viewer's events (not its snapshots or heartbeats), collected as they arrive."""

    def __init__(self, websocket: ClientConnection) -> None:
        self.websocket = websocket
        self.events: list[dict[str, Any]] = []
        self._task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for frame in self.websocket:
            message = orjson.loads(frame)
            if message["type"] not in ("session.snapshot", "heartbeat"):
                self.events.append(message)

    async def wait_for(self, count: int, timeout: float = 30) -> list[dict[str, Any]]:
        """The events once ``count`` arrived (then a moment more, to catch a duplicate)."""
        async with asyncio.timeout(timeout):
            while len(self.events) < count:
                assert not self._task.done(), "the viewer's connection ended"
                await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)
        return list(self.events)

    async def close(self) -> None:
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)


async def _watch(
    http: httpx.AsyncClient, owner: ArcherAccount, base_url: str, session_id: str
) -> Watcher:
    websocket = await connect(await channel(http, owner, base_url, session_id))
    snapshot = orjson.loads(await asyncio.wait_for(websocket.recv(), 10))
    assert snapshot["type"] == "session.snapshot"
    return Watcher(websocket)


async def _shoot(http: httpx.AsyncClient, owner: ArcherAccount, slot_id: str) -> dict[str, Any]:
    posted = await http.post(
        f"/api/v0/slot/{slot_id}/shot",
        json={"arrows": [{"x_mm": 10.0, "y_mm": -5.0}]},
        headers=owner.headers,
    )
    assert posted.status_code == 201, posted.text
    shot: dict[str, Any] = posted.json()["items"][0]
    return shot


def _assert_same_stream(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> None:
    ids = [event["event_id"] for event in first]
    assert len(set(ids)) == len(ids), "an event was delivered twice"
    assert ids == [event["event_id"] for event in second], "both viewers, same events, same order"


async def _write_every_kind(
    a: httpx.AsyncClient,
    b: httpx.AsyncClient,
    owner: ArcherAccount,
    session_id: str,
    viewers: list[Watcher],
) -> list[dict[str, Any]]:
    """Through both servers: a join, four arrows, an update, a delete, a leave and a session
    update; returns the arrows."""
    slot = await join(b, owner, session_id)
    shots = [await _shoot(http, owner, slot["id"]) for http in (a, b, a, b)]
    # Rendered before the delete below (an event of a deleted shot says nothing).
    for viewer in viewers:
        await viewer.wait_for(5)
    updated = await b.patch(
        f"/api/v0/shot/{shots[0]['id']}",
        json={"x_mm": 0.0, "y_mm": 0.0},
        headers=owner.headers,
    )
    assert updated.status_code == 200, updated.text
    deleted = await a.delete(f"/api/v0/shot/{shots[1]['id']}", headers=owner.headers)
    assert deleted.status_code == 204, deleted.text
    left = await a.post(f"/api/v0/slot/{slot['id']}/leave", headers=owner.headers)
    assert left.status_code == 200, left.text
    renamed = await b.patch(
        f"/api/v0/session/{session_id}",
        json={"location": "Nottingham range"},
        headers=owner.headers,
    )
    assert renamed.status_code == 200, renamed.text
    return shots


@asynccontextmanager
async def _range(
    database_url: str,
) -> AsyncIterator[tuple[NatsServer, httpx.AsyncClient, httpx.AsyncClient]]:
    """A nats-server and two `quiver serve` processes using it, with a client of each."""
    async with nats_server() as nats:
        settings = {**SERVE_SETTINGS, "broker_url": nats.url}
        async with (
            quiver_serve(database_url, **settings) as (url_a, _),
            quiver_serve(database_url, **settings) as (url_b, _),
            httpx.AsyncClient(base_url=url_a, timeout=10) as a,
            httpx.AsyncClient(base_url=url_b, timeout=10) as b,
        ):
            yield nats, a, b


async def _viewers(
    a: httpx.AsyncClient, b: httpx.AsyncClient, owner: ArcherAccount, session_id: str
) -> list[Watcher]:
    """A viewer of the session on each server."""
    return [
        await _watch(a, owner, str(a.base_url).rstrip("/"), session_id),
        await _watch(a, owner, str(b.base_url).rstrip("/"), session_id),
    ]


async def test_nats_delivers_every_change_once_in_order_to_viewers_of_both_servers(
    shared_database: str,
) -> None:
    async with _range(shared_database) as (_, a, b):
        owner = await account(a)
        session_id = await open_session(a, owner)
        viewers = await _viewers(a, b, owner, session_id)
        shots = await _write_every_kind(a, b, owner, session_id, viewers)
        expected = ["slot.joined"] + ["shot.created"] * 4
        expected += ["shot.updated", "shot.deleted", "slot.left", "session.updated"]
        received = [await viewer.wait_for(len(expected)) for viewer in viewers]
        for events in received:
            assert [event["type"] for event in events] == expected
        _assert_same_stream(*received)
        created = [event["data"]["shots"][0]["id"] for event in received[0][1:5]]
        assert created == [shot["id"] for shot in shots]
        for viewer in viewers:
            await viewer.close()


async def test_a_nats_restart_loses_no_committed_change(shared_database: str) -> None:
    async with _range(shared_database) as (nats, a, b):
        owner = await account(a)
        session_id = await open_session(a, owner)
        slot = await join(a, owner, session_id)
        viewers = await _viewers(a, b, owner, session_id)
        shots: list[dict[str, Any]] = []
        for round_ in range(3):
            if round_ == 1:
                nats.stop()
            if round_ == 2:
                await nats.start()
            # Writes never wait for the broker: they commit to the outbox.
            for http in (a, b) * 4:
                shots.append(await _shoot(http, owner, slot["id"]))
        for http in (a, b):
            async with asyncio.timeout(30):
                while (await http.get("/health/ready")).status_code != 200:
                    await asyncio.sleep(0.1)
        # And after the outage, the channel carries new writes as before.
        shots.append(await _shoot(b, owner, slot["id"]))
        received = [await viewer.wait_for(len(shots)) for viewer in viewers]
        for events in received:
            assert [event["type"] for event in events] == ["shot.created"] * len(shots)
            assert [event["data"]["shots"][0]["id"] for event in events] == [
                shot["id"] for shot in shots
            ]
        _assert_same_stream(*received)
        for viewer in viewers:
            await viewer.close()
