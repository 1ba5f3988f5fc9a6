"""SQL for the ``shot`` table. Shot JSON is built by PostgreSQL, in one expression."""

from datetime import datetime
from uuid import UUID

import asyncpg

from quiver.core.db import Connection, Executor
from quiver.models.realtime import NOTIFY_PAYLOAD
from quiver.models.visibility import (
    CALLER_BY_TOKEN,
    CALLER_TOKEN_MATCHES,
    VISIBLE_TO_ARCHER,
    VISIBLE_TO_CALLER,
)

# The contract's Shot object; every statement that returns shots renders them with this.
_SHOT_JSON = """json_build_object(
    'id', s.id, 'slot_id', s.slot_id, 'archer_id', sl.archer_id,
    'end_number', s.end_number, 'position', s.position, 'value', s.value,
    'value_label', s.value_label, 'is_x', s.is_x, 'is_plotted', s.x_mm IS NOT NULL,
    'x_mm', s.x_mm, 'y_mm', s.y_mm, 'spot_index', s.spot_index, 'distance_mm', s.distance_mm,
    'face_type', s.face_type, 'arrow_diameter_mm', s.arrow_diameter_mm,
    'arrow_number', s.arrow_number, 'shot_at', s.shot_at, 'created_at', s.created_at,
    'updated_at', s.updated_at)"""

_SLOT_FOR_SHOOTING = """SELECT sl.id, sl.archer_id, sl.session_id, sl.face_type, sl.distance,
        sl.distance_unit, sl.arrows_per_end, sl.round_code, sl.next_seq, sl.is_active,
        ps.owner_archer_id, ps.is_opened, ps.is_indoor,
        aset.shaft_diameter_mm, aset.arrow_count
    FROM slot sl
    JOIN practice_session ps ON ps.id = sl.session_id
    LEFT JOIN arrow_set aset ON aset.id = sl.arrow_set_id
    WHERE sl.id = $1 AND {visible}"""


async def select_slot_for_shooting(
    db: Executor, slot_id: UUID, token_hash: bytes
) -> asyncpg.Record | None:
    """The caller (``caller_id``) and everything needed to score arrows in a slot, whose
    columns are all None when the slot does not exist or the caller may not see it; no row for
    an invalid token. Nothing is locked: ``insert_shots`` re-checks everything."""
    return await db.fetchrow(
        f"""SELECT caller.archer_id AS caller_id, target.*
            FROM archer_token caller
            LEFT JOIN LATERAL ({_SLOT_FOR_SHOOTING.format(visible=VISIBLE_TO_CALLER)}) target
                ON true
            WHERE {CALLER_TOKEN_MATCHES}""",
        slot_id,
        token_hash,
    )


async def select_slot_for_shooting_locked(
    conn: Connection, slot_id: UUID, archer_id: UUID
) -> asyncpg.Record | None:
    """The same for an authenticated archer, locking the slot until the transaction ends."""
    return await conn.fetchrow(
        _SLOT_FOR_SHOOTING.format(visible=VISIBLE_TO_ARCHER) + " FOR UPDATE OF sl",
        slot_id,
        archer_id,
    )


