"""SQL for the ``idempotency_key`` table."""

from uuid import UUID

import asyncpg

from quiver.core.db import Connection


async def insert_idempotency_claim(
    conn: Connection, scope: UUID, key: str, operation: str, request_hash: bytes
) -> bool:
    """Claim a key for this request; False when it is already taken.

    A claim held by a transaction still in flight makes this wait for it to finish.
    """
    row = await conn.fetchrow(
        """INSERT INTO idempotency_key (scope, key, operation, request_hash, status_code,
               response_body)
           VALUES ($1, $2, $3, $4, 0, '')
           ON CONFLICT DO NOTHING
           RETURNING 1""",
        scope,
        key,
        operation,
        request_hash,
    )
    return row is not None


async def select_idempotency_key(conn: Connection, scope: UUID, key: str) -> asyncpg.Record | None:
    """A stored key with the response it produced."""
    return await conn.fetchrow(
        """SELECT operation, request_hash, status_code, response_body FROM idempotency_key
           WHERE scope = $1 AND key = $2""",
        scope,
        key,
    )


async def update_idempotency_response(
    conn: Connection, scope: UUID, key: str, status_code: int, response_body: bytes
) -> None:
    """Store the response of a claimed key."""
    await conn.execute(
        """UPDATE idempotency_key SET status_code = $3, response_body = $4
           WHERE scope = $1 AND key = $2""",
        scope,
        key,
        status_code,
        response_body,
    )
