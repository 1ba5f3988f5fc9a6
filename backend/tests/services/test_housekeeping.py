"""Housekeeping: what has expired is purged, and one process purges at a time."""

import asyncio

from httpx import AsyncClient

from conftest import SESSION_START, ArcherAccount, ArcherFactory
from quiver.app import create_app
from quiver.core.db import Pool
from quiver.core.settings import Settings
from quiver.services.housekeeping import LOCK_KEY, Purged, purge_expired

DAY = 24 * 3600


async def _age(pool: Pool, table: str, where: str, seconds: int) -> None:
    """Move a row's timestamps into the past, keeping its own checks (expiry after creation)."""
    shifted = {
        "idempotency_key": "created_at = created_at - make_interval(secs => $1)",
        "archer_token": "created_at = created_at - make_interval(secs => $1), "
        "expires_at = expires_at - make_interval(secs => $1)",
        "ws_ticket": "created_at = created_at - make_interval(secs => $1), "
        "expires_at = expires_at - make_interval(secs => $1)",
    }[table]
    await pool.execute(f"UPDATE {table} SET {shifted} WHERE {where}", seconds)


async def _count(pool: Pool, table: str) -> int:
    count: int = await pool.fetchval(f"SELECT count(*) FROM {table}")
    return count


async def _session_with_key(client: AsyncClient, account: ArcherAccount, key: str) -> str:
    created = await client.post(
        "/api/v0/session",
        json={
            "is_opened": True,
            "start_time": SESSION_START,
            "location": "Range",
            "is_indoor": False,
            "distance": 70,
        },
        headers={**account.headers, "Idempotency-Key": key},
    )
    assert created.status_code == 201, created.text
    session_id: str = created.json()["id"]
    return session_id


async def _ticket(client: AsyncClient, account: ArcherAccount, session_id: str) -> None:
    issued = await client.post(f"/api/v0/session/{session_id}/ws_ticket", headers=account.headers)
    assert issued.status_code == 201, issued.text


async def test_a_round_purges_only_what_has_expired(
    pool: Pool, client: AsyncClient, archer_factory: ArcherFactory
) -> None:
    archer, revoked, expired = [await archer_factory() for _ in range(3)]
    assert (await client.post("/api/v0/auth/logout", headers=revoked.headers)).status_code == 204
    await _age(pool, "archer_token", f"archer_id = '{expired.id}'", 8 * DAY)
    old_session = await _session_with_key(client, archer, "old")
    await _session_with_key(client, archer, "new")
    await _age(pool, "idempotency_key", "key = 'old'", DAY + 60)
    await _ticket(client, archer, old_session)
    await _ticket(client, archer, old_session)
    first = "ticket_hash = (SELECT ticket_hash FROM ws_ticket ORDER BY created_at LIMIT 1)"
    await _age(pool, "ws_ticket", first, 60)
    await pool.execute(
        "INSERT INTO rate_limit (key, tat, allowed) VALUES"
        " (sha256('idle'::bytea), now() - interval '1 second', true),"
        " (sha256('busy'::bytea), now() + interval '1 minute', false)"
    )

    async with pool.acquire() as conn:
        purged = await purge_expired(conn, DAY)

    assert purged == Purged(idempotency_keys=1, tokens=2, tickets=1, rate_limits=1)
    busy = await pool.fetchval("SELECT sha256('busy'::bytea)")
    assert await pool.fetchval("SELECT array_agg(key) FROM rate_limit") == [busy]
    assert await pool.fetchval("SELECT array_agg(key) FROM idempotency_key") == ["new"]
    assert await _count(pool, "archer_token") == 1
    assert await _count(pool, "ws_ticket") == 1
    me = await client.get("/api/v0/archer/me", headers=archer.headers)
    assert me.status_code == 200


async def test_a_round_skips_while_another_process_purges(pool: Pool) -> None:
    async with pool.acquire() as holder, holder.transaction():
        assert await holder.fetchval("SELECT pg_try_advisory_xact_lock($1)", LOCK_KEY)
        async with pool.acquire() as conn:
            assert await purge_expired(conn, DAY) is None
    async with pool.acquire() as conn:
        assert await purge_expired(conn, DAY) == Purged(0, 0, 0, 0)


async def test_the_app_purges_in_the_background(
    settings: Settings, pool: Pool, client: AsyncClient, archer: ArcherAccount
) -> None:
    """A second app on the same database, with a short interval, purges an aged key."""
    await _session_with_key(client, archer, "aged")
    await _age(pool, "idempotency_key", "true", 120)
    quick = create_app(
        settings.model_copy(
            update={"housekeeping_interval_seconds": 0.05, "idempotency_key_ttl_seconds": 60}
        )
    )
    async with quick.router.lifespan_context(quick):
        async with asyncio.timeout(10):
            while await _count(pool, "idempotency_key"):
                await asyncio.sleep(0.05)
