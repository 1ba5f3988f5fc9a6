"""History analytics over one archer's 10,000, 30,000 and 100,000 arrows: Quiver against SQL.

One archer (bow, arrow set of 12, all made through the API) gets a practice history over three
years, stored by COPY (scripts/bench/progress_seed.py) in stages: 10k arrows, then more to 30k,
then to 100k. Four other archers with 50k arrows each share the tables (``--neighbours``,
``--neighbour-arrows``), so that reading one archer's arrows is not reading every arrow and an
index has to earn its place.
At each stage, with and without the indexes of migration 0017, N sequential requests per
operation go over one keep-alive connection to one ``quiver serve`` worker (rate limits on, out
of reach), in turns with one hand-written SQL query computing the same aggregation straight from
the ``shot`` table on one asyncpg connection; the answers are compared before timing. Printed:
p50/p99 of each and the ratios (SQL / Quiver; target at least 0.5). ``--explain`` prints
EXPLAIN (ANALYZE, BUFFERS) of the statements the endpoints run (captured by calling the same
service functions the routers call) and of the hand-written ones, at the last stage.

Operations: getHistorySummary (all history), getHistoryHeatmap (wa_122, the face of most of the
arrows), getArrowSetRanking (the archer's set, every arrow); once at the last stage
listHistorySlots (first page of 20), listHandicapProgression (first page of 100) and, as the
floor of any request, getMyArcher (authentication and one row).

Usage: .venv/bin/python scripts/bench/progress_bench.py [--requests 200] [--explain]
"""

import argparse
import asyncio
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import asyncpg
import httpx
from http_bench import fresh_database, wait_until_serving
from progress_seed import plan, stages, store

from quiver.core.embedded import start_embedded_postgres
from quiver.core.ratelimit import rate_limit_variables
from quiver.models.history_filter import HistoryFilter
from quiver.schemas.api import FaceType
from quiver.services import groups
from quiver.services import history as history_service

ROOT = Path(__file__).resolve().parents[2]
INDEX_MIGRATION = ROOT / "backend/src/quiver/migrations/0017_index_history.sql"
STAGES = (10_000, 30_000, 100_000)
PASSWORD = "benchmark-password"
HEATMAP_FACE = FaceType.WA_122
MAX_WEEKS = history_service.MAX_WEEKS

# getHistorySummary from the arrows: each slot's count and total, then per ISO week (UTC) of its
# session's start, the latest $2 weeks and the least-squares trend of their means.
SUMMARY_SQL = """WITH per_slot AS (
        SELECT sh.slot_id, count(*) AS arrows, sum(sh.value) AS total
        FROM shot sh JOIN slot sl ON sl.id = sh.slot_id
        WHERE sl.archer_id = $1 GROUP BY sh.slot_id
    ), weekly AS (
        SELECT date_trunc('week', se.start_time AT TIME ZONE 'UTC')::date AS week_start,
            count(*) AS slots, sum(p.arrows) AS arrows, sum(p.total) AS total
        FROM per_slot p JOIN slot sl ON sl.id = p.slot_id
        JOIN practice_session se ON se.id = sl.session_id
        GROUP BY 1
    ), shown AS (
        SELECT week_start, slots, arrows, total, total::float8 / arrows AS mean,
            ((week_start - DATE '1970-01-05') / 7)::float8 AS week_number
        FROM weekly ORDER BY week_start DESC LIMIT $2
    )
    SELECT json_build_object(
        'slots', (SELECT sum(slots) FROM weekly),
        'arrows_shot', (SELECT sum(arrows) FROM weekly),
        'total_score', (SELECT sum(total) FROM weekly),
        'weeks', json_agg(json_build_object('week_start', week_start, 'slots', slots,
            'arrows_shot', arrows, 'total_score', total,
            'mean_per_arrow', round(total::numeric / arrows, 3)) ORDER BY week_start),
        'slope_per_week', regr_slope(mean, week_number),
        'slope_standard_error', sqrt(greatest(regr_syy(mean, week_number)
            - regr_sxy(mean, week_number) ^ 2 / regr_sxx(mean, week_number), 0)
            / ((regr_count(mean, week_number) - 2) * regr_sxx(mean, week_number))))::text
    FROM shown"""

