"""Every database path gives up after the acquire timeout: waiting for a pooled connection,
for a batch of the arrow writer, or for a lock. Such a request answers 503 and changes
nothing, so that its retry cannot write twice."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient, Response

from conftest import ArcherAccount, join, make_settings, open_session, shoot
from quiver.app import create_app

ACQUIRE_TIMEOUT_SECONDS = 0.3
# Far beyond the acquire timeout: only a request that waits for its lock gets this far.
HANG_GUARD_SECONDS = 20.0


@pytest.fixture
async def impatient_app(database_url: str) -> AsyncIterator[FastAPI]:
    """An app of its own, on the tests' database, whose acquire timeout is short (and whose
    command timeout is longer than the guard)."""
    application = create_app(
        make_settings(
            database_url,
            db_acquire_timeout_seconds=ACQUIRE_TIMEOUT_SECONDS,
            db_command_timeout_seconds=HANG_GUARD_SECONDS * 2,
        )
    )
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def impatient(impatient_app: FastAPI) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(
        transport=ASGITransport(app=impatient_app, raise_app_exceptions=False),
        base_url="http://test",
    ) as http:
        yield http


def assert_busy(response: Response) -> None:
    assert response.status_code == 503, response.text
    assert response.json()["code"] == "database_busy"
    assert response.headers["retry-after"] == "2"


async def test_arrow_writes_and_reads_blocked_by_a_table_lock_answer_503_and_store_nothing(
    client: AsyncClient,
    impatient: AsyncClient,
    archer: ArcherAccount,
    database_url: str,
) -> None:
    remembered = await join(client, archer, await open_session(client, archer))
    fresh = await join(client, archer, await open_session(client, archer))
    # Its context is now remembered: the next write goes through the batching writer.
    assert (await shoot(impatient, archer, remembered["id"], {"value": "9"})).status_code == 201
    arrows: dict[str, Any] = {"arrows": [{"value": "10"}]}
    keyed = {**archer.headers, "Idempotency-Key": "locked-end-1"}
    conn = await asyncpg.connect(database_url)
    try:
        transaction = conn.transaction()
        await transaction.start()
        await conn.execute("LOCK TABLE shot IN ACCESS EXCLUSIVE MODE")
        async with asyncio.timeout(HANG_GUARD_SECONDS):
            batched, alone, with_key, listed = await asyncio.gather(
                shoot(impatient, archer, remembered["id"], {"value": "10"}),
                shoot(impatient, archer, fresh["id"], {"value": "10"}),
                impatient.post(f"/api/v0/slot/{fresh['id']}/shot", json=arrows, headers=keyed),
                impatient.get(f"/api/v0/slot/{remembered['id']}/shot", headers=archer.headers),
            )
        assert (await conn.fetchval("SELECT count(*) FROM slot")) >= 2, "only shot is locked"
        await transaction.rollback()
    finally:
        await conn.close()
    for response in (batched, alone, with_key, listed):
        assert_busy(response)
    stored = await client.get(f"/api/v0/slot/{remembered['id']}/shot", headers=archer.headers)
    assert [shot["value"] for shot in stored.json()["items"]] == [9]
    untouched = await client.get(f"/api/v0/slot/{fresh['id']}/shot", headers=archer.headers)
    assert untouched.json()["items"] == []
    # The key was not spent: its retry runs, once.
    retried = await impatient.post(f"/api/v0/slot/{fresh['id']}/shot", json=arrows, headers=keyed)
    assert retried.status_code == 201 and "idempotent-replayed" not in retried.headers
    after = await client.get(f"/api/v0/slot/{fresh['id']}/shot", headers=archer.headers)
    assert [shot["value"] for shot in after.json()["items"]] == [10]


async def test_a_request_waiting_for_a_pooled_connection_gives_up_after_the_acquire_timeout(
    impatient_app: FastAPI, impatient: AsyncClient, archer: ArcherAccount, client: AsyncClient
) -> None:
    slot = await join(client, archer, await open_session(client, archer))
    url = f"/api/v0/slot/{slot['id']}/shot"
    pool = impatient_app.state.pool
    held = [await pool.acquire() for _ in range(pool.get_max_size())]
    try:
        async with asyncio.timeout(HANG_GUARD_SECONDS):
            # Both run their statements on the pool itself, not on a request's connection.
            listed, written = await asyncio.gather(
                impatient.get(url, headers=archer.headers),
                impatient.post(url, json={"arrows": [{"value": "8"}]}, headers=archer.headers),
            )
    finally:
        for conn in held:
            await pool.release(conn)
    for response in (listed, written):
        assert response.status_code == 503, response.text
        assert response.json()["code"] == "database_unavailable"
    assert (await impatient.get(url, headers=archer.headers)).json()["items"] == []