# The columns of a new shot row that its writer computes, with their types; ``shot_at`` last.
_SHOT_ROW_TYPES = {
    "id": "uuid", "seq": "int", "end_number": "int", "position": "int", "value": "smallint",
    "value_label": "text", "is_x": "bool", "max_value": "smallint", "x_mm": "float8",
    "y_mm": "float8", "spot_index": "smallint", "distance_mm": "float8", "spot_x_mm": "float8",
    "spot_y_mm": "float8", "face_type": "text", "arrow_diameter_mm": "float8",
    "distance_m": "float8", "arrow_number": "smallint", "shot_at": "timestamptz",
}  # fmt: skip
SHOT_ROW_COLUMNS = tuple(_SHOT_ROW_TYPES)
_ROW_DEFINITION = ", ".join(f"{name} {kind}" for name, kind in _SHOT_ROW_TYPES.items())
_COLUMNS = ", ".join(SHOT_ROW_COLUMNS)
_VALUES = ", ".join(f"a.{name}" for name in SHOT_ROW_COLUMNS[:-1])
_ANNOUNCEMENT = NOTIFY_PAYLOAD.format(
    type="'shot.created'",
    session_id="advanced.session_id",
    slot_id="advanced.id",
    shot_ids="ARRAY(SELECT a.id FROM arrows a ORDER BY a.seq)",
    request_id="$14::text",
)
# Built once, not per call: the hottest statement, a few kilobytes of text.
_INSERT_SHOTS = f"""WITH arrows AS (
            SELECT * FROM json_to_recordset($5::json) AS a ({_ROW_DEFINITION})
        ), advanced AS (
            UPDATE slot sl SET next_seq = $3 + (SELECT count(*) FROM arrows)
            FROM practice_session ps, {CALLER_BY_TOKEN}
                AND caller.archer_id IN (sl.archer_id, ps.owner_archer_id)
                AND sl.id = $1 AND sl.next_seq = $3 AND sl.is_active
                AND ps.id = sl.session_id AND ps.is_opened
                AND sl.face_type = $6 AND sl.distance = $7 AND sl.distance_unit = $8
                AND sl.arrows_per_end = $9 AND sl.round_code IS NOT DISTINCT FROM $10
                AND ps.is_indoor = $11
                AND (SELECT aset.shaft_diameter_mm FROM arrow_set aset
                     WHERE aset.id = sl.arrow_set_id) IS NOT DISTINCT FROM $12::float8
                AND (SELECT aset.arrow_count FROM arrow_set aset
                     WHERE aset.id = sl.arrow_set_id) IS NOT DISTINCT FROM $13::int
            RETURNING sl.id, sl.archer_id, sl.session_id, caller.archer_id AS caller_id
        ), stored AS (
            INSERT INTO shot ({_COLUMNS}, slot_id, created_at, updated_at)
            SELECT {_VALUES}, coalesce(a.shot_at, $4), advanced.id, $4, $4
            FROM advanced, arrows a
        ), announced AS (
            SELECT pg_notify($15, {_ANNOUNCEMENT}) FROM advanced
        )
        SELECT advanced.caller_id, advanced.archer_id,
            (SELECT count(*) FROM announced) AS announced
        FROM advanced"""


async def insert_shots(
    db: Executor,
    token_hash: bytes,
    context: tuple[object, ...],
    now: datetime,
    shots: str,
    channel: str,
    request_id: str | None,
) -> asyncpg.Record | None:
    """Store scored arrows, advance the slot's arrow counter and announce them, in one
    statement (so, without a transaction, all of it or nothing).

    It writes only if the bearer token is valid and belongs to the slot's archer or the
    session's owner, the slot is active, its session open, and everything the arrows were
    numbered and scored from still holds: ``context`` is (slot_id, next_seq, face_type,
    distance, distance_unit, arrows_per_end, round_code, is_indoor, shaft_diameter_mm,
    arrow_count). Returns the caller's id and the slot's archer's id, or None when it wrote
    nothing, for the caller to look again.

    ``shots`` is a JSON array of shot rows: objects with the keys of ``SHOT_ROW_COLUMNS``, in
    shooting order; a null ``shot_at`` is ``now``. (One JSON parameter costs less to send than
    an array per column.)
    """
    return await db.fetchrow(
        _INSERT_SHOTS,
        context[0],
        token_hash,
        context[1],
        now,
        shots,
        *context[2:],
        request_id,
        channel,
    )


async def select_shots_page(
    db: Executor, slot_id: UUID, token_hash: bytes, after_seq: int, limit: int
) -> asyncpg.Record | None:
    """The caller's id and up to ``limit`` shots after ``after_seq`` as a JSON array, with the
    last seq and whether more follow (``items`` None when the caller may not see the slot); no
    row for an invalid token. One round trip."""
    return await db.fetchrow(
        f"""SELECT caller.archer_id AS caller_id, page.*
            FROM archer_token caller
            LEFT JOIN LATERAL (
                WITH sl AS (
                    SELECT sl.id, sl.archer_id FROM slot sl
                    JOIN practice_session ps ON ps.id = sl.session_id
                    WHERE sl.id = $1 AND {VISIBLE_TO_CALLER}
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
                FROM sl
            ) page ON true
            WHERE {CALLER_TOKEN_MATCHES}""",
        slot_id,
        token_hash,
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
            WHERE s.id = $1 AND {VISIBLE_TO_ARCHER}
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
            WHERE s.id = $1 AND {VISIBLE_TO_ARCHER}""",
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
