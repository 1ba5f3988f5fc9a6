"""SQL for the ``archer_token`` table."""

from datetime import datetime
from uuid import UUID

import asyncpg

from quiver.core.db import Connection, Executor


async def insert_token(
    db: Executor, archer_id: UUID, token_hash: bytes, expires_at: datetime
) -> asyncpg.Record:
    """Store a new token's digest."""
    row = await db.fetchrow(
        """INSERT INTO archer_token (archer_id, token_hash, expires_at) VALUES ($1, $2, $3)
           RETURNING id, archer_id, expires_at""",
        archer_id,
        token_hash,
        expires_at,
    )
    assert row is not None
    return row


async def select_active_token(conn: Connection, token_hash: bytes) -> asyncpg.Record | None:
    """The unexpired, unrevoked token with this digest."""
    return await conn.fetchrow(
        """SELECT id, archer_id FROM archer_token
           WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()""",
        token_hash,
    )


async def update_token_revoke(conn: Connection, token_id: UUID) -> None:
    """Revoke one token."""
    await conn.execute(
        "UPDATE archer_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL",
        token_id,
    )
