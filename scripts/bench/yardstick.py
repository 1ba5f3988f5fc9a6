"""The yardstick the benchmarks compare Quiver with: the least a FastAPI endpoint can do.

POST /yard/shot validates a Pydantic body and does one asyncpg INSERT; GET /yard/slot/{id}/shot
and /yard/slot/{id}/statistics run one hand-written SQL query that builds the same JSON as
Quiver's listShots and getSlotStatistics, with no authentication or authorisation.
"""

# The hand-written SQL below renders the same JSON as Quiver's models on purpose: that is the
# yardstick. pylint: disable=duplicate-code

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from uuid import UUID

import asyncpg
from fastapi import FastAPI, Request, Response
from pydantic import BaseModel, ConfigDict

LIST_SQL = """SELECT coalesce(json_agg(json_build_object(
    'id', s.id, 'slot_id', s.slot_id, 'archer_id', sl.archer_id,
    'end_number', s.end_number, 'position', s.position, 'value', s.value,
    'value_label', s.value_label, 'is_x', s.is_x, 'is_plotted', s.x_mm IS NOT NULL,
    'x_mm', s.x_mm, 'y_mm', s.y_mm, 'spot_index', s.spot_index, 'distance_mm', s.distance_mm,
    'face_type', s.face_type, 'arrow_diameter_mm', s.arrow_diameter_mm,
    'arrow_number', s.arrow_number, 'shot_at', s.shot_at, 'created_at', s.created_at,
    'updated_at', s.updated_at) ORDER BY s.seq), '[]')::text
FROM shot s JOIN slot sl ON sl.id = s.slot_id WHERE s.slot_id = $1"""

STATS_SQL = """WITH s AS (SELECT * FROM shot WHERE slot_id = $1),
t AS (SELECT count(*) AS arrows, coalesce(sum(value), 0) AS total,
        coalesce(sum(max_value), 0) AS max_total, count(*) FILTER (WHERE is_x) AS xs,
        count(*) FILTER (WHERE value >= 10) AS tens, count(*) FILTER (WHERE value = 0) AS misses,
        count(spot_x_mm) AS plotted, avg(spot_x_mm) AS mx, avg(spot_y_mm) AS my,
        sqrt(var_pop(spot_x_mm) + var_pop(spot_y_mm)) AS sd,
        sqrt(var_pop(spot_x_mm / distance_m) + var_pop(spot_y_mm / distance_m)) AS sdm FROM s),
e AS (SELECT end_number, count(*) AS arrows, sum(value) AS total,
        sum(sum(value)) OVER (ORDER BY end_number) AS running FROM s GROUP BY end_number),
h AS (SELECT value_label, count(*) AS n, max(value) AS v, bool_or(is_x) AS x
        FROM s GROUP BY value_label)
SELECT json_build_object('slot_id', $1::uuid, 'arrows_shot', arrows, 'total_score', total,
    'max_possible_score', max_total,
    'percentage', CASE WHEN max_total > 0 THEN round(100.0 * total / max_total, 2) END,
    'mean_per_arrow', CASE WHEN arrows > 0 THEN round(total::numeric / arrows, 3) END,
    'x_count', xs, 'ten_count', tens, 'miss_count', misses,
    'ends', coalesce((SELECT json_agg(json_build_object('end_number', end_number,
        'arrows', arrows, 'total', total, 'running_total', running) ORDER BY end_number)
        FROM e), '[]'),
    'histogram', coalesce((SELECT json_agg(json_build_object('value_label', value_label,
        'count', n) ORDER BY x DESC, v DESC) FROM h), '[]'),
    'mean_point_of_impact', CASE WHEN plotted > 0 THEN json_build_object('x_mm', mx, 'y_mm', my) END,
    'group_spread', CASE WHEN plotted > 0 THEN json_build_object('plotted_arrows', plotted,
        'radial_sd_mm', sd, 'radial_sd_mrad', sdm) END)::text FROM t"""


class YardShot(BaseModel):
    """The body of the yardstick's POST."""

    model_config = ConfigDict(extra="forbid")
    slot_id: UUID
    x_mm: float
    y_mm: float
    value: int


@asynccontextmanager
async def lifespan(application: FastAPI) -> AsyncIterator[None]:
    pool = await asyncpg.create_pool(os.environ["DATABASE_URL"], min_size=1, max_size=10)
    await pool.execute("""CREATE TABLE IF NOT EXISTS yard_shot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(), slot_id uuid NOT NULL,
        x_mm float8 NOT NULL, y_mm float8 NOT NULL, value int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now())""")
    application.state.pool = pool
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/yard/shot", status_code=201)
async def create(shot: YardShot, request: Request) -> dict[str, Any]:
    row = await request.app.state.pool.fetchrow(
        "INSERT INTO yard_shot (slot_id, x_mm, y_mm, value) VALUES ($1, $2, $3, $4) RETURNING id",
        shot.slot_id,
        shot.x_mm,
        shot.y_mm,
        shot.value,
    )
    return {"id": str(row["id"])}


@app.get("/yard/slot/{slot_id}/shot")
async def list_shots(slot_id: UUID, request: Request) -> Response:
    body = await request.app.state.pool.fetchval(LIST_SQL, slot_id)
    return Response(
        b'{"items":' + body.encode() + b',"next_cursor":null}', 200, media_type="application/json"
    )


@app.get("/yard/slot/{slot_id}/statistics")
async def statistics(slot_id: UUID, request: Request) -> Response:
    body = await request.app.state.pool.fetchval(STATS_SQL, slot_id)
    return Response(body.encode(), 200, media_type="application/json")
