"""SQL for the ``practice_session`` table: one function per statement.

A session is visible to its owner and to every archer who has (or had) a slot in it; the
``*_visible_*`` statements apply that rule in SQL, so an invisible session is simply no row.
"""

from datetime import datetime
from uuid import UUID

import asyncpg

from quiver.core.db import Connection

_COLUMNS = """id, owner_archer_id, is_opened, start_time, location, is_indoor, distance,
    created_at, updated_at, closed_at"""

# $2 is the viewer; the slot_session_archer_key index answers the EXISTS.
_VISIBLE_TO_2 = """(owner_archer_id = $2
    OR EXISTS (SELECT 1 FROM slot WHERE slot.session_id = practice_session.id
               AND slot.archer_id = $2))"""


async def insert_session(
    conn: Connection,
    *,
    owner_archer_id: UUID,
    is_opened: bool,
    start_time: datetime,
    location: str,
    is_indoor: bool,
    distance: float,
) -> asyncpg.Record:
    """Insert a session; a closed one is stamped ``closed_at`` now."""
    row = await conn.fetchrow(
        f"""INSERT INTO practice_session (owner_archer_id, is_opened, start_time, location,
                is_indoor, distance, closed_at)
            VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $2 THEN NULL ELSE now() END)
            RETURNING {_COLUMNS}""",
        owner_archer_id,
        is_opened,
        start_time,
        location,
        is_indoor,
        distance,
    )
    assert row is not None
    return row


async def select_visible_session(
    conn: Connection, session_id: UUID, viewer_id: UUID
) -> asyncpg.Record | None:
    """One session, if ``viewer_id`` owns it or has a slot in it."""
    return await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM practice_session WHERE id = $1 AND {_VISIBLE_TO_2}",
        session_id,
        viewer_id,
    )


async def select_visible_session_for_update(
    conn: Connection, session_id: UUID, viewer_id: UUID
) -> asyncpg.Record | None:
    """One visible session, locked until the end of the transaction."""
    return await conn.fetchrow(
        f"""SELECT {_COLUMNS} FROM practice_session WHERE id = $1 AND {_VISIBLE_TO_2}
            FOR UPDATE""",
        session_id,
        viewer_id,
    )


async def select_session_for_update(conn: Connection, session_id: UUID) -> asyncpg.Record | None:
    """One session whoever asks, locked: joins and re-joins of a session queue up behind it."""
    return await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM practice_session WHERE id = $1 FOR UPDATE", session_id
    )


async def select_sessions_page(
    conn: Connection,
    viewer_id: UUID,
    *,
    is_opened: bool | None,
    start_from: datetime | None,
    start_to: datetime | None,
    after: tuple[datetime, UUID] | None,
    limit: int,
) -> list[asyncpg.Record]:
    """Up to ``limit`` sessions the viewer owns or has a slot in, newest start first.

    ``after`` is the (start_time, id) of the last row of the previous page; None filters are off.
    """
    after_start, after_id = after if after is not None else (None, None)
    return await conn.fetch(
        f"""SELECT {_COLUMNS} FROM practice_session
            WHERE id IN (SELECT id FROM practice_session WHERE owner_archer_id = $1
                         UNION SELECT session_id FROM slot WHERE archer_id = $1)
              AND ($2::boolean IS NULL OR is_opened = $2)
              AND ($3::timestamptz IS NULL OR start_time >= $3)
              AND ($4::timestamptz IS NULL OR start_time < $4)
              AND ($5::timestamptz IS NULL OR (start_time, id) < ($5, $6::uuid))
            ORDER BY start_time DESC, id DESC
            LIMIT $7""",
        viewer_id,
        is_opened,
        start_from,
        start_to,
        after_start,
        after_id,
        limit,
    )


async def update_session(
    conn: Connection,
    session_id: UUID,
    *,
    is_opened: bool,
    start_time: datetime,
    location: str,
    is_indoor: bool,
    distance: float,
) -> asyncpg.Record | None:
    """Overwrite a session; closing stamps ``closed_at`` (kept if already closed), opening clears it."""
    return await conn.fetchrow(
        f"""UPDATE practice_session SET is_opened = $2, start_time = $3, location = $4,
                is_indoor = $5, distance = $6, updated_at = now(),
                closed_at = CASE WHEN $2 THEN NULL ELSE coalesce(closed_at, now()) END
            WHERE id = $1
            RETURNING {_COLUMNS}""",
        session_id,
        is_opened,
        start_time,
        location,
        is_indoor,
        distance,
    )


async def delete_session(conn: Connection, session_id: UUID) -> bool:
    """Delete a session; its slots and their shots go with it (ON DELETE CASCADE)."""
    status = await conn.execute("DELETE FROM practice_session WHERE id = $1", session_id)
    return status == "DELETE 1"
