"""Group figures, per-arrow ranking and heatmap cells of plotted arrows, aggregated in SQL.

Positions are the arrows' offsets from the centre of the spot that scored them
(``shot.spot_x_mm``, ``spot_y_mm``), and in milliradians those offsets over the arrow's distance
in metres (``shot.distance_m``, yards already converted). Arrows without a position (entered by
value, or misses not plotted) count as arrows but are in no group: the aggregates skip NULLs.

Spreads come from PostgreSQL's ``var_pop`` and ``covar_pop``, whose float8 accumulators
(Youngs-Cramer) stay exact for a tight group far from the centre, where Σx² − (Σx)²/n would
cancel; a second pass over the same arrows gives the mean radius around each group's mean.
"""

from uuid import UUID

import asyncpg

from quiver.core.db import Executor
from quiver.models.history_filter import HistoryFilter, slot_conditions
from quiver.models.visibility import VISIBLE_TO_ARCHER

# A group's columns in one unit, over ``pts`` (x, y in mm; xa, ya in mrad).
_GROUP_COLUMNS = """count(x)::int AS plotted,
        avg(x) AS mean_x_mm, avg(y) AS mean_y_mm,
        var_pop(x) AS var_x_mm, var_pop(y) AS var_y_mm, covar_pop(x, y) AS cov_xy_mm,
        avg(xa) AS mean_x_mrad, avg(ya) AS mean_y_mrad,
        var_pop(xa) AS var_x_mrad, var_pop(ya) AS var_y_mrad, covar_pop(xa, ya) AS cov_xy_mrad"""

# The arrows of the slots ``sl`` selects, with their positions in both units. Materialised
# only where it is read twice (the groups and their radii): written out once for a single
# read, 100,000 arrows spill to disk (scripts/bench/progress_bench.py --explain).
_POINTS = """SELECT sh.end_number, sh.arrow_number, sh.value,
            sh.spot_x_mm AS x, sh.spot_y_mm AS y,
            sh.spot_x_mm / sh.distance_m AS xa, sh.spot_y_mm / sh.distance_m AS ya
        FROM sl JOIN shot sh ON sh.slot_id = sl.id"""

# Per end and overall (end_number NULL, first), with each group's mean radius; {ends} chooses
# the end rows returned (the overall row always is).
_GROUPS = f"""WITH sl AS MATERIALIZED ({{slots}}), pts AS MATERIALIZED ({_POINTS}), g AS (
        SELECT end_number, count(*)::int AS arrows, {_GROUP_COLUMNS}
        FROM pts GROUP BY GROUPING SETS ((end_number), ())
    ), radii AS (
        SELECT g.end_number,
            avg(sqrt((p.x - g.mean_x_mm) ^ 2 + (p.y - g.mean_y_mm) ^ 2)) AS mean_radius_mm,
            avg(sqrt((p.xa - g.mean_x_mrad) ^ 2 + (p.ya - g.mean_y_mrad) ^ 2))
                AS mean_radius_mrad
        FROM pts p JOIN g ON g.end_number = p.end_number
        WHERE p.x IS NOT NULL GROUP BY g.end_number
        UNION ALL
        SELECT NULL,
            avg(sqrt((p.x - g.mean_x_mm) ^ 2 + (p.y - g.mean_y_mm) ^ 2)),
            avg(sqrt((p.xa - g.mean_x_mrad) ^ 2 + (p.ya - g.mean_y_mrad) ^ 2))
        FROM pts p, g WHERE g.end_number IS NULL AND p.x IS NOT NULL
    )
    SELECT g.*, r.mean_radius_mm, r.mean_radius_mrad,
        (SELECT count(*) FROM sl)::int AS slots,
        (SELECT count(end_number) FROM g)::int AS ends
    FROM g LEFT JOIN radii r ON coalesce(r.end_number, 0) = coalesce(g.end_number, 0)
    WHERE g.end_number IS NULL OR {{ends}}
    ORDER BY g.end_number NULLS FIRST"""


def _filtered_slots(history: HistoryFilter, archer_id: UUID, args: list[object]) -> str:
    return f"""SELECT sl.id FROM slot sl JOIN practice_session se ON se.id = sl.session_id
        WHERE {slot_conditions(history, archer_id, args)}"""


def _overall_and_ends(
    rows: list[asyncpg.Record],
) -> tuple[asyncpg.Record | None, list[asyncpg.Record]]:
    if not rows or rows[0]["end_number"] is not None:
        return None, []
    return rows[0], rows[1:]


