"""Two `quiver serve` processes on one database, as behind a load balancer: an arrow recorded
through one reaches a viewer connected to the other, with the same event id as a viewer of the
writer's own process and without the writer's request id, and a stopping server says goodbye
(1001).
"""

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import orjson
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from conftest import (
    PASSWORD,
    ArcherAccount,
    free_port,
    fresh_database,
    join,
    open_session,
    registration_payload,
)
from quiver.schemas.events import CloseCode

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shared_database(server_dsn: str, worker_id: str) -> Iterator[str]:
    with fresh_database(server_dsn, "quiver_ws_e2e", worker_id) as url:
        yield url


@asynccontextmanager
async def quiver_serve(
    database_url: str, **settings: str
) -> AsyncIterator[tuple[str, subprocess.Popen[bytes]]]:
    """One `python -m quiver serve` on a free port, with these QUIVER_ settings besides the
    tests' own; its base URL and process."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("QUIVER_")}
    env.update(
        {
            "DATABASE_URL": database_url,
            "QUIVER_PORT": str(port),
            "QUIVER_ARGON2_TIME_COST": "1",
            "QUIVER_ARGON2_MEMORY_COST_KIB": "8",
            "QUIVER_WS_HEARTBEAT_SECONDS": "5",
            **{f"QUIVER_{name.upper()}": value for name, value in settings.items()},
        }
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "quiver", "serve"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base, timeout=2) as http:
            async with asyncio.timeout(60):
                while True:
                    assert process.poll() is None, "quiver serve exited during start-up"
                    try:
                        if (await http.get("/api/v0/face")).status_code == 200:
                            break
                    except httpx.TransportError:
                        await asyncio.sleep(0.1)
        yield base, process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


async def account(http: httpx.AsyncClient) -> ArcherAccount:
    """A registered, logged-in archer."""
    payload = registration_payload()
    registered = await http.post("/api/v0/archer", json=payload)
    assert registered.status_code == 201, registered.text
    login = await http.post(
        "/api/v0/auth/login", json={"email": payload["email"], "password": PASSWORD}
    )
    return ArcherAccount(registered.json()["id"], payload["email"], login.json()["access_token"])


async def channel(
    http: httpx.AsyncClient, viewer: ArcherAccount, base_url: str, session_id: str
) -> str:
    """The address of a session's live channel on the server at ``base_url``, with a ticket."""
    issued = await http.post(f"/api/v0/session/{session_id}/ws_ticket", headers=viewer.headers)
    assert issued.status_code == 201, issued.text
    address = base_url.replace("http", "ws", 1) + f"/ws/v0/session/{session_id}"
    return f"{address}?ticket={issued.json()['ticket']}"


async def test_ws_shot_posted_to_one_process_reaches_a_viewer_of_another(
    shared_database: str,
) -> None:
    async with (
        quiver_serve(shared_database) as (writer_url, _),
        quiver_serve(shared_database) as (reader_url, reader),
    ):
        async with httpx.AsyncClient(base_url=writer_url, timeout=10) as writer:
            owner = await account(writer)
            session_id = await open_session(writer, owner)
            slot = await join(writer, owner, session_id)
            async with (
                connect(await channel(writer, owner, reader_url, session_id)) as viewer,
                connect(await channel(writer, owner, writer_url, session_id)) as local_viewer,
            ):
                for websocket in (viewer, local_viewer):
                    snapshot = orjson.loads(await asyncio.wait_for(websocket.recv(), 10))
                    assert snapshot["type"] == "session.snapshot"
                posted = await writer.post(
                    f"/api/v0/slot/{slot['id']}/shot",
                    json={"arrows": [{"x_mm": 0.0, "y_mm": 0.0}]},
                    headers={**owner.headers, "X-Request-ID": "across-processes"},
                )
                assert posted.status_code == 201
                event = orjson.loads(await asyncio.wait_for(viewer.recv(), 10))
                local_event = orjson.loads(await asyncio.wait_for(local_viewer.recv(), 10))
                assert event["type"] == "shot.created"
                for received in (event, local_event):
                    assert "across-processes" not in orjson.dumps(received).decode()
                assert event["event_id"] == local_event["event_id"], "one change, one id"
                assert event["data"]["shots"] == posted.json()["items"]

                # The viewer's server stops: the viewer is told it is going away.
                reader.send_signal(signal.SIGTERM)
                with pytest.raises(ConnectionClosed) as closed:
                    while True:
                        await asyncio.wait_for(viewer.recv(), 10)
                assert closed.value.rcvd is not None
                assert closed.value.rcvd.code == CloseCode.GOING_AWAY
            assert await asyncio.to_thread(reader.wait, 20) == 0
