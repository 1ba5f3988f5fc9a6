"""SQL for the ``shot`` table. Shot JSON is built by PostgreSQL, in one expression."""

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

import asyncpg

from quiver.core.db import Connection

# The contract's Shot object; every statement that returns shots renders them with this.
_SHOT_JSON = """json_build_object(
    'id', s.id, 'slot_id', s.slot_id, 'archer_id', sl.archer_id,
    'end_number', s.end_number, 'position', s.position, 'value', s.value,
    'value_label', s.value_label, 'is_x', s.is_x, 'is_plotted', s.x_mm IS NOT NULL,
    'x_mm', s.x_mm, 'y_mm', s.y_mm, 'spot_index', s.spot_index, 'distance_mm', s.distance_mm,
    'face_type', s.face_type, 'arrow_diameter_mm', s.arrow_diameter_mm,
    'arrow_number', s.arrow_number, 'shot_at', s.shot_at, 'created_at', s.created_at,
    'updated_at', s.updated_at)"""

# Who may see a session: its owner and every archer who has (or had) a slot in it.
_VISIBLE = """(ps.owner_archer_id = $2
    OR EXISTS (SELECT 1 FROM slot v WHERE v.session_id = ps.id AND v.archer_id = $2))"""


_SLOT_FOR_SHOOTING = f"""SELECT sl.id, sl.archer_id, sl.face_type, sl.distance, sl.distance_unit,
        sl.arrows_per_end, sl.round_code, sl.next_seq, sl.is_active,
        ps.owner_archer_id, ps.is_opened, ps.is_indoor,
        aset.shaft_diameter_mm, aset.arrow_count
    FROM slot sl
    JOIN practice_session ps ON ps.id = sl.session_id
    LEFT JOIN arrow_set aset ON aset.id = sl.arrow_set_id
    WHERE sl.id = $1 AND {_VISIBLE}"""


async def select_slot_for_shooting(
    conn: Connection, slot_id: UUID, archer_id: UUID
) -> asyncpg.Record | None:
    """Everything needed to record arrows in a slot; None when the slot does not exist or the
    archer may not see its session. Nothing is locked: ``insert_shots`` re-checks."""
    return await conn.fetchrow(_SLOT_FOR_SHOOTING, slot_id, archer_id)


async def select_slot_for_shooting_locked(
    conn: Connection, slot_id: UUID, archer_id: UUID
) -> asyncpg.Record | None:
    """The same, locking the slot until the transaction ends."""
    return await conn.fetchrow(_SLOT_FOR_SHOOTING + " FOR UPDATE OF sl", slot_id, archer_id)


async def insert_shots(
    conn: Connection,
    slot_id: UUID,
    seen_seq: int,
    now: datetime,
    shots: Sequence[tuple[object, ...]],
) -> str | None:
    """Insert scored arrows and advance the slot's arrow counter; returns their JSON array.

    One statement, so no transaction is needed: it writes only while the slot is still
    active, its session open and its counter still ``seen_seq`` (what the arrows were numbered
    from), and returns None otherwise, for the caller to look again.

    Each shot is (id, seq, end_number, position, value, value_label, is_x, max_value, x_mm,
    y_mm, spot_index, distance_mm, spot_x_mm, spot_y_mm, face_type, arrow_diameter_mm,
    distance_m, arrow_number, shot_at).
    """
    # One array per column, for unnest: a whole end is inserted in one statement.
    columns = [list(column) for column in zip(*shots)]
    rendered: str | None = await conn.fetchval(
        f"""WITH advanced AS (
                UPDATE slot sl SET next_seq = $2 + cardinality($4::uuid[])
                FROM practice_session ps
                WHERE sl.id = $1 AND sl.next_seq = $2 AND sl.is_active
                    AND ps.id = sl.session_id AND ps.is_opened
                RETURNING sl.id, sl.archer_id
            ), s AS (
                INSERT INTO shot (id, slot_id, seq, end_number, position, value, value_label,
                    is_x, max_value, x_mm, y_mm, spot_index, distance_mm, spot_x_mm, spot_y_mm,
                    face_type, arrow_diameter_mm, distance_m, arrow_number, shot_at, created_at,
                    updated_at)
                SELECT a.id, advanced.id, a.seq, a.end_number, a.position, a.value,
                    a.value_label, a.is_x, a.max_value, a.x_mm, a.y_mm, a.spot_index,
                    a.distance_mm, a.spot_x_mm, a.spot_y_mm, a.face_type, a.arrow_diameter_mm,
                    a.distance_m, a.arrow_number, coalesce(a.shot_at, $3), $3, $3
                FROM advanced, unnest($4::uuid[], $5::int[], $6::int[], $7::int[],
                    $8::smallint[], $9::text[], $10::bool[], $11::smallint[], $12::float8[],
                    $13::float8[], $14::smallint[], $15::float8[], $16::float8[], $17::float8[],
                    $18::text[], $19::float8[], $20::float8[], $21::smallint[],
                    $22::timestamptz[])
                    AS a (id, seq, end_number, position, value, value_label, is_x, max_value,
                        x_mm, y_mm, spot_index, distance_mm, spot_x_mm, spot_y_mm, face_type,
                        arrow_diameter_mm, distance_m, arrow_number, shot_at)
                RETURNING *
            )
            SELECT json_agg({_SHOT_JSON} ORDER BY s.seq)::text
            FROM s JOIN advanced sl ON sl.id = s.slot_id""",
        slot_id,
        seen_seq,
        now,
        *columns,
    )
    return rendered