# getHistoryHeatmap from the arrows: counts per cell of the grid, and every plotted arrow.
HEATMAP_SQL = """WITH counted AS (
        SELECT floor((sh.spot_x_mm - $4) / $3)::int AS col,
            floor((sh.spot_y_mm - $4) / $3)::int AS rw, count(*) AS n
        FROM shot sh JOIN slot sl ON sl.id = sh.slot_id
        WHERE sl.archer_id = $1 AND sl.face_type = $2 AND sh.spot_x_mm IS NOT NULL
        GROUP BY 1, 2
    )
    SELECT json_build_object('plotted_arrows', coalesce(sum(n), 0),
        'cells', coalesce(json_agg(json_build_object('column', col, 'row', rw, 'count', n)
            ORDER BY rw, col) FILTER (WHERE col >= 0 AND col < $5 AND rw >= 0 AND rw < $5),
            '[]'))::text
    FROM counted"""

# getArrowSetRanking from the arrows: per arrow number and overall, then each arrow's offset
# from the group's mean point of impact and its rank.
RANKING_SQL = """WITH arrows AS (
        SELECT sh.arrow_number, sh.value, sh.spot_x_mm AS x, sh.spot_y_mm AS y,
            sh.spot_x_mm / sh.distance_m AS xa, sh.spot_y_mm / sh.distance_m AS ya
        FROM shot sh JOIN slot sl ON sl.id = sh.slot_id
        WHERE sl.archer_id = $1 AND sl.arrow_set_id = $2
    ), groups AS (
        SELECT grouping(arrow_number) = 1 AS overall, arrow_number, count(*) AS arrows,
            avg(value)::float8 AS mean_score, count(x) AS plotted,
            avg(x) AS mx, avg(y) AS my, avg(xa) AS mxa, avg(ya) AS mya,
            sqrt(var_pop(x) + var_pop(y)) AS sd_mm, sqrt(var_pop(xa) + var_pop(ya)) AS sd_mrad
        FROM arrows GROUP BY GROUPING SETS ((arrow_number), ())
    ), offsets AS (
        SELECT a.*, a.mx - g.mx AS dx, a.my - g.my AS dy, a.mxa - g.mxa AS dxa,
            a.mya - g.mya AS dya
        FROM groups a, groups g
        WHERE g.overall AND NOT a.overall AND a.arrow_number IS NOT NULL
    ), ranked AS (
        SELECT *, row_number() OVER (ORDER BY mean_score DESC,
            sqrt(dxa ^ 2 + dya ^ 2) NULLS LAST, arrow_number) AS rank
        FROM offsets
    )
    SELECT json_build_object(
        'arrows_shot', g.arrows,
        'group_mean_point_of_impact', json_build_object('x_mm', g.mx, 'y_mm', g.my,
            'x_mrad', g.mxa, 'y_mrad', g.mya),
        'items', (SELECT json_agg(json_build_object('rank', rank, 'arrow_number', arrow_number,
            'arrows_shot', arrows, 'mean_score', mean_score, 'plotted_arrows', plotted,
            'offset_x_mm', dx, 'offset_y_mm', dy, 'offset_mm', sqrt(dx ^ 2 + dy ^ 2),
            'offset_x_mrad', dxa, 'offset_y_mrad', dya, 'offset_mrad', sqrt(dxa ^ 2 + dya ^ 2),
            'radial_sd_mm', sd_mm, 'radial_sd_mrad', sd_mrad) ORDER BY rank) FROM ranked))::text
    FROM groups g WHERE g.overall"""


@dataclass
class Archer:
    """An archer made through the API: its token, ids, and its equipment's."""

    token: str
    archer_id: UUID
    bow_id: UUID
    arrow_set_id: UUID


@dataclass
class Row:
    """One line of the table: an operation at a size, with and without the indexes."""

    operation: str
    arrows: int
    indexes: str
    quiver: list[float]
    sql: list[float] = field(default_factory=list)


