"""SQL of a session's exports: its arrows as CSV (COPY) and the rows of its score sheet.

Callers check that the viewer may see the session first (``models.session``); a session
member sees every slot of it, as the session view does.
"""

from collections.abc import Callable, Coroutine
from typing import Any
from uuid import UUID

import asyncpg

from quiver.core.db import Connection

# Text a spreadsheet would run as a formula gets a leading quote (OWASP "CSV injection"):
# the only free text of the export is the archer's name.
_NO_FORMULA = "CASE WHEN {text} ~ '^[-=+@\\t\\r]' THEN '''' || {text} ELSE {text} END"

_CSV_QUERY = f"""SELECT sl.archer_id,
        {_NO_FORMULA.format(text="(a.first_name || ' ' || a.last_name)")} AS archer_name,
        sl.id AS slot_id, sl.lane, sl.letter, sl.round_code, s.face_type, s.distance_m,
        s.end_number, s.position, s.value_label, s.value,
        CASE WHEN s.is_x THEN 'true' ELSE 'false' END AS is_x, s.x_mm, s.y_mm,
        s.arrow_number,
        to_char(s.shot_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS shot_at,
        s.id AS shot_id
    FROM slot sl
    JOIN archer a ON a.id = sl.archer_id
    JOIN shot s ON s.slot_id = sl.id
    WHERE sl.session_id = $1
    ORDER BY sl.lane, sl.letter, sl.joined_at, sl.id, s.seq"""


async def copy_session_csv(
    conn: Connection, session_id: UUID, write: Callable[[bytes], Coroutine[Any, Any, None]]
) -> None:
    """Write a session's arrows as CSV with a header row (see exportSessionCsv) to ``write``,
    as PostgreSQL renders them: floats in their shortest exact form."""
    await conn.copy_from_query(
        _CSV_QUERY, session_id, output=write, format="csv", header=True, null=""
    )


async def select_score_sheet_slots(conn: Connection, session_id: UUID) -> list[asyncpg.Record]:
    """The slots of a session with their archer and totals, by lane and letter."""
    return await conn.fetch(
        """SELECT sl.id, a.first_name || ' ' || a.last_name AS archer_name, sl.lane, sl.letter,
                sl.round_code, sl.face_type, sl.distance, sl.distance_unit, sl.is_active,
                sa.arrows, sa.total, sa.max_total, sa.ten_count, sa.arrows_x, sa.arrows_m
            FROM slot sl
            JOIN archer a ON a.id = sl.archer_id
            JOIN slot_aggregate sa ON sa.slot_id = sl.id
            WHERE sl.session_id = $1
            ORDER BY sl.lane, sl.letter, sl.joined_at, sl.id""",
        session_id,
    )


async def select_score_sheet_shots(conn: Connection, session_id: UUID) -> list[asyncpg.Record]:
    """The arrows of a session's slots, by slot, end and position."""
    return await conn.fetch(
        """SELECT s.slot_id, s.end_number, s.position, s.value, s.value_label
            FROM shot s JOIN slot sl ON sl.id = s.slot_id
            WHERE sl.session_id = $1
            ORDER BY s.slot_id, s.end_number, s.position""",
        session_id,
    )
