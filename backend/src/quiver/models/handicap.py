"""What a slot's handicap depends on, read with its cached result (table ``slot_handicap``).

Reads return the slot's inputs, the key of those inputs (``inputs_key``) and the cached
columns, with ``fresh`` telling whether the cache row was computed from these very inputs.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import asyncpg

from quiver.core.db import Executor
from quiver.models.history_filter import HistoryFilter, slot_conditions
from quiver.models.visibility import caller_token_is

# The key of everything a result depends on; ``{version}`` is the computation's version, so a
# new version of the maths makes every cached row stale. A row's text form keeps NULLs apart
# by position, and instants go in as epoch seconds, whatever the session's TimeZone.
_INPUTS_KEY = """md5(ROW({version}, sl.round_code, sl.face_type, sl.distance, sl.distance_unit,
        extract(epoch FROM se.start_time), a.arrows, a.total, a.plotted, a.sum_x_mm,
        a.sum_y_mm, a.sum_xx_mm, a.sum_yy_mm, ar.bowstyle, b.bowstyle, ar.gender,
        ar.date_of_birth)::text)"""

# Aliases: sl = slot, se = practice_session, a = slot_aggregate, ar = archer, b = bow,
# h = slot_handicap.
_INPUTS = """sl.id AS slot_id, sl.session_id, se.start_time, sl.round_code, sl.face_type,
        sl.distance, sl.distance_unit, a.arrows AS arrows_shot, a.total, a.plotted,
        a.sum_x_mm, a.sum_y_mm, a.sum_xx_mm, a.sum_yy_mm, ar.bowstyle AS archer_bowstyle,
        b.bowstyle AS bow_bowstyle, ar.gender, ar.date_of_birth,
        {key} AS inputs_key, h.inputs_key IS NOT DISTINCT FROM {key} AS fresh,
        h.is_estimate, h.arrows, h.score, h.handicap, h.handicap_unavailable,
        h.classification::text AS classification, h.classification_unavailable,
        h.missing_profile_fields"""

_JOINS = """slot sl
        JOIN practice_session se ON se.id = sl.session_id
        JOIN slot_aggregate a ON a.slot_id = sl.id
        JOIN archer ar ON ar.id = sl.archer_id
        LEFT JOIN bow b ON b.id = sl.bow_id
        LEFT JOIN slot_handicap h ON h.slot_id = sl.id"""


async def select_own_slot_inputs_for_token(
    db: Executor, slot_id: UUID, token_hash: bytes, version: str
) -> asyncpg.Record | None:
    """The caller's archer id and, when the slot is the caller's own (else NULL columns), its
    inputs and cached result; no row for an invalid token."""
    inputs = _INPUTS.format(key=_INPUTS_KEY.format(version="$3::text"))
    return await db.fetchrow(
        f"""SELECT caller.archer_id, s.*
            FROM archer_token caller
            LEFT JOIN LATERAL (
                SELECT {inputs} FROM {_JOINS}
                WHERE sl.id = $1 AND sl.archer_id = caller.archer_id
            ) s ON true
            WHERE {caller_token_is("$2")}""",
        slot_id,
        token_hash,
        version,
    )


@dataclass(frozen=True, slots=True)
class ProgressionQuery:
    """Which slots a page of the handicap progression reads."""

    history: HistoryFilter
    # Round codes and their arrow counts: a slot is complete when it holds its round's arrows.
    round_codes: Sequence[str]
    round_arrows: Sequence[int]
    include_estimates: bool
    # Faces an estimate may rest on, and the plotted arrows it needs.
    estimate_faces: Sequence[str]
    estimate_min_arrows: int
    version: str


async def select_progression_page(
    db: Executor,
    archer_id: UUID,
    query: ProgressionQuery,
    *,
    after: tuple[datetime, UUID] | None,
    limit: int,
) -> list[asyncpg.Record]:
    """Up to ``limit`` of the archer's slots with a handicap within the filter, with their
    inputs and cached results, by (session start, slot id), after ``after``."""
    args: list[object] = [
        list(query.round_codes),
        list(query.round_arrows),
        query.version,
        query.include_estimates,
        list(query.estimate_faces),
        query.estimate_min_arrows,
    ]
    conditions = slot_conditions(query.history, archer_id, args)
    if after is not None:
        args.extend(after)
        n = len(args)
        conditions += f" AND (se.start_time, sl.id) > (${n - 1}::timestamptz, ${n}::uuid)"
    args.append(limit)
    inputs = _INPUTS.format(key=_INPUTS_KEY.format(version="$3::text"))
    # A completed round with a score has a handicap; with $4, so has practice that did not
    # complete a round but holds enough plotted arrows on a face an estimate may rest on.
    rows: list[asyncpg.Record] = await db.fetch(
        f"""SELECT {inputs}, r.arrows IS NOT NULL AND a.arrows >= r.arrows AS complete
            FROM {_JOINS}
            LEFT JOIN unnest($1::text[], $2::int[]) AS r (code, arrows) ON r.code = sl.round_code
            WHERE {conditions} AND (
                (r.arrows IS NOT NULL AND a.arrows >= r.arrows AND a.total > 0)
                OR ($4::boolean AND (r.arrows IS NULL OR a.arrows < r.arrows)
                    AND a.plotted >= $6::int AND sl.face_type = ANY($5::text[])))
            ORDER BY se.start_time, sl.id
            LIMIT ${len(args)}""",
        *args,
    )
    return rows


@dataclass(frozen=True, slots=True)
class CachedHandicap:
    """One row of ``slot_handicap``."""

    slot_id: UUID
    inputs_key: str
    is_estimate: bool
    arrows: int
    score: int | None
    handicap: int | None
    handicap_unavailable: str | None
    classification: str | None
    classification_unavailable: str | None
    missing_profile_fields: Sequence[str]


async def upsert_slot_handicaps(db: Executor, results: Sequence[CachedHandicap]) -> None:
    """Store computed results; a slot deleted meanwhile is skipped."""
    await db.executemany(
        """INSERT INTO slot_handicap (slot_id, inputs_key, is_estimate, arrows, score, handicap,
                handicap_unavailable, classification, classification_unavailable,
                missing_profile_fields, computed_at)
            SELECT $1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9, $10, now()
            WHERE EXISTS (SELECT 1 FROM slot WHERE id = $1)
            ON CONFLICT (slot_id) DO UPDATE SET inputs_key = excluded.inputs_key,
                is_estimate = excluded.is_estimate, arrows = excluded.arrows,
                score = excluded.score, handicap = excluded.handicap,
                handicap_unavailable = excluded.handicap_unavailable,
                classification = excluded.classification,
                classification_unavailable = excluded.classification_unavailable,
                missing_profile_fields = excluded.missing_profile_fields,
                computed_at = excluded.computed_at""",
        [
            (
                r.slot_id,
                r.inputs_key,
                r.is_estimate,
                r.arrows,
                r.score,
                r.handicap,
                r.handicap_unavailable,
                r.classification,
                r.classification_unavailable,
                list(r.missing_profile_fields),
            )
            for r in results
        ],
    )
