"""`quiver serve` behind Debian's PgBouncer in transaction mode, as in production.

The request path goes through PgBouncer with a server pool smaller than the app's own pool
(2 server connections for 8 client connections), so consecutive transactions of one client
connection run on different server connections; migrations and the live channel's LISTEN go
to PostgreSQL directly (QUIVER_DIRECT_DATABASE_URL). PgBouncer 1.18 keeps no prepared
statement across transactions: with asyncpg's statement cache on, this flow fails with
"prepared statement ... does not exist".
"""

import asyncio
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import asyncpg
import httpx
import orjson
import pytest
from websockets.asyncio.client import ClientConnection, connect

from conftest import ArcherAccount, free_port, fresh_database, join, open_session
from tests.e2e.test_ws_processes import account, channel, quiver_serve

PGBOUNCER = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
SERVER_POOL_SIZE = 2
APP_POOL_SIZE = 8
# What PgBouncer's server connections call themselves, to count them in pg_stat_activity.
SERVER_NAME = "via_pgbouncer"
ARCHERS = 4
POSTS_PER_ARCHER = 5


@dataclass(frozen=True)
class Bouncer:
    """A running PgBouncer: the DSN of the database through it, and its log."""

    url: str
    log: Path


def _server_address(dsn: str) -> tuple[str, int, str, str, str | None]:
    """Host (a name or a socket directory), port, database, user and password of ``dsn``."""
    parts = urlsplit(dsn)
    host = parse_qs(parts.query).get("host", [parts.hostname or "127.0.0.1"])[0]
    return (
        host,
        parts.port or 5432,
        parts.path.lstrip("/"),
        parts.username or "postgres",
        parts.password or None,
    )


def _run_as(host: str) -> list[str]:
    """PgBouncer refuses to run as root: under root, it runs as the owner of the server's
    socket directory (the embedded server's own user), who may connect to it."""
    if os.geteuid() != 0:
        return []
    owner = Path(host).stat().st_uid if host.startswith("/") else 0
    return ["-u", pwd.getpwuid(owner).pw_name if owner else "nobody"]


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"pgbouncer exited: {log.read_text(encoding='utf-8')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail("pgbouncer did not listen within 15 s")


@pytest.fixture(scope="module")
def direct_url(server_dsn: str, worker_id: str) -> Iterator[str]:
    with fresh_database(server_dsn, "quiver_pgbouncer", worker_id) as url:
        yield url


@pytest.fixture(scope="module")
def bouncer(direct_url: str) -> Iterator[Bouncer]:
    """PgBouncer in transaction mode in front of ``direct_url``'s database."""
    if not Path(PGBOUNCER).exists():
        pytest.fail(
            "pgbouncer is not installed: `make install` installs it (apt-get install pgbouncer)",
            pytrace=False,
        )
    host, port, database, user, password = _server_address(direct_url)
    listen_port = free_port()
    with tempfile.TemporaryDirectory(prefix="quiver-pgbouncer-") as scratch:
        directory = Path(scratch)
        # Read by PgBouncer after it has switched to its own user.
        directory.chmod(0o755)
        server = f"host={host} port={port} dbname={database} user={user}"
        if password:
            server += f" password={password}"
        # lock_timeout cannot come from the client through PgBouncer (it refuses the startup
        # parameter): the pooler sets it on each server connection, as the README says.
        config = directory / "pgbouncer.ini"
        config.write_text(
            f"""[databases]
{database} = {server} connect_query='SET lock_timeout = 5000; SET application_name = {SERVER_NAME}'

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {listen_port}
unix_socket_dir =
auth_type = trust
auth_file = {directory / "userlist.txt"}
pool_mode = transaction
default_pool_size = {SERVER_POOL_SIZE}
reserve_pool_size = 0
max_client_conn = 100
""",
            encoding="utf-8",
        )
        (directory / "userlist.txt").write_text(f'"{user}" ""\n', encoding="utf-8")
        for path in directory.iterdir():
            path.chmod(0o644)
        log = directory / "pgbouncer.log"
        with (
            log.open("wb") as output,
            subprocess.Popen(
                [PGBOUNCER, *_run_as(host), str(config)], stdout=output, stderr=output
            ) as process,
        ):
            try:
                _wait_for_port(listen_port, process, log)
                yield Bouncer(f"postgresql://{quote(user)}@127.0.0.1:{listen_port}/{database}", log)
            finally:
                process.terminate()
                process.wait(timeout=10)


async def _events_until(
    viewer: ClientConnection, wanted: set[tuple[str, str]]
) -> list[dict[str, Any]]:
    """Every event the viewer gets until it has seen each (type, shot id) of ``wanted``."""
    seen: list[dict[str, Any]] = []
    missing = set(wanted)
    async with asyncio.timeout(20):
        while missing:
            event = orjson.loads(await viewer.recv())
            seen.append(event)
            data = event.get("data", {})
            if event["type"] == "shot.created":
                missing -= {("shot.created", shot["id"]) for shot in data["shots"]}
            elif event["type"] == "shot.updated":
                missing.discard(("shot.updated", data["shot"]["id"]))
            elif event["type"] == "shot.deleted":
                missing.discard(("shot.deleted", data["shot_id"]))
    return seen


