"""SQL of models/token.py."""

from datetime import UTC, datetime, timedelta
from uuid import UUID

import asyncpg
import pytest

from quiver.core.db import Connection
from quiver.core.security import new_token
from quiver.models import archer as archer_model
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