@contextmanager
def server(dsn: str, port: int) -> Iterator[None]:
    """One Quiver worker on the database ``dsn``, every rate limit out of reach."""
    env = {**os.environ, "DATABASE_URL": dsn, "QUIVER_PORT": str(port), "QUIVER_WORKERS": "1"}
    env.update(dict.fromkeys(rate_limit_variables(), "1000000"))
    process = subprocess.Popen(
        [sys.executable, "-m", "quiver", "serve"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL
    )
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/api/v0/face", process)
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


def make_archer(http: httpx.Client, name: str) -> Archer:
    """Register an archer, sign in, and give them a bow and a set of 12 numbered arrows."""
    email = f"{name}-{uuid4().hex}@example.org"
    registered = http.post("/archer", json={
        "email": email, "password": PASSWORD, "first_name": "P", "last_name": "Rogress",
        "bowstyle": "recurve", "draw_weight_lb": 38, "date_of_birth": "1990-05-17",
        "gender": "female"})  # fmt: skip
    registered.raise_for_status()
    login = http.post("/auth/login", json={"email": email, "password": PASSWORD})
    login.raise_for_status()
    token: str = login.json()["access_token"]
    auth = {"Authorization": f"Bearer {token}"}
    bow = http.post(
        "/bow", headers=auth, json={"name": "Club recurve", "bowstyle": "recurve",
                                    "draw_weight_lb": 38})  # fmt: skip
    bow.raise_for_status()
    arrows = http.post(
        "/arrow_set", headers=auth, json={"name": "X10 dozen", "shaft_diameter_mm": 5.5,
                                          "arrow_count": 12})  # fmt: skip
    arrows.raise_for_status()
    return Archer(
        token, UUID(registered.json()["id"]), UUID(bow.json()["id"]), UUID(arrows.json()["id"])
    )


# Before migration 0017: the unique (slot_id, seq) index as migration 0004 made it.
WITHOUT_0017 = """ALTER TABLE shot DROP CONSTRAINT shot_slot_seq_key,
    ADD CONSTRAINT shot_slot_seq_key UNIQUE (slot_id, seq)"""


async def set_indexes(conn: asyncpg.Connection, wanted: bool) -> None:
    """Apply migration 0017 again (or undo it), then refresh the planner's statistics."""
    await conn.execute(INDEX_MIGRATION.read_text(encoding="utf-8") if wanted else WITHOUT_0017)
    await conn.execute("VACUUM ANALYZE shot")
    size = await conn.fetchval(
        "SELECT pg_size_pretty(pg_relation_size('shot_slot_seq_key'))"
        " || ', ' || pg_size_pretty(pg_indexes_size('shot'))"
    )
    print(
        f"  0017 {'applied' if wanted else 'undone'}: shot_slot_seq_key and all of shot's indexes: {size}"
    )


def percentile(samples: list[float], fraction: float) -> float:
    """The ``fraction`` quantile of ``samples`` (ms), interpolated between order statistics."""
    ordered = sorted(samples)
    position = fraction * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


async def timed(call: Callable[[], Awaitable[object]]) -> float:
    """How long ``call`` takes, in ms."""
    started = time.perf_counter()
    await call()
    return (time.perf_counter() - started) * 1000


@dataclass
class Bench:
    """What the measures need: the clients, the archer and the number of samples."""

    http: httpx.AsyncClient
    conn: asyncpg.Connection
    archer: Archer
    requests: int
    warmup: int

    def get(self, path: str, **params: str) -> Callable[[], Awaitable[httpx.Response]]:
        """A call of GET ``path`` that fails on anything but 200."""

        async def call() -> httpx.Response:
            response = await self.http.get(path, params=params)
            if response.status_code != 200:
                raise RuntimeError(f"GET {path}: {response.status_code} {response.text[:300]}")
            return response

        return call

    def query(self, sql: str, *args: object) -> Callable[[], Awaitable[str]]:
        """A call of the hand-written ``sql``, answering its JSON text."""

        async def call() -> str:
            text: str = await self.conn.fetchval(sql, *args)
            return text

        return call

    async def measure(
        self,
        endpoint: Callable[[], Awaitable[object]],
        sql: Callable[[], Awaitable[object]] | None,
    ) -> tuple[list[float], list[float]]:
        """Warm both up, then time them in turns."""
        for _ in range(self.warmup):
            await endpoint()
            if sql is not None:
                await sql()
        ours, theirs = [], []
        for _ in range(self.requests):
            ours.append(await timed(endpoint))
            if sql is not None:
                theirs.append(await timed(sql))
        return ours, theirs

    def operations(self) -> dict[str, tuple[Callable[[], Awaitable[httpx.Response]],
                                             Callable[[], Awaitable[str]]]]:  # fmt: skip
        """Each compared operation's endpoint call and hand-written query."""
        grid = groups.heatmap_grid(HEATMAP_FACE)
        archer = self.archer
        return {
            "getHistorySummary": (
                self.get("/history/summary"),
                self.query(SUMMARY_SQL, archer.archer_id, MAX_WEEKS),
            ),
            "getHistoryHeatmap": (
                self.get("/history/heatmap", face_type=HEATMAP_FACE.value),
                self.query(HEATMAP_SQL, archer.archer_id, HEATMAP_FACE.value, grid.cell_mm,
                           grid.origin_mm, grid.cells),  # fmt: skip
            ),
            "getArrowSetRanking": (
                self.get(f"/arrow_set/{archer.arrow_set_id}/ranking"),
                self.query(RANKING_SQL, archer.archer_id, archer.arrow_set_id),
            ),
        }


def _close(a: float | None, b: float | None, what: str) -> None:
    if a is None or b is None:
        if a is not b:
            raise AssertionError(f"{what}: {a} against {b}")
        return
    if not math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9):
        raise AssertionError(f"{what}: {a} against {b}")


