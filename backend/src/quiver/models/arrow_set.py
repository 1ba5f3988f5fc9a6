"""SQL for the ``arrow_set`` table: one function per statement, always scoped to the owning archer."""

from datetime import datetime
from uuid import UUID

import asyncpg

from quiver.core.db import Connection
from quiver.models.paging import AFTER_OLDEST_FIRST, after_parameters

_COLUMNS = "id, name, shaft_diameter_mm, arrow_count, created_at, updated_at"


async def insert_arrow_set(
    conn: Connection, archer_id: UUID, *, name: str, shaft_diameter_mm: float, arrow_count: int
) -> asyncpg.Record:
    """Insert an arrow set for ``archer_id``."""
    row = await conn.fetchrow(
        f"""INSERT INTO arrow_set (archer_id, name, shaft_diameter_mm, arrow_count)
            VALUES ($1, $2, $3, $4)
            RETURNING {_COLUMNS}""",
        archer_id,
        name,
        shaft_diameter_mm,
        arrow_count,
    )
    assert row is not None
    return row


async def select_arrow_sets_page(
    conn: Connection, archer_id: UUID, *, after: tuple[datetime, UUID] | None, limit: int
) -> list[asyncpg.Record]:
    """Up to ``limit`` of the archer's arrow sets, oldest first, after the (created_at, id)
    ``after``."""
    return await conn.fetch(
        f"SELECT {_COLUMNS} FROM arrow_set WHERE archer_id = $1 AND {AFTER_OLDEST_FIRST}",
        archer_id,
        *after_parameters(after),
        limit,
    )


async def select_arrow_set(
    conn: Connection, archer_id: UUID, arrow_set_id: UUID
) -> asyncpg.Record | None:
    """One of the archer's arrow sets; another archer's is not found."""
    return await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM arrow_set WHERE archer_id = $1 AND id = $2",
        archer_id,
        arrow_set_id,
    )


async def select_arrow_set_for_update(
    conn: Connection, archer_id: UUID, arrow_set_id: UUID
) -> asyncpg.Record | None:
    """One of the archer's arrow sets, locked until the end of the transaction."""
    return await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM arrow_set WHERE archer_id = $1 AND id = $2 FOR UPDATE",
        archer_id,
        arrow_set_id,
    )


async def update_arrow_set(
    conn: Connection,
    archer_id: UUID,
    arrow_set_id: UUID,
    *,
    name: str,
    shaft_diameter_mm: float,
    arrow_count: int,
) -> asyncpg.Record | None:
    """Overwrite one of the archer's arrow sets; recorded shots keep their own diameter."""
    return await conn.fetchrow(
        f"""UPDATE arrow_set SET name = $3, shaft_diameter_mm = $4, arrow_count = $5,
                updated_at = now()
            WHERE archer_id = $1 AND id = $2
            RETURNING {_COLUMNS}""",
        archer_id,
        arrow_set_id,
        name,
        shaft_diameter_mm,
        arrow_count,
    )


async def delete_arrow_set(conn: Connection, archer_id: UUID, arrow_set_id: UUID) -> bool:
    """Delete one of the archer's arrow sets; slots that used it forget it (ON DELETE SET NULL)."""
    status = await conn.execute(
        "DELETE FROM arrow_set WHERE archer_id = $1 AND id = $2", archer_id, arrow_set_id
    )
    return status == "DELETE 1"
