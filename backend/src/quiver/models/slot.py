"""SQL for the ``slot`` table: one function per statement.

A slot is read as a *view*: its row with the archer's name, its arrow set's diameter, the
session's indoor flag and its progress from its running aggregates, all in one statement.
"""

from uuid import UUID

import asyncpg

from quiver.core.db import Connection

_COLUMNS = """id, session_id, archer_id, lane, letter, distance, distance_unit, face_type,
    arrows_per_end, round_code, arrow_set_id, bow_id, next_seq, is_active, joined_at, left_at"""

_VIEW = """SELECT sl.id, sl.session_id, sl.archer_id,
        a.first_name || ' ' || a.last_name AS archer_name,
        sl.lane, sl.letter, sl.distance, sl.distance_unit, sl.face_type, sl.arrows_per_end,
        sl.round_code, sl.arrow_set_id, sl.bow_id, ars.shaft_diameter_mm, ps.is_indoor,
        sl.next_seq, sl.is_active, sl.joined_at, sl.left_at,
        progress.arrows AS arrows_shot, progress.ends AS ends_shot,
        progress.total AS total_score, progress.max_total AS max_possible_score
    FROM slot sl
    JOIN archer a ON a.id = sl.archer_id
    JOIN practice_session ps ON ps.id = sl.session_id
    LEFT JOIN arrow_set ars ON ars.id = sl.arrow_set_id
    -- The running aggregates (migration 0013): the same cost at any number of arrows.
    JOIN slot_aggregate progress ON progress.slot_id = sl.id"""

# The sessions visible to $2: those it owns and those it has (or had) a slot in.
_SESSIONS_VISIBLE_TO_2 = """(SELECT id FROM practice_session WHERE owner_archer_id = $2
    UNION SELECT session_id FROM slot WHERE archer_id = $2)"""


async def insert_slot(
    conn: Connection,
    *,
    session_id: UUID,
    archer_id: UUID,
    lane: int,
    letter: str,
    distance: float,
    distance_unit: str,
    face_type: str,
    arrows_per_end: int,
    round_code: str | None,
    arrow_set_id: UUID | None,
    bow_id: UUID | None,
) -> asyncpg.Record:
    """Insert an active slot.

    Raises ``UniqueViolationError`` for a taken place or a second slot of the archer,
    ``ExclusionViolationError`` for a lane at another distance, ``ForeignKeyViolationError``
    for an arrow set or bow that is not the archer's.
    """
    row = await conn.fetchrow(
        f"""INSERT INTO slot (session_id, archer_id, lane, letter, distance, distance_unit,
                face_type, arrows_per_end, round_code, arrow_set_id, bow_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            RETURNING {_COLUMNS}""",
        session_id,
        archer_id,
        lane,
        letter,
        distance,
        distance_unit,
        face_type,
        arrows_per_end,
        round_code,
        arrow_set_id,
        bow_id,
    )
    assert row is not None
    return row


async def select_visible_slot(
    conn: Connection, slot_id: UUID, viewer_id: UUID
) -> asyncpg.Record | None:
    """One slot's row, if its session is visible to ``viewer_id``."""
    return await conn.fetchrow(
        f"""SELECT {_COLUMNS} FROM slot
            WHERE id = $1 AND session_id IN {_SESSIONS_VISIBLE_TO_2}""",
        slot_id,
        viewer_id,
    )


async def select_slot_for_update(conn: Connection, slot_id: UUID) -> asyncpg.Record | None:
    """One slot's row, locked until the end of the transaction."""
    return await conn.fetchrow(f"SELECT {_COLUMNS} FROM slot WHERE id = $1 FOR UPDATE", slot_id)


async def select_slot_id_of_archer(
    conn: Connection, session_id: UUID, archer_id: UUID
) -> UUID | None:
    """The archer's slot in the session, active or not."""
    slot_id: UUID | None = await conn.fetchval(
        "SELECT id FROM slot WHERE session_id = $1 AND archer_id = $2", session_id, archer_id
    )
    return slot_id


async def select_session_places(conn: Connection, session_id: UUID) -> list[asyncpg.Record]:
    """Lane, letter, distance and activity of every slot of the session, left ones included."""
    return await conn.fetch(
        """SELECT lane, letter, distance, distance_unit, is_active FROM slot
           WHERE session_id = $1""",
        session_id,
    )


async def select_visible_slot_view(
    conn: Connection, slot_id: UUID, viewer_id: UUID
) -> asyncpg.Record | None:
    """One slot with its progress, if its session is visible to ``viewer_id``."""
    return await conn.fetchrow(
        f"{_VIEW} WHERE sl.id = $1 AND sl.session_id IN {_SESSIONS_VISIBLE_TO_2}",
        slot_id,
        viewer_id,
    )


async def select_session_slot_views(
    conn: Connection,
    session_id: UUID,
    *,
    after: tuple[int, str, UUID] | None = None,
    limit: int | None = None,
) -> list[asyncpg.Record]:
    """The slots of the session with their progress, by lane, letter, then id: up to ``limit``
    (None: all) after the (lane, letter, id) ``after``."""
    after_lane, after_letter, after_id = after if after is not None else (None, None, None)
    return await conn.fetch(
        f"""{_VIEW} WHERE sl.session_id = $1
              AND ($2::integer IS NULL OR (sl.lane, sl.letter, sl.id) > ($2, $3::text, $4::uuid))
            ORDER BY sl.lane, sl.letter, sl.id
            LIMIT $5""",
        session_id,
        after_lane,
        after_letter,
        after_id,
        limit,
    )


async def update_slot_leave(conn: Connection, slot_id: UUID) -> asyncpg.Record | None:
    """Mark an active slot as left; None when it was not active."""
    return await conn.fetchrow(
        f"""UPDATE slot SET is_active = false, left_at = now()
            WHERE id = $1 AND is_active
            RETURNING {_COLUMNS}""",
        slot_id,
    )


async def update_slot_rejoin(
    conn: Connection,
    slot_id: UUID,
    *,
    lane: int,
    letter: str,
    distance: float,
    distance_unit: str,
    face_type: str,
    arrows_per_end: int,
) -> asyncpg.Record | None:
    """Put a slot back on the range at a place; raises like ``insert_slot`` when it is taken."""
    return await conn.fetchrow(
        f"""UPDATE slot SET is_active = true, left_at = NULL, joined_at = now(), lane = $2,
                letter = $3, distance = $4, distance_unit = $5, face_type = $6,
                arrows_per_end = $7
            WHERE id = $1
            RETURNING {_COLUMNS}""",
        slot_id,
        lane,
        letter,
        distance,
        distance_unit,
        face_type,
        arrows_per_end,
    )