def check_same(operation: str, ours: dict[str, Any], theirs: dict[str, Any]) -> None:
    """Fail unless the endpoint and the hand-written query computed the same figures."""
    if operation == "getHistorySummary":
        for key in ("slots", "arrows_shot", "total_score"):
            _close(ours[key], theirs[key], f"{operation} {key}")
        weeks = [(w["week_start"], w["arrows_shot"], w["total_score"]) for w in ours["weeks"]]
        if weeks != [(w["week_start"], w["arrows_shot"], w["total_score"])
                     for w in theirs["weeks"]]:  # fmt: skip
            raise AssertionError(f"{operation}: the weeks differ")
        _close(ours["trend"]["slope_per_week"], theirs["slope_per_week"], f"{operation} slope")
        _close(ours["trend"]["slope_standard_error"], theirs["slope_standard_error"],
               f"{operation} standard error")  # fmt: skip
    elif operation == "getHistoryHeatmap":
        _close(ours["plotted_arrows"], theirs["plotted_arrows"], f"{operation} plotted")
        if ours["cells"] != theirs["cells"]:
            raise AssertionError(f"{operation}: the cells differ")
    else:
        _close(ours["arrows_shot"], theirs["arrows_shot"], f"{operation} arrows")
        for key, value in ours["group_mean_point_of_impact"].items():
            _close(value, theirs["group_mean_point_of_impact"][key], f"{operation} {key}")
        mine = {item["arrow_number"]: item for item in ours["items"]}
        for item in theirs["items"]:
            for key, value in item.items():
                _close(mine[item["arrow_number"]][key], value, f"{operation} {key}")


