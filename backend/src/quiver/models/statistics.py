"""Statistics computed by PostgreSQL, which also renders them as the contract's JSON."""

from uuid import UUID

import asyncpg

from quiver.core.db import Executor
from quiver.models.visibility import CALLER_BY_TOKEN, VISIBLE_TO_ARCHER, VISIBLE_TO_CALLER

_SLOT_STATISTICS = """WITH sl AS (
                SELECT sl.id FROM slot sl JOIN practice_session ps ON ps.id = sl.session_id
                WHERE sl.id = $1 AND {visible}
            ), s AS (
                SELECT shot.* FROM shot JOIN sl ON sl.id = shot.slot_id
            ), totals AS (
                SELECT count(*) AS arrows, coalesce(sum(value), 0) AS total,
                    coalesce(sum(max_value), 0) AS max_total,
                    count(*) FILTER (WHERE is_x) AS xs,
                    count(*) FILTER (WHERE value >= 10) AS tens,
                    count(*) FILTER (WHERE value = 0) AS misses,
                    count(spot_x_mm) AS plotted,
                    avg(spot_x_mm) AS mean_x, avg(spot_y_mm) AS mean_y,
                    sqrt(var_pop(spot_x_mm) + var_pop(spot_y_mm)) AS spread_mm,
                    sqrt(var_pop(spot_x_mm / distance_m) + var_pop(spot_y_mm / distance_m))
                        AS spread_mrad
                FROM s
            ), ends AS (
                SELECT end_number, count(*) AS arrows, sum(value) AS total,
                    sum(sum(value)) OVER (ORDER BY end_number) AS running_total
                FROM s GROUP BY end_number
            ), histogram AS (
                SELECT value_label, count(*) AS arrows, max(value) AS value, bool_or(is_x) AS x
                FROM s GROUP BY value_label
            )
            SELECT json_build_object(
                'slot_id', sl.id,
                'arrows_shot', t.arrows,
                'total_score', t.total,
                'max_possible_score', t.max_total,
                'percentage', CASE WHEN t.max_total > 0
                    THEN round(100.0 * t.total / t.max_total, 2) END,
                'mean_per_arrow', CASE WHEN t.arrows > 0
                    THEN round(t.total::numeric / t.arrows, 3) END,
                'x_count', t.xs,
                'ten_count', t.tens,
                'miss_count', t.misses,
                'ends', coalesce((SELECT json_agg(json_build_object(
                        'end_number', end_number, 'arrows', arrows, 'total', total,
                        'running_total', running_total) ORDER BY end_number) FROM ends), '[]'),
                'histogram', coalesce((SELECT json_agg(json_build_object(
                        'value_label', value_label, 'count', arrows)
                        ORDER BY x DESC, value DESC) FROM histogram), '[]'),
                'mean_point_of_impact', CASE WHEN t.plotted > 0
                    THEN json_build_object('x_mm', t.mean_x, 'y_mm', t.mean_y) END,
                'group_spread', CASE WHEN t.plotted > 0 THEN json_build_object(
                    'plotted_arrows', t.plotted, 'radial_sd_mm', t.spread_mm,
                    'radial_sd_mrad', t.spread_mrad) END
            )::text
            FROM sl, totals t"""

_LEADERBOARD = """WITH visible AS (
                SELECT ps.id FROM practice_session ps WHERE ps.id = $1 AND {visible}
            ), board AS (
                SELECT sl.id AS slot_id, sl.archer_id,
                    a.first_name || ' ' || a.last_name AS archer_name, sl.lane, sl.letter,
                    count(s.id) AS arrows_shot, coalesce(sum(s.value), 0) AS total_score,
                    coalesce(sum(s.max_value), 0) AS max_possible_score,
                    count(s.id) FILTER (WHERE s.value >= 10) AS ten_count,
                    count(s.id) FILTER (WHERE s.is_x) AS x_count
                FROM visible
                JOIN slot sl ON sl.session_id = visible.id
                JOIN archer a ON a.id = sl.archer_id
                LEFT JOIN shot s ON s.slot_id = sl.id
                GROUP BY sl.id, a.id
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
