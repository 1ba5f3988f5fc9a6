"""SQL for the ``archer_token`` table."""

from datetime import datetime
from uuid import UUID

import asyncpg

from quiver.core.db import Connection, Executor
from quiver.models.visibility import caller_token_is


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


# A personal token as the API shows it: a token that never expires has expires_at 'infinity'.
_PERSONAL_COLUMNS = """id, name, scopes, hint, created_at,
    NULLIF(expires_at, 'infinity') AS expires_at, last_used_at"""
# Personal tokens that still authenticate; revoked and expired ones await the purge.
_USABLE_PERSONAL = "kind = 'personal' AND revoked_at IS NULL AND expires_at > now()"


async def insert_personal_token(
    conn: Connection,
    archer_id: UUID,
    token_hash: bytes,
    *,
    name: str,
    scopes: list[str],
    hint: str,
    expires_in_days: int | None,
) -> asyncpg.Record:
    """Store a new personal token's digest; no expiry (None) stores 'infinity'."""
    row = await conn.fetchrow(
        f"""INSERT INTO archer_token (archer_id, token_hash, kind, name, scopes, hint, expires_at)
            VALUES ($1, $2, 'personal', $3, $4, $5,
                    COALESCE(now() + make_interval(days => $6), 'infinity'))
            RETURNING {_PERSONAL_COLUMNS}""",
        archer_id,
        token_hash,
        name,
        scopes,
        hint,
        expires_in_days,
    )
    assert row is not None
    return row


async def select_personal_tokens_page(
    conn: Connection, archer_id: UUID, *, after: tuple[datetime, UUID] | None, limit: int
) -> list[asyncpg.Record]:
    """Up to ``limit`` of the archer's usable personal tokens, newest first, after ``after``
    (the created_at and id of the previous page's last row)."""
    after_created, after_id = after if after is not None else (None, None)
    return await conn.fetch(
        f"""SELECT {_PERSONAL_COLUMNS} FROM archer_token
            WHERE archer_id = $1 AND {_USABLE_PERSONAL}
              AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
            ORDER BY created_at DESC, id DESC
            LIMIT $4""",
        archer_id,
        after_created,
        after_id,
        limit,
    )


async def select_personal_token(
    conn: Connection, archer_id: UUID, token_id: UUID
) -> asyncpg.Record | None:
    """One of the archer's usable personal tokens."""
    return await conn.fetchrow(
        f"""SELECT {_PERSONAL_COLUMNS} FROM archer_token
            WHERE id = $2 AND archer_id = $1 AND {_USABLE_PERSONAL}""",
        archer_id,
        token_id,
    )


async def update_personal_token_secret(
    conn: Connection, archer_id: UUID, token_id: UUID, token_hash: bytes, hint: str
) -> asyncpg.Record | None:
    """Give one of the archer's usable personal tokens a new secret; None if there is none."""
    return await conn.fetchrow(
        f"""UPDATE archer_token SET token_hash = $3, hint = $4
            WHERE id = $2 AND archer_id = $1 AND {_USABLE_PERSONAL}
            RETURNING {_PERSONAL_COLUMNS}""",
        archer_id,
        token_id,
        token_hash,
        hint,
    )


async def update_personal_token_revoke(conn: Connection, archer_id: UUID, token_id: UUID) -> bool:
    """Revoke one of the archer's usable personal tokens; False if there is none."""
    row = await conn.fetchrow(
        f"""UPDATE archer_token SET revoked_at = now()
            WHERE id = $2 AND archer_id = $1 AND {_USABLE_PERSONAL}
            RETURNING 1""",
        archer_id,
        token_id,
    )
    return row is not None


async def select_token_scopes_touch(db: Executor, token_hash: bytes) -> asyncpg.Record | None:
    """The scopes of the usable token with this digest (NULL: every scope), stamping its
    ``last_used_at`` unless that is under a minute old; None if no such token."""
    return await db.fetchrow(
        f"""WITH caller AS (
                SELECT id, scopes, last_used_at FROM archer_token caller
                WHERE {caller_token_is("$1")}),
            touched AS (
                UPDATE archer_token t SET last_used_at = now() FROM caller
                WHERE t.id = caller.id
                  AND (caller.last_used_at IS NULL
                       OR caller.last_used_at < now() - interval '1 minute'))
            SELECT scopes FROM caller""",
        token_hash,
    )