async def select_shots_page(
    conn: Connection, slot_id: UUID, archer_id: UUID, after_seq: int, limit: int
) -> asyncpg.Record | None:
    """Up to ``limit`` shots after ``after_seq`` as a JSON array, the last seq and whether more
    follow; None when the slot is not visible to the archer."""
    return await conn.fetchrow(
        f"""WITH sl AS (
                SELECT sl.id, sl.archer_id FROM slot sl
                JOIN practice_session ps ON ps.id = sl.session_id
                WHERE sl.id = $1 AND {_VISIBLE}
            ), page AS (
                SELECT s.* FROM shot s, sl WHERE s.slot_id = sl.id AND s.seq > $3
                ORDER BY s.seq LIMIT $4 + 1
            ), shown AS (
                SELECT * FROM page ORDER BY seq LIMIT $4
            )
            SELECT coalesce((SELECT json_agg({_SHOT_JSON} ORDER BY s.seq)
                             FROM shown s JOIN sl ON sl.id = s.slot_id), '[]')::text AS items,
                (SELECT max(seq) FROM shown) AS last_seq,
                (SELECT count(*) FROM page) > $4 AS has_more
            FROM sl""",
        slot_id,
        archer_id,
        after_seq,
        limit,
    )


async def select_shot_for_change(
    conn: Connection, shot_id: UUID, archer_id: UUID
) -> asyncpg.Record | None:
    """A visible shot with its slot and session, locked until the transaction ends."""
    return await conn.fetchrow(
        f"""SELECT s.id, s.slot_id, s.seq, s.face_type, s.arrow_diameter_mm, s.distance_m,
                sl.archer_id, sl.next_seq, sl.is_active, ps.owner_archer_id, ps.is_opened,
                aset.arrow_count
            FROM shot s
            JOIN slot sl ON sl.id = s.slot_id
            JOIN practice_session ps ON ps.id = sl.session_id
            LEFT JOIN arrow_set aset ON aset.id = sl.arrow_set_id
            WHERE s.id = $1 AND {_VISIBLE}
            FOR UPDATE OF s, sl""",
        shot_id,
        archer_id,
    )


async def select_shot_json(conn: Connection, shot_id: UUID, archer_id: UUID) -> str | None:
    """One visible shot as JSON."""
    rendered: str | None = await conn.fetchval(
        f"""SELECT {_SHOT_JSON}::text FROM shot s
            JOIN slot sl ON sl.id = s.slot_id
            JOIN practice_session ps ON ps.id = sl.session_id
            WHERE s.id = $1 AND {_VISIBLE}""",
        shot_id,
        archer_id,
    )
    return rendered


async def update_shot_score(
    conn: Connection,
    shot_id: UUID,
    values: tuple[object, ...],
    keep_arrow_number: bool,
    now: datetime,
) -> str:
    """Replace a shot's position or value and score; returns its JSON.

    ``values`` is (value, value_label, is_x, max_value, x_mm, y_mm, spot_index, distance_mm,
    spot_x_mm, spot_y_mm, arrow_number, shot_at); a None shot_at keeps the old one.
    """
    rendered: str = await conn.fetchval(
        f"""UPDATE shot s SET value = $2, value_label = $3, is_x = $4, max_value = $5,
                x_mm = $6, y_mm = $7, spot_index = $8, distance_mm = $9, spot_x_mm = $10,
                spot_y_mm = $11,
                arrow_number = CASE WHEN $15 THEN s.arrow_number ELSE $12 END,
                shot_at = coalesce($13, s.shot_at), updated_at = $14
            FROM slot sl WHERE s.id = $1 AND sl.id = s.slot_id
            RETURNING {_SHOT_JSON}::text""",
        shot_id,
        *values,
        now,
        keep_arrow_number,
    )
    return rendered


async def delete_shot(conn: Connection, shot_id: UUID) -> None:
    """Delete one shot."""
    await conn.execute("DELETE FROM shot WHERE id = $1", shot_id)


async def update_slot_next_seq(conn: Connection, slot_id: UUID, next_seq: int) -> None:
    """Set the sequence number the slot's next arrow gets."""
    await conn.execute("UPDATE slot SET next_seq = $2 WHERE id = $1", slot_id, next_seq)
