"""SQL of models/token.py."""

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import asyncpg
import pytest

from quiver.core.db import Connection
from quiver.core.security import new_token
from quiver.models import archer as archer_model
from quiver.models import housekeeping as housekeeping_model
from quiver.models import token as token_model


async def _archer_id(conn: Connection) -> UUID:
    row = await archer_model.insert_archer(
        conn,
        email="t@example.org",
        password_hash="h",
        first_name="T",
        last_name="T",
        bowstyle="recurve",
        draw_weight_lb=30,
        date_of_birth=None,
        gender=None,
    )
    archer_id: UUID = row["id"]
    return archer_id


def _in(hours: float) -> datetime:
    return datetime.now(UTC) + timedelta(hours=hours)


async def test_an_inserted_token_is_active_until_revoked(conn: Connection) -> None:
    archer_id = await _archer_id(conn)
    _, digest = new_token()
    stored = await token_model.insert_token(conn, archer_id, digest, _in(1))
    active = await token_model.select_active_token(conn, digest)
    assert active is not None and active["id"] == stored["id"]
    assert active["archer_id"] == archer_id
    await token_model.update_token_revoke(conn, stored["id"])
    assert await token_model.select_active_token(conn, digest) is None


async def test_an_expired_token_is_not_active(conn: Connection) -> None:
    archer_id = await _archer_id(conn)
    _, digest = new_token()
    stored = await token_model.insert_token(conn, archer_id, digest, _in(1))
    await conn.execute(
        """UPDATE archer_token SET created_at = now() - interval '2 hours',
               expires_at = now() - interval '1 hour' WHERE id = $1""",
        stored["id"],
    )
    assert await token_model.select_active_token(conn, digest) is None


async def test_only_the_digest_is_stored_and_it_is_unique(conn: Connection) -> None:
    archer_id = await _archer_id(conn)
    token, digest = new_token()
    await token_model.insert_token(conn, archer_id, digest, _in(1))
    stored = await conn.fetchval("SELECT token_hash FROM archer_token")
    assert stored == digest and token.encode() not in stored
    with pytest.raises(asyncpg.UniqueViolationError):
        await token_model.insert_token(conn, archer_id, digest, _in(1))


async def test_deleting_the_archer_deletes_its_tokens(conn: Connection) -> None:
    archer_id = await _archer_id(conn)
    _, digest = new_token()
    await token_model.insert_token(conn, archer_id, digest, _in(1))
    await archer_model.delete_archer(conn, archer_id)
    assert await conn.fetchval("SELECT count(*) FROM archer_token") == 0


async def _personal(
    conn: Connection, archer_id: UUID, *, days: int | None = 30, scopes: list[str] | None = None
) -> tuple[asyncpg.Record, bytes]:
    _, digest = new_token()
    row = await token_model.insert_personal_token(
        conn,
        archer_id,
        digest,
        name="Tablet",
        scopes=scopes or ["shots:write"],
        hint="abcd",
        expires_in_days=days,
    )
    return row, digest


async def test_a_personal_token_without_expiry_is_stored_as_infinity_and_shown_as_none(
    conn: Connection,
) -> None:
    archer_id = await _archer_id(conn)
    row, digest = await _personal(conn, archer_id, days=None)
    assert row["expires_at"] is None
    assert await conn.fetchval("SELECT expires_at = 'infinity' FROM archer_token") is True
    assert await token_model.select_active_token(conn, digest) is not None


async def test_a_personal_token_that_never_expires_is_not_purged(conn: Connection) -> None:
    archer_id = await _archer_id(conn)
    await _personal(conn, archer_id, days=None)
    assert await housekeeping_model.delete_dead_tokens(conn) == 0
    assert await conn.fetchval("SELECT count(*) FROM archer_token") == 1


async def test_the_scope_lookup_stamps_last_use_at_most_once_a_minute(conn: Connection) -> None:
    archer_id = await _archer_id(conn)
    row, digest = await _personal(conn, archer_id, scopes=["profile:read", "stats:read"])
    found = await token_model.select_token_scopes_touch(conn, digest)
    assert found is not None and found["scopes"] == ["profile:read", "stats:read"]
    stamped = await conn.fetchval("SELECT last_used_at FROM archer_token WHERE id = $1", row["id"])
    assert stamped is not None
    await conn.execute(
        "UPDATE archer_token SET last_used_at = now() - interval '59 seconds' WHERE id = $1",
        row["id"],
    )
    await token_model.select_token_scopes_touch(conn, digest)
    recent = await conn.fetchval("SELECT now() - last_used_at FROM archer_token")
    assert recent == timedelta(seconds=59)
    await conn.execute(
        "UPDATE archer_token SET last_used_at = now() - interval '61 seconds' WHERE id = $1",
        row["id"],
    )
    await token_model.select_token_scopes_touch(conn, digest)
    assert await conn.fetchval("SELECT now() - last_used_at FROM archer_token") == timedelta(0)


async def test_the_scope_lookup_finds_login_tokens_with_every_scope_and_no_revoked_one(
    conn: Connection,
) -> None:
    archer_id = await _archer_id(conn)
    _, login_digest = new_token()
    await token_model.insert_token(conn, archer_id, login_digest, _in(1))
    login = await token_model.select_token_scopes_touch(conn, login_digest)
    assert login is not None and login["scopes"] is None
    row, digest = await _personal(conn, archer_id)
    assert await token_model.update_personal_token_revoke(conn, archer_id, row["id"])
    assert await token_model.select_token_scopes_touch(conn, digest) is None
    assert not await token_model.update_personal_token_revoke(conn, archer_id, row["id"])


@pytest.mark.parametrize("scopes", [["account"], [], ["shots:write"] * 9])
async def test_the_database_refuses_scopes_the_contract_does_not_grant(
    conn: Connection, scopes: list[str]
) -> None:
    archer_id = await _archer_id(conn)
    with pytest.raises(asyncpg.CheckViolationError):
        await token_model.insert_personal_token(
            conn,
            archer_id,
            new_token()[1],
            name="Tablet",
            scopes=scopes,
            hint="abcd",
            expires_in_days=1,
        )


async def test_a_login_token_has_no_name_or_scopes(conn: Connection) -> None:
    archer_id = await _archer_id(conn)
    with pytest.raises(asyncpg.CheckViolationError):
        await conn.execute(
            """INSERT INTO archer_token (archer_id, token_hash, expires_at, scopes)
               VALUES ($1, $2, now() + interval '1 hour', ARRAY['shots:write'])""",
            archer_id,
            new_token()[1],
        )


async def test_personal_tokens_are_listed_newest_first_and_only_the_archers_own(
    conn: Connection,
) -> None:
    archer_id = await _archer_id(conn)
    rows = [(await _personal(conn, archer_id))[0] for _ in range(3)]
    # One transaction shares one now(): the id breaks the tie, as in the keyset.
    expected = sorted(rows, key=lambda row: (row["created_at"], row["id"]), reverse=True)
    page = await token_model.select_personal_tokens_page(conn, archer_id, after=None, limit=2)
    assert [row["id"] for row in page] == [row["id"] for row in expected[:2]]
    last = page[-1]
    rest = await token_model.select_personal_tokens_page(
        conn, archer_id, after=(last["created_at"], last["id"]), limit=2
    )
    assert [row["id"] for row in rest] == [expected[2]["id"]]
    assert await token_model.select_personal_token(conn, uuid4(), rows[0]["id"]) is None