async def _record(
    http: httpx.AsyncClient, archer: ArcherAccount, slot_id: str
) -> list[dict[str, Any]]:
    """One archer's arrows, one request each, as fast as the server answers."""
    shots = []
    for number in range(POSTS_PER_ARCHER):
        response = await http.post(
            f"/api/v0/slot/{slot_id}/shot",
            json={"arrows": [{"x_mm": 10.0 * number, "y_mm": -5.0 * number}]},
            headers=archer.headers,
        )
        assert response.status_code == 201, response.text
        shots.extend(response.json()["items"])
    return shots


async def _all_pages(http: httpx.AsyncClient, archer: ArcherAccount, slot_id: str) -> list[Any]:
    """A slot's arrows, three to a page, following the cursors."""
    items: list[Any] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = await http.get(f"/api/v0/slot/{slot_id}/shot", params=params, headers=archer.headers)
        assert page.status_code == 200, page.text
        items.extend(page.json()["items"])
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return items


async def _server_connections(direct_url: str) -> int:
    """PgBouncer's server connections to the test database."""
    conn = await asyncpg.connect(direct_url)
    try:
        count: int = await conn.fetchval(
            """SELECT count(*) FROM pg_stat_activity
               WHERE datname = current_database() AND application_name = $1""",
            SERVER_NAME,
        )
        return count
    finally:
        await conn.close()


# One flow end to end: each step depends on the ones before it.
async def test_quiver_serves_every_request_through_pgbouncer_in_transaction_mode(  # pylint: disable=too-many-locals
    direct_url: str, bouncer: Bouncer
) -> None:
    async with quiver_serve(
        bouncer.url,
        direct_database_url=direct_url,
        database_pool_mode="transaction",
        postgres_pool_min_size=str(APP_POOL_SIZE),
        postgres_pool_max_size=str(APP_POOL_SIZE),
        rate_limit_requests_per_minute="1000000",
        rate_limit_login_per_email="0",
        rate_limit_login_per_address="0",
        rate_limit_register_per_address="0",
    ) as (base_url, _):
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
            owner, *archers = await asyncio.gather(*(account(http) for _ in range(ARCHERS + 1)))
            me = await http.get("/api/v0/archer/me", headers=owner.headers)
            assert me.status_code == 200 and me.json()["id"] == owner.id
            session_id = await open_session(http, owner)
            slots = await asyncio.gather(*(join(http, archer, session_id) for archer in archers))
            async with connect(await channel(http, owner, base_url, session_id)) as viewer:
                snapshot = orjson.loads(await asyncio.wait_for(viewer.recv(), 10))
                assert snapshot["type"] == "session.snapshot"

                recorded = await asyncio.gather(
                    *(_record(http, a, s["id"]) for a, s in zip(archers, slots, strict=True))
                )
                # A retried request with the same Idempotency-Key records nothing more.
                archer, slot_id = archers[0], slots[0]["id"]
                retried = [
                    await http.post(
                        f"/api/v0/slot/{slot_id}/shot",
                        json={"arrows": [{"value": "7"}]},
                        headers={**archer.headers, "Idempotency-Key": "pgbouncer-retry"},
                    )
                    for _ in range(2)
                ]
                assert [response.status_code for response in retried] == [201, 201]
                assert retried[1].json() == retried[0].json()
                recorded[0].extend(retried[0].json()["items"])

                moved, deleted = recorded[0][0], recorded[0][1]
                updated = await http.patch(
                    f"/api/v0/shot/{moved['id']}", json={"value": "8"}, headers=archer.headers
                )
                assert updated.status_code == 200, updated.text
                assert updated.json()["value"] == 8
                assert (
                    await http.delete(f"/api/v0/shot/{deleted['id']}", headers=archer.headers)
                ).status_code == 204
                recorded[0] = [
                    updated.json() if shot["id"] == moved["id"] else shot
                    for shot in recorded[0]
                    if shot["id"] != deleted["id"]
                ]

                # The viewer hears of every change through the direct LISTEN connection.
                await _events_until(
                    viewer,
                    {("shot.created", s["id"]) for shots in recorded for s in shots}
                    | {("shot.updated", moved["id"]), ("shot.deleted", deleted["id"])},
                )

            for archer, slot, shots in zip(archers, slots, recorded, strict=True):
                listed = await _all_pages(http, archer, slot["id"])
                assert [shot["id"] for shot in listed] == [shot["id"] for shot in shots]
                assert [shot["value"] for shot in listed] == [shot["value"] for shot in shots]
                statistics = await http.get(
                    f"/api/v0/slot/{slot['id']}/statistics", headers=archer.headers
                )
                assert statistics.status_code == 200, statistics.text
                assert statistics.json()["arrows_shot"] == len(shots)
                assert statistics.json()["total_score"] == sum(shot["value"] for shot in shots)

            # PgBouncer kept to its 2 server connections while the app held 8 of its own.
            assert 1 <= await _server_connections(direct_url) <= SERVER_POOL_SIZE