async def explain(conn: asyncpg.Connection, archer: Archer) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of the statements the three endpoints' services run (captured
    as they run them, minus authentication) and of the hand-written queries."""
    captured: list[tuple[str, str, tuple[Any, ...]]] = []
    logged: list[Any] = []
    conn.add_query_logger(logged.append)
    everything = HistoryFilter()
    services: dict[str, Callable[[], Awaitable[object]]] = {
        "getHistorySummary": lambda: history_service.history_summary(
            conn, archer.archer_id, everything, time_zone="UTC"
        ),
        "getHistoryHeatmap": lambda: groups.history_heatmap(
            conn, archer.archer_id, HEATMAP_FACE, everything
        ),
        "getArrowSetRanking": lambda: groups.arrow_set_ranking(
            conn, archer.archer_id, archer.arrow_set_id, everything
        ),
    }
    for name, call in services.items():
        await call()
        await asyncio.sleep(0.05)  # The logger is called soon after each query, not at once.
        captured += [(name, q.query, tuple(q.args)) for q in logged if q.exception is None]
        logged.clear()
    conn.remove_query_logger(logged.append)
    grid = groups.heatmap_grid(HEATMAP_FACE)
    captured += [
        ("hand-written summary", SUMMARY_SQL, (archer.archer_id, MAX_WEEKS)),
        ("hand-written heatmap", HEATMAP_SQL, (archer.archer_id, HEATMAP_FACE.value,
                                               grid.cell_mm, grid.origin_mm, grid.cells)),
        ("hand-written ranking", RANKING_SQL, (archer.archer_id, archer.arrow_set_id)),
    ]  # fmt: skip
    for name, query, args in captured:
        plan_rows = await conn.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {query}", *args)
        statement = re.sub(r"\n\s*\n", "\n", query.strip())
        print(f"\n--- {name}\n{statement}\n")
        print("\n".join(row[0] for row in plan_rows))


def print_table(rows: list[Row]) -> None:
    """The table: p50 / p99 of each side and the ratios (SQL over Quiver)."""
    print(f"\n{'operation':24} {'arrows':>8} {'0017':>7} {'Quiver p50/p99 ms':>19} "
          f"{'SQL p50/p99 ms':>17} {'ratio p50/p99':>14}")  # fmt: skip
    for row in rows:
        ours = (percentile(row.quiver, 0.5), percentile(row.quiver, 0.99))
        cells = f"{ours[0]:7.2f} / {ours[1]:7.2f}"
        if row.sql:
            theirs = (percentile(row.sql, 0.5), percentile(row.sql, 0.99))
            sql = f"{theirs[0]:6.2f} / {theirs[1]:7.2f}"
            ratio = f"{theirs[0] / ours[0]:5.2f} / {theirs[1] / ours[1]:5.2f}"
        else:
            sql = ratio = "-"
        print(f"{row.operation:24} {row.arrows:>8,} {row.indexes:>7} {cells:>19} {sql:>17} "
              f"{ratio:>14}")  # fmt: skip
    print("\nratio: the hand-written SQL's time over Quiver's (target: at least 0.5).")


async def seed_neighbours(conn: asyncpg.Connection, neighbours: list[Archer], arrows: int) -> None:
    """Give each of ``neighbours`` a history of ``arrows`` arrows."""
    for number, neighbour in enumerate(neighbours, start=1):
        started = time.perf_counter()
        sessions = plan(arrows, seed=number)
        stored = await store(
            conn, neighbour.archer_id, neighbour.bow_id, neighbour.arrow_set_id, sessions
        )
        print(f"neighbour {number}: {stored:,} arrows in "
              f"{time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip


async def measure_stage(bench: Bench, arrows: int, *, last: bool, explain_plans: bool) -> list[Row]:
    """Without, then with, migration 0017's indexes: the compared operations (their answers
    checked first), and at the ``last`` stage the extra ones and the plans."""
    rows: list[Row] = []
    for wanted in (False, True):
        await set_indexes(bench.conn, wanted)
        label = "with" if wanted else "without"
        for name, (endpoint, sql) in bench.operations().items():
            response = await endpoint()
            check_same(name, response.json(), json.loads(await sql()))
            ours, theirs = await bench.measure(endpoint, sql)
            rows.append(Row(name, arrows, label, ours, theirs))
            print(f"  {name} {label} 0017: done", flush=True)
        if not last:
            continue
        for name, endpoint in (
            ("listHistorySlots", bench.get("/history/slot", limit="20")),
            ("listHandicapProgression", bench.get("/history/handicap")),
            # The floor: an authenticated read of one row.
            ("getMyArcher (floor)", bench.get("/archer/me")),
        ):
            ours, _ = await bench.measure(endpoint, None)
            rows.append(Row(name, arrows, label, ours))
        if explain_plans:
            print(f"\n===== EXPLAIN at {arrows:,} arrows, {label} 0017 =====")
            await explain(bench.conn, bench.archer)
    return rows


async def run(args: argparse.Namespace, dsn: str, owner: Archer, neighbours: list[Archer]) -> None:
    """Seed in stages and measure each; the table at the end."""
    conn = await asyncpg.connect(dsn)
    rows: list[Row] = []
    base = f"http://127.0.0.1:{args.port}/api/v0"
    headers = {"Authorization": f"Bearer {owner.token}"}
    try:
        await seed_neighbours(conn, neighbours, args.neighbour_arrows)
        seeded = 0
        parts = stages(plan(args.stages[-1]), args.stages)
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as http:
            bench = Bench(http, conn, owner, args.requests, args.warmup)
            for index, part in enumerate(parts):
                started = time.perf_counter()
                seeded += await store(conn, owner.archer_id, owner.bow_id, owner.arrow_set_id, part)
                # Autovacuum would get there: visibility map set, statistics fresh.
                await conn.execute("VACUUM ANALYZE shot, slot, practice_session, slot_aggregate")
                print(f"archer: {seeded:,} arrows ({len(part)} more sessions) in "
                      f"{time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip
                last = index == len(parts) - 1
                rows += await measure_stage(bench, seeded, last=last, explain_plans=args.explain)
        print_table(rows)
    finally:
        await conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="timed requests per measure")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument(
        "--stages",
        type=lambda text: tuple(int(n) for n in text.split(",")),
        default=STAGES,
        help="arrows of the archer at each stage, comma-separated",
    )
    parser.add_argument("--neighbours", type=int, default=4, help="other archers")
    parser.add_argument("--neighbour-arrows", type=int, default=50_000, help="each")
    parser.add_argument("--port", type=int, default=18092)
    parser.add_argument("--explain", action="store_true", help="print the plans at 100k")
    parser.add_argument(
        "--pgdata", type=Path, default=Path(tempfile.gettempdir()) / "quiver-bench" / "pgdata"
    )
    args = parser.parse_args()
    embedded = start_embedded_postgres(args.pgdata)
    try:
        dsn = fresh_database(embedded, "quiver_progress_bench")
        with server(dsn, args.port):
            with httpx.Client(base_url=f"http://127.0.0.1:{args.port}/api/v0", timeout=30) as http:
                owner = make_archer(http, "progress-bench")
                neighbours = [
                    make_archer(http, "progress-neighbour") for _ in range(args.neighbours)
                ]
            asyncio.run(run(args, dsn, owner, neighbours))
    finally:
        embedded.cleanup()


if __name__ == "__main__":
    main()
