"""Statistics read from each slot's running aggregates; PostgreSQL renders the contract's JSON."""

from uuid import UUID

import asyncpg

from quiver.core.db import Executor
from quiver.models.visibility import CALLER_BY_TOKEN, VISIBLE_TO_ARCHER, VISIBLE_TO_CALLER

# Everything comes from the slot's running aggregates (migration 0013), which the triggers on
# ``shot`` keep up to date: the cost does not grow with the arrows. Group figures use the
# population variance, (n sum(x² + y²) - sum(x)² - sum(y)²) / n², exact in numeric before the
# square root. An end's running total is the slot's total less the ends after it, so only the
# latest ``ENDS_SHOWN`` ends are read.
ENDS_SHOWN = 100
_SLOT_STATISTICS = f"""WITH sl AS (
                SELECT sl.id FROM slot sl JOIN practice_session ps ON ps.id = sl.session_id
                WHERE sl.id = $1 AND {{visible}}
            ), t AS (
                SELECT a.* FROM sl JOIN slot_aggregate a ON a.slot_id = sl.id
            ), latest_ends AS (
                -- End numbers start at 1, so the latest ENDS_SHOWN of ``ends`` ends are all
                -- numbered above ends - ENDS_SHOWN: an index range that holds that many rows,
                -- plus one per emptied end below the last, whichever plan reads it.
                SELECT e.end_number, e.arrows, e.total FROM t, slot_end_aggregate e
                WHERE e.slot_id = t.slot_id AND e.end_number > t.ends - {ENDS_SHOWN}
                ORDER BY e.end_number DESC LIMIT {ENDS_SHOWN}
            ), end_rows AS (
                -- Running totals: the slot's total less the ends after each, all among these.
                SELECT e.end_number, e.arrows, e.total, t.total - sum(e.total) OVER ()
                    + sum(e.total) OVER (ORDER BY e.end_number) AS running_total
                FROM latest_ends e, t ORDER BY e.end_number
            )
            SELECT json_build_object(
                'slot_id', t.slot_id,
                'arrows_shot', t.arrows,
                'total_score', t.total,
                'max_possible_score', t.max_total,
                'percentage', CASE WHEN t.max_total > 0
                    THEN round(100.0 * t.total / t.max_total, 2) END,
                'mean_per_arrow', CASE WHEN t.arrows > 0
                    THEN round(t.total::numeric / t.arrows, 3) END,
                'x_count', t.arrows_x,
                'ten_count', t.ten_count,
                'miss_count', t.arrows_m,
                'ends', coalesce(
                    (SELECT json_agg(end_rows ORDER BY end_number) FROM end_rows), '[]'),
                'end_count', t.ends,
                'histogram', coalesce((SELECT json_agg(json_build_object(
                        'value_label', h.label, 'count', h.n) ORDER BY h.i)
                    FROM (VALUES (1, 'X', t.arrows_x), (2, '11', t.arrows_11),
                        (3, '10', t.arrows_10), (4, '9', t.arrows_9), (5, '8', t.arrows_8),
                        (6, '7', t.arrows_7), (7, '6', t.arrows_6), (8, '5', t.arrows_5),
                        (9, '4', t.arrows_4), (10, '3', t.arrows_3), (11, '2', t.arrows_2),
                        (12, '1', t.arrows_1), (13, 'M', t.arrows_m)) AS h (i, label, n)
                    WHERE h.n > 0), '[]'),
                'mean_point_of_impact', CASE WHEN t.plotted > 0 THEN json_build_object(
                    'x_mm', (t.sum_x_mm / t.plotted)::float8,
                    'y_mm', (t.sum_y_mm / t.plotted)::float8) END,
                'group_spread', CASE WHEN t.plotted > 0 THEN json_build_object(
                    'plotted_arrows', t.plotted,
                    'radial_sd_mm', sqrt(((t.plotted * (t.sum_xx_mm + t.sum_yy_mm)
                        - t.sum_x_mm * t.sum_x_mm - t.sum_y_mm * t.sum_y_mm)
                        / (t.plotted::numeric * t.plotted))::float8),
                    'radial_sd_mrad', sqrt(((t.plotted * (t.sum_xx_mrad + t.sum_yy_mrad)
                        - t.sum_x_mrad * t.sum_x_mrad - t.sum_y_mrad * t.sum_y_mrad)
                        / (t.plotted::numeric * t.plotted))::float8)) END
            )::text
            FROM t"""

# One row per slot: O(slots) whatever the arrows.
_LEADERBOARD = """WITH visible AS (
                SELECT ps.id FROM practice_session ps WHERE ps.id = $1 AND {visible}
            ), board AS (
                SELECT sl.id AS slot_id, sl.archer_id,
                    a.first_name || ' ' || a.last_name AS archer_name, sl.lane, sl.letter,
                    t.arrows AS arrows_shot, t.total AS total_score,
                    t.max_total AS max_possible_score, t.ten_count,
                    t.arrows_x AS x_count
                FROM visible
                JOIN slot sl ON sl.session_id = visible.id
                JOIN archer a ON a.id = sl.archer_id
                JOIN slot_aggregate t ON t.slot_id = sl.id
            ), ranked AS (
                SELECT board.*, rank() OVER (
                    ORDER BY total_score DESC, ten_count DESC, x_count DESC) AS rank
                FROM board
            )
            SELECT json_build_object('session_id', visible.id, 'items', coalesce(
                (SELECT json_agg(json_build_object(
                    'rank', rank, 'slot_id', slot_id, 'archer_id', archer_id,
                    'archer_name', archer_name, 'lane', lane, 'letter', letter,
                    'arrows_shot', arrows_shot, 'total_score', total_score,
                    'max_possible_score', max_possible_score, 'ten_count', ten_count,
                    'x_count', x_count) ORDER BY rank, lane, letter) FROM ranked), '[]'))::text
            FROM visible"""


async def select_slot_statistics(db: Executor, slot_id: UUID, archer_id: UUID) -> str | None:
    """The SlotStatistics JSON of a slot visible to the archer, or None."""
    rendered: str | None = await db.fetchval(
        _SLOT_STATISTICS.format(visible=VISIBLE_TO_ARCHER), slot_id, archer_id
    )
    return rendered


async def select_slot_statistics_for_token(
    db: Executor, slot_id: UUID, token_hash: bytes
) -> asyncpg.Record | None:
    """The caller's archer id and the SlotStatistics JSON (None when not visible); no row for
    an invalid token. One round trip: authentication, visibility and statistics."""
    return await db.fetchrow(
        f"""SELECT caller.archer_id,
                ({_SLOT_STATISTICS.format(visible=VISIBLE_TO_CALLER)}) AS body
            FROM {CALLER_BY_TOKEN}""",
        slot_id,
        token_hash,
    )


async def select_leaderboard(db: Executor, session_id: UUID, archer_id: UUID) -> str | None:
    """The Leaderboard JSON of a session visible to the archer, or None."""
    rendered: str | None = await db.fetchval(
        _LEADERBOARD.format(visible=VISIBLE_TO_ARCHER), session_id, archer_id
    )
    return rendered


async def select_leaderboard_for_token(
    db: Executor, session_id: UUID, token_hash: bytes
) -> asyncpg.Record | None:
    """The caller's archer id and the Leaderboard JSON (None when not visible); no row for an
    invalid token."""
    return await db.fetchrow(
        f"""SELECT caller.archer_id,
                ({_LEADERBOARD.format(visible=VISIBLE_TO_CALLER)}) AS body
            FROM {CALLER_BY_TOKEN}""",
        session_id,
        token_hash,
    )
