"""SQL for the ``shot`` table. PostgreSQL renders stored shots as JSON, in one expression (the
answer to a new write is rendered by the shot service from what it wrote)."""

from collections.abc import Mapping, Sequence
from datetime import datetime
from uuid import UUID

import asyncpg
import orjson

from quiver.core.db import Connection, Executor
from quiver.models.realtime import NOTIFY_PAYLOAD, Announcement, announce_each
from quiver.models.visibility import (
    CALLER_TOKEN_MATCHES,
    VISIBLE_TO_ARCHER,
    VISIBLE_TO_CALLER,
    caller_token_is,
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
# A write: who writes (the bearer token's SHA-256 digest, in hex), where, when, the context
# its arrows were numbered and scored from, and the arrows (``SHOT_ROW_COLUMNS`` objects).
_WRITE_TYPES = {
    "token_hash": "text", "slot_id": "uuid", "next_seq": "int", "face_type": "text",
    "distance": "float8", "distance_unit": "text", "arrows_per_end": "int",
    "round_code": "text", "is_indoor": "bool", "shaft_diameter_mm": "float8",
    "arrow_count": "int", "recorded_at": "timestamptz", "event_id": "uuid", "arrows": "json",
}  # fmt: skip
WRITE_FIELDS = tuple(_WRITE_TYPES)


def _definition(types: dict[str, str]) -> str:
    return ", ".join(f"{name} {kind}" for name, kind in types.items())


_ANNOUNCEMENT = NOTIFY_PAYLOAD.format(
    type="'shot.created'",
    session_id="w.session_id",
    slot_id="w.slot_id",
    shot_ids="""ARRAY(SELECT a.id FROM json_to_recordset(w.arrows) AS a (id uuid, seq int)
        ORDER BY a.seq)""",
    event_id="w.event_id",
)
# Built once per kind of announcement, not per call: the hottest statement, a few kilobytes.
_INSERT_SHOTS_WITH = f"""WITH writes AS (
            SELECT * FROM json_to_recordset($1::json) AS w (i int, {_definition(_WRITE_TYPES)})
        ), advanced AS (
            UPDATE slot sl SET next_seq = w.next_seq + json_array_length(w.arrows)
            FROM writes w, practice_session ps, archer_token caller
            WHERE {caller_token_is("decode(w.token_hash, 'hex')")}
                AND caller.archer_id IN (sl.archer_id, ps.owner_archer_id)
                AND sl.id = w.slot_id AND sl.next_seq = w.next_seq AND sl.is_active
                AND ps.id = sl.session_id AND ps.is_opened
                AND sl.face_type = w.face_type AND sl.distance = w.distance
                AND sl.distance_unit = w.distance_unit AND sl.arrows_per_end = w.arrows_per_end
                AND sl.round_code IS NOT DISTINCT FROM w.round_code
                AND ps.is_indoor = w.is_indoor
                AND (SELECT aset.shaft_diameter_mm FROM arrow_set aset
                     WHERE aset.id = sl.arrow_set_id) IS NOT DISTINCT FROM w.shaft_diameter_mm
                AND (SELECT aset.arrow_count FROM arrow_set aset
                     WHERE aset.id = sl.arrow_set_id) IS NOT DISTINCT FROM w.arrow_count
            RETURNING w.i, w.arrows, w.recorded_at, w.event_id, sl.id AS slot_id,
                sl.archer_id, sl.session_id, caller.archer_id AS caller_id
        ), stored AS (
            INSERT INTO shot ({", ".join(SHOT_ROW_COLUMNS)}, slot_id, created_at, updated_at)
            SELECT {", ".join(f"a.{name}" for name in SHOT_ROW_COLUMNS[:-1])},
                coalesce(a.shot_at, w.recorded_at), w.slot_id, w.recorded_at, w.recorded_at
            FROM advanced w, json_to_recordset(w.arrows) AS a ({_definition(_SHOT_ROW_TYPES)})
        ), announced AS (
            {{announced}}
        )
        SELECT w.i, w.caller_id, w.archer_id, (SELECT count(*) FROM announced) AS announced
        FROM advanced w"""
_INSERT_SHOTS = {
    announcement: _INSERT_SHOTS_WITH.format(
        announced=announce_each(announcement, payload=_ANNOUNCEMENT, source="advanced w")
    )
    for announcement in Announcement
}


async def insert_shots(
    db: Executor, writes: Sequence[Mapping[str, object]], announcement: Announcement
) -> list[asyncpg.Record]:
    """Store the scored arrows of several writes, advance their slots' arrow counters and
    announce them, in one statement (so, without a transaction, all of it or nothing).

    Each write (``WRITE_FIELDS``) stores its arrows only if its bearer token is valid and
    belongs to the slot's archer or the session's owner, the slot is active, its session
    open, and everything its arrows were numbered and scored from still holds; of two writes
    to one slot, one at most. A null ``shot_at`` is ``recorded_at``. Returns, for each write
    that stored its arrows, its position ``i`` in ``writes`` with the caller's and the slot's
    archer's ids; the others wrote nothing, for their callers to look again.
    """
    numbered = [{"i": i, **write} for i, write in enumerate(writes)]
    # One JSON parameter: it costs less to send than an array per column.
    return await db.fetch(_INSERT_SHOTS[announcement], orjson.dumps(numbered, default=str).decode())


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


async def select_shots_json(
    conn: Connection, shot_ids: Sequence[UUID], archer_id: UUID
) -> dict[UUID, str]:
    """Those of ``shot_ids`` that exist and are visible, each as JSON, by id."""
    rows = await conn.fetch(
        f"""SELECT s.id, {_SHOT_JSON}::text AS shot FROM shot s
            JOIN slot sl ON sl.id = s.slot_id
            JOIN practice_session ps ON ps.id = sl.session_id
            WHERE s.id = ANY($1::uuid[]) AND {VISIBLE_TO_ARCHER}""",
        shot_ids,
        archer_id,
    )
    return {row["id"]: row["shot"] for row in rows}


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
