"""An archer's scored slots across sessions, read from the slots' running aggregates.

Every statement takes the shared history filter (``models.history_filter``) for aliases ``sl``
(slot) and ``se`` (practice_session). Totals come from ``slot_aggregate`` (migration 0013),
never from the arrows, so a history of 100,000 arrows costs what its slots cost.
"""

from datetime import datetime
from uuid import UUID

import asyncpg

from quiver.core.db import Executor
from quiver.models.history_filter import HistoryFilter, slot_conditions

_SLOT_COLUMNS = """sl.id AS slot_id, se.id AS session_id, se.start_time, se.location,
    se.is_indoor, sl.round_code, sl.face_type, sl.distance, sl.distance_unit, sl.bow_id,
    sl.arrow_set_id, a.arrows AS arrows_shot, a.total AS total_score,
    a.max_total AS max_possible_score, a.arrows_x AS x_count, a.ten_count,
    a.arrows_m AS miss_count, round(a.total::numeric / a.arrows, 3)::float8 AS mean_per_arrow"""

# The Monday that starts the ISO week of 1970-01-05: weeks are numbered from it, so the
# trend's x axis counts weeks and its slope is per week.
_FIRST_MONDAY = "DATE '1970-01-05'"


async def select_history_slots(
    db: Executor,
    archer_id: UUID,
    history: HistoryFilter,
    *,
    after: tuple[datetime, UUID] | None,
    limit: int,
) -> list[asyncpg.Record]:
    """Up to ``limit`` of the archer's slots holding arrows that ``history`` lets through,
    newest session start first.

    ``after`` is the (start_time, session id) of the last row already read; an archer has one
    slot per session, so the pair orders slots totally.
    """
    args: list[object] = []
    conditions = slot_conditions(history, archer_id, args)
    if after is not None:
        args.extend(after)
        conditions += f" AND (se.start_time, se.id) < (${len(args) - 1}, ${len(args)}::uuid)"
    args.append(limit)
    return await db.fetch(
        f"""SELECT {_SLOT_COLUMNS}
            FROM slot sl
            JOIN practice_session se ON se.id = sl.session_id
            JOIN slot_aggregate a ON a.slot_id = sl.id
            WHERE {conditions} AND a.arrows > 0
            ORDER BY se.start_time DESC, se.id DESC
            LIMIT ${len(args)}""",
        *args,
    )


async def select_history_summary(
    db: Executor, archer_id: UUID, history: HistoryFilter, *, time_zone: str, max_weeks: int
) -> str:
    """The contract's HistorySummary JSON: weekly volume and mean, and the trend of the mean.

    Raises:
        asyncpg.InvalidParameterValueError: ``time_zone`` is not a zone PostgreSQL knows.
    """
    args: list[object] = [time_zone]
    conditions = slot_conditions(history, archer_id, args)
    args.append(max_weeks)
    # One point per week (an unweighted fit of the weekly means); the slope's standard error
    # is sqrt(residual sum of squares / (n - 2) / Sxx), with the residual sum of squares
    # Syy - Sxy²/Sxx clamped at 0 against rounding. Under 3 points there is no error to
    # estimate (two points fit exactly), so neither is given.
    rendered: str = await db.fetchval(
        f"""WITH zone AS (
                -- Evaluated whatever matches, so an unknown zone is refused every time.
                SELECT now() AT TIME ZONE $1 AS probe
            ), chosen AS (
                SELECT se.start_time, a.arrows, a.total
                FROM slot sl
                JOIN practice_session se ON se.id = sl.session_id
                JOIN slot_aggregate a ON a.slot_id = sl.id
                WHERE {conditions} AND a.arrows > 0
            ), weekly AS (
                SELECT date_trunc('week', start_time AT TIME ZONE $1)::date AS week_start,
                    count(*)::int AS slots, sum(arrows)::bigint AS arrows,
                    sum(total)::bigint AS total
                FROM chosen GROUP BY 1
            ), shown AS (
                SELECT week_start, slots, arrows, total, total::float8 / arrows AS mean,
                    ((week_start - {_FIRST_MONDAY}) / 7)::float8 AS week_number
                FROM weekly ORDER BY week_start DESC LIMIT ${len(args)}
            ), fit AS (
                SELECT regr_count(mean, week_number) AS n,
                    regr_slope(mean, week_number) AS slope,
                    regr_sxx(mean, week_number) AS sxx, regr_syy(mean, week_number) AS syy,
                    regr_sxy(mean, week_number) AS sxy
                FROM shown
            ), totals AS (
                SELECT count(*) AS weeks, coalesce(sum(slots), 0) AS slots,
                    coalesce(sum(arrows), 0) AS arrows, coalesce(sum(total), 0) AS total
                FROM weekly
            )
            SELECT json_build_object(
                'time_zone', $1::text,
                'slots', totals.slots,
                'arrows_shot', totals.arrows,
                'total_score', totals.total,
                'mean_per_arrow', CASE WHEN totals.arrows > 0
                    THEN round(totals.total::numeric / totals.arrows, 3) END,
                'weeks', coalesce((SELECT json_agg(json_build_object(
                        'week_start', week_start, 'slots', slots, 'arrows_shot', arrows,
                        'total_score', total,
                        'mean_per_arrow', round(total::numeric / arrows, 3))
                    ORDER BY week_start) FROM shown), '[]'),
                'weeks_omitted', totals.weeks - fit.n,
                'trend', json_build_object(
                    'weeks', fit.n,
                    'slope_per_week', CASE WHEN fit.n >= 3 THEN fit.slope END,
                    'slope_standard_error', CASE WHEN fit.n >= 3 THEN sqrt(
                        greatest(fit.syy - fit.sxy * fit.sxy / fit.sxx, 0)
                        / ((fit.n - 2) * fit.sxx)) END)
            )::text
            FROM zone, totals, fit
            -- Referenced, or the planner would drop the probe as an unused output.
            WHERE zone.probe IS NOT NULL""",
        *args,
    )
    return rendered