async def select_slot_group(
    db: Executor, slot_id: UUID, archer_id: UUID, ends_shown: int
) -> tuple[asyncpg.Record | None, list[asyncpg.Record]]:
    """The overall group of a slot visible to the archer (None when it is not) and the groups
    of its latest ``ends_shown`` ends, in order."""
    slots = f"""SELECT sl.id FROM slot sl JOIN practice_session ps ON ps.id = sl.session_id
        WHERE sl.id = $1 AND {VISIBLE_TO_ARCHER}"""
    ends = """g.end_number >= (SELECT min(end_number) FROM (
            SELECT end_number FROM g WHERE end_number IS NOT NULL
            ORDER BY end_number DESC LIMIT $3) latest)"""
    rows = await db.fetch(_GROUPS.format(slots=slots, ends=ends), slot_id, archer_id, ends_shown)
    overall, end_rows = _overall_and_ends(rows)
    if overall is None or overall["slots"] == 0:
        return None, []
    return overall, end_rows


async def select_history_group(
    db: Executor, archer_id: UUID, history: HistoryFilter, ends_shown: int
) -> tuple[asyncpg.Record, list[asyncpg.Record]]:
    """The overall group of the archer's filtered history and the groups of end numbers 1 to
    ``ends_shown``, each across every slot."""
    args: list[object] = [ends_shown]
    slots = _filtered_slots(history, archer_id, args)
    rows = await db.fetch(_GROUPS.format(slots=slots, ends="g.end_number <= $1"), *args)
    overall, end_rows = _overall_and_ends(rows)
    assert overall is not None  # the empty grouping set always has its row
    return overall, end_rows


async def select_arrow_set_ranking(
    db: Executor, archer_id: UUID, arrow_set_id: UUID, history: HistoryFilter
) -> tuple[asyncpg.Record | None, list[asyncpg.Record]]:
    """Totals over the archer's filtered slots shot with one of their arrow sets (None when
    the set is not theirs), then one row per arrow number, in number order.

    The totals' mean point of impact is every plotted arrow's, numbered or not.
    """
    args: list[object] = [arrow_set_id, archer_id]
    slots = _filtered_slots(history, archer_id, args)
    rows = await db.fetch(
        f"""WITH sl AS MATERIALIZED ({slots}), pts AS NOT MATERIALIZED ({_POINTS})
            SELECT grouping(arrow_number) = 1 AS is_total, arrow_number,
                count(*)::int AS arrows, count(*) FILTER (WHERE arrow_number IS NULL)::int
                    AS unnumbered,
                avg(value)::float8 AS mean_score,
                sqrt(var_pop(x) + var_pop(y)) AS radial_sd_mm,
                sqrt(var_pop(xa) + var_pop(ya)) AS radial_sd_mrad,
                {_GROUP_COLUMNS},
                (SELECT count(*) FROM sl)::int AS slots,
                EXISTS (SELECT 1 FROM arrow_set a WHERE a.id = $1 AND a.archer_id = $2)
                    AS owned
            FROM pts GROUP BY GROUPING SETS ((arrow_number), ())
            HAVING grouping(arrow_number) = 1 OR arrow_number IS NOT NULL
            ORDER BY grouping(arrow_number) DESC, arrow_number""",
        *args,
    )
    total = rows[0]
    if not total["owned"]:
        return None, []
    return total, rows[1:]


async def select_heatmap(
    db: Executor,
    archer_id: UUID,
    history: HistoryFilter,
    *,
    cell_mm: float,
    origin_mm: float,
    cells: int,
) -> tuple[int, list[asyncpg.Record]]:
    """The archer's plotted arrows in the filtered history, and the (col, rw, n) of each
    cell of a ``cells`` × ``cells`` grid holding any, rows then columns in order; cell (0, 0)
    has its lower-left corner at (``origin_mm``, ``origin_mm``) from the spot centre."""
    args: list[object] = [cell_mm, origin_mm, cells]
    slots = _filtered_slots(history, archer_id, args)
    rows = await db.fetch(
        # Arrows are counted per cell first (a hash over a few hundred cells), then the cells
        # beyond the grid fold into one cell of NULLs: folding first sorts every arrow.
        f"""WITH sl AS MATERIALIZED ({slots}), counted AS MATERIALIZED (
                SELECT floor((sh.spot_x_mm - $2::float8) / $1::float8)::int AS col,
                    floor((sh.spot_y_mm - $2::float8) / $1::float8)::int AS rw,
                    count(*) AS n
                FROM sl JOIN shot sh ON sh.slot_id = sl.id
                WHERE sh.spot_x_mm IS NOT NULL
                GROUP BY 1, 2
            )
            SELECT CASE WHEN inside THEN col END AS col, CASE WHEN inside THEN rw END AS rw,
                sum(n)::int AS n
            FROM counted, LATERAL (SELECT col >= 0 AND col < $3 AND rw >= 0 AND rw < $3
                AS inside) AS i
            GROUP BY 1, 2 ORDER BY 2, 1""",
        *args,
    )
    plotted = sum(row["n"] for row in rows)
    return plotted, [row for row in rows if row["col"] is not None]
