"""SQL for the ``bow`` table: one function per statement, always scoped to the owning archer."""

from datetime import datetime
from uuid import UUID

import asyncpg

from quiver.core.db import Connection
from quiver.models.paging import AFTER_OLDEST_FIRST, after_parameters

_COLUMNS = "id, name, bowstyle, draw_weight_lb, created_at, updated_at"


async def insert_bow(
    conn: Connection, archer_id: UUID, *, name: str, bowstyle: str, draw_weight_lb: float
) -> asyncpg.Record:
    """Insert a bow for ``archer_id``."""
    row = await conn.fetchrow(
        f"""INSERT INTO bow (archer_id, name, bowstyle, draw_weight_lb) VALUES ($1, $2, $3, $4)
            RETURNING {_COLUMNS}""",
        archer_id,
        name,
        bowstyle,
        draw_weight_lb,
    )
    assert row is not None
    return row


async def select_bows_page(
    conn: Connection, archer_id: UUID, *, after: tuple[datetime, UUID] | None, limit: int
) -> list[asyncpg.Record]:
    """Up to ``limit`` of the archer's bows, oldest first, after the (created_at, id)
    ``after``."""
    return await conn.fetch(
        f"SELECT {_COLUMNS} FROM bow WHERE archer_id = $1 AND {AFTER_OLDEST_FIRST}",
        archer_id,
        *after_parameters(after),
        limit,
    )


async def select_bow(conn: Connection, archer_id: UUID, bow_id: UUID) -> asyncpg.Record | None:
    """One of the archer's bows; another archer's is not found."""
    return await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM bow WHERE archer_id = $1 AND id = $2", archer_id, bow_id
    )


async def select_bow_for_update(
    conn: Connection, archer_id: UUID, bow_id: UUID
) -> asyncpg.Record | None:
    """One of the archer's bows, locked until the end of the transaction."""
    return await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM bow WHERE archer_id = $1 AND id = $2 FOR UPDATE",
        archer_id,
        bow_id,
    )


async def update_bow(
    conn: Connection,
    archer_id: UUID,
    bow_id: UUID,
    *,
    name: str,
    bowstyle: str,
    draw_weight_lb: float,
) -> asyncpg.Record | None:
    """Overwrite one of the archer's bows."""
    return await conn.fetchrow(
        f"""UPDATE bow SET name = $3, bowstyle = $4, draw_weight_lb = $5, updated_at = now()
            WHERE archer_id = $1 AND id = $2
            RETURNING {_COLUMNS}""",
        archer_id,
        bow_id,
        name,
        bowstyle,
        draw_weight_lb,
    )


async def delete_bow(conn: Connection, archer_id: UUID, bow_id: UUID) -> bool:
    """Delete one of the archer's bows; slots that used it forget it (ON DELETE SET NULL)."""
    status = await conn.execute(
        "DELETE FROM bow WHERE archer_id = $1 AND id = $2", archer_id, bow_id
    )
    return status == "DELETE 1"
