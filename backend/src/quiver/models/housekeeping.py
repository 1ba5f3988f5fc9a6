"""SQL that purges what has expired: one statement per table, each in bounded batches."""

from quiver.core.db import Connection

# Rows deleted per statement: keeps each statement's locks and WAL short on a large backlog.
PURGE_BATCH = 5000


def _deleted(status: str) -> int:
    return int(status.split()[-1])


async def try_lock_housekeeping(conn: Connection, lock_key: int) -> bool:
    """Take the transaction-scoped advisory lock that lets one process purge at a time."""
    locked: bool = await conn.fetchval("SELECT pg_try_advisory_xact_lock($1)", lock_key)
    return locked


async def delete_idempotency_keys_older_than(conn: Connection, seconds: float) -> int:
    """Forget one batch of keys (and their stored responses) older than ``seconds``."""
    return _deleted(
        await conn.execute(
            """DELETE FROM idempotency_key WHERE ctid IN (
                   SELECT ctid FROM idempotency_key
                   WHERE created_at < now() - make_interval(secs => $1) LIMIT $2)""",
            seconds,
            PURGE_BATCH,
        )
    )


async def delete_dead_tokens(conn: Connection) -> int:
    """Delete one batch of expired or revoked access tokens (their tickets cascade)."""
    return _deleted(
        await conn.execute(
            """DELETE FROM archer_token WHERE id IN (
                   SELECT id FROM archer_token
                   WHERE expires_at < now() OR revoked_at IS NOT NULL LIMIT $1)""",
            PURGE_BATCH,
        )
    )


async def delete_expired_tickets(conn: Connection) -> int:
    """Delete one batch of live-channel tickets that can no longer be used."""
    return _deleted(
        await conn.execute(
            """DELETE FROM ws_ticket WHERE ticket_hash IN (
                   SELECT ticket_hash FROM ws_ticket WHERE expires_at < now() LIMIT $1)""",
            PURGE_BATCH,
        )
    )


async def delete_expired_rate_limits(conn: Connection) -> int:
    """Delete one batch of rate-limit keys whose quota is whole again (their TAT has passed)."""
    return _deleted(
        await conn.execute(
            """DELETE FROM rate_limit WHERE key IN (
                   SELECT key FROM rate_limit WHERE tat < now() LIMIT $1)""",
            PURGE_BATCH,
        )
    )
