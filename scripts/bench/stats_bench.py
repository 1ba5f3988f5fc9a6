"""A slot's statistics at 100, 1,000 and 20,000 arrows: Quiver against the yardstick.

Quiver reads each slot's running aggregates (migration 0013), so its cost should not grow with
the arrows; the yardstick (scripts/bench/yardstick.py) recomputes them from every arrow in one
hand-written SQL query. Both run one worker on the embedded PostgreSQL and share its database;
the arrows are stored by SQL in bulk (the triggers keep the aggregates as the arrow POST does).
wrk drives GET statistics on each, alternately, at 16 connections; the medians of the runs are
printed with p50 and p99, then the ratios. Targets (issue 11): Quiver flat within 20% across the
sizes, and at least 2x the yardstick at 1,000 arrows.

Usage: .venv/bin/python scripts/bench/stats_bench.py [--seconds 10] [--reps 3]
Needs wrk (apt-get install wrk).
"""

import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from uuid import uuid4

import asyncpg
import httpx
from http_bench import fresh_database, wait_until_serving

from quiver.core.embedded import start_embedded_postgres
from quiver.core.ratelimit import rate_limit_variables

ROOT = Path(__file__).resolve().parents[2]
SIZES = (100, 1_000, 20_000)
CONNECTIONS = 16
PASSWORD = "benchmark-password"

# Arrows of one slot in ends of six on a 122 cm face: positions spread over the face by two
# coprime strides, scored by the ring they land in (61 mm wide, the X half the 10).
_ARROWS = """WITH placed AS (
        SELECT g, (g * 7919 % 1000 - 500) * 0.61 AS x, (g * 6271 % 1000 - 500) * 0.61 AS y
        FROM generate_series(0, $2 - 1) g
    ), scored AS (
        SELECT g, x, y, sqrt(x * x + y * y) AS r,
            greatest(0, 10 - floor(sqrt(x * x + y * y) / 61))::int AS value,
            sqrt(x * x + y * y) < 30.5 AS is_x
        FROM placed
    ), stored AS (
        INSERT INTO shot (slot_id, seq, end_number, position, value, value_label, is_x,
            max_value, x_mm, y_mm, distance_mm, spot_index, spot_x_mm, spot_y_mm, face_type,
            arrow_diameter_mm, distance_m, shot_at, created_at, updated_at)
        SELECT $1, g, g / 6 + 1, g % 6 + 1, value,
            CASE WHEN is_x THEN 'X' WHEN value = 0 THEN 'M' ELSE value::text END, is_x, 10,
            x, y, r, 0, x, y, 'wa_122', 5.5, 70, now(), now(), now()
        FROM scored
        RETURNING 1
    )
    UPDATE slot SET next_seq = (SELECT count(*) FROM stored) WHERE id = $1"""


@contextmanager
def servers(dsn: str, quiver_port: int, yard_port: int) -> Iterator[None]:
    """One Quiver worker and one yardstick worker on the database ``dsn``."""
    env = {**os.environ, "DATABASE_URL": dsn, "QUIVER_PORT": str(quiver_port),
           "QUIVER_WORKERS": "1"}  # fmt: skip
    # Every rate limit on (its cost is part of the measure), but out of reach of the load.
    env.update(dict.fromkeys(rate_limit_variables(), "1000000"))
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "quiver", "serve"], cwd=ROOT, env=env,
            stderr=subprocess.DEVNULL,
        ),
        subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "scripts.bench.yardstick:app", "--port",
             str(yard_port), "--no-access-log", "--log-level", "warning"],
            cwd=ROOT, env=env, stderr=subprocess.DEVNULL,
        ),
    ]  # fmt: skip
    try:
        wait_until_serving(f"http://127.0.0.1:{quiver_port}/api/v0/face", processes[0])
        wait_until_serving(f"http://127.0.0.1:{yard_port}/docs", processes[1])
        yield
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def seed(quiver_port: int, dsn: str) -> tuple[str, dict[int, str]]:
    """An archer's token and, per size, a slot (one per session) holding that many arrows."""
    with httpx.Client(base_url=f"http://127.0.0.1:{quiver_port}/api/v0", timeout=30) as http:
        email = f"stats-bench-{uuid4().hex}@example.org"
        http.post("/archer", json={"email": email, "password": PASSWORD, "first_name": "S",
                                   "last_name": "Tats", "bowstyle": "recurve",
                                   "draw_weight_lb": 40}).raise_for_status()  # fmt: skip
        login = http.post("/auth/login", json={"email": email, "password": PASSWORD})
        token: str = login.json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        slots = {}
        for size in SIZES:
            session = http.post("/session", headers=auth, json={
                "is_opened": True, "start_time": "2026-11-26T10:00:00Z",
                "location": f"{size} arrows", "is_indoor": False, "distance": 70})  # fmt: skip
            slot = http.post(
                f"/session/{session.json()['id']}/slot",
                headers=auth,
                json={"distance": 70, "face_type": "wa_122", "arrows_per_end": 6},
            )
            slots[size] = slot.json()["id"]

    async def store() -> None:
        conn = await asyncpg.connect(dsn)
        try:
            for size, slot_id in slots.items():
                await conn.execute(_ARROWS, slot_id, size)
        finally:
            await conn.close()

    asyncio.run(store())
    return token, slots


def wrk(url: str, seconds: int, token: str | None) -> tuple[float, float, float]:
    """Requests per second, p50 and p99 in ms of one wrk run against ``url``."""
    headers = ["-H", f"Authorization: Bearer {token}"] if token else []
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", *headers, url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    if "Non-2xx or 3xx responses" in output:
        raise RuntimeError(f"errors during the run:\n{output}")
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    percentiles = {
        name: float(number) * scale[unit]
        for name, number, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
    }
    assert rate is not None and set(percentiles) == {"50", "99"}, output
    return float(rate.group(1)), percentiles["50"], percentiles["99"]


def measure(
    urls: dict[str, tuple[str, str | None]], seconds: int, reps: int
) -> dict[str, tuple[float, float, float]]:
    """The median rate, p50 and p99 of each URL over ``reps`` runs, taken in turns."""
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in urls}
    for url, token in urls.values():
        wrk(url, 1, token)  # Warm-up: connections, caches, prepared statements.
    for _ in range(reps):
        for name, (url, token) in urls.items():
            runs[name].append(wrk(url, seconds, token))
    return {
        name: (
            statistics.median(rate for rate, _, _ in results),
            statistics.median(p50 for _, p50, _ in results),
            statistics.median(p99 for _, _, p99 in results),
        )
        for name, results in runs.items()
    }


def report(results: dict[str, tuple[float, float, float]]) -> None:
    """The table, then the two targets."""
    print(f"\n{'GET statistics':18} {'Quiver':>26} {'yardstick':>26} {'ratio':>7}")
    print(f"{'':18} {'req/s   p50 / p99 ms':>26} {'req/s   p50 / p99 ms':>26}")
    for size in SIZES:
        ours, yard = results[f"quiver {size}"], results[f"yard {size}"]
        cells = [f"{rate:>8.0f}  {p50:6.2f} / {p99:6.2f}" for rate, p50, p99 in (ours, yard)]
        print(f"{size:>7,} arrows    {cells[0]:>26} {cells[1]:>26} {ours[0] / yard[0]:>7.2f}")
    rates = [results[f"quiver {size}"][0] for size in SIZES]
    print(f"\nQuiver's slowest size against its fastest: {min(rates) / max(rates):.2f} "
          "(target: at least 0.80, flat within 20%)")  # fmt: skip
    ratio = results["quiver 1000"][0] / results["yard 1000"][0]
    print(f"Quiver against the yardstick at 1,000 arrows: {ratio:.2f}x (target: at least 2x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--quiver-port", type=int, default=18090)
    parser.add_argument("--yard-port", type=int, default=18091)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    server = start_embedded_postgres(Path(tempfile.gettempdir()) / "quiver-bench" / "pgdata")
    try:
        dsn = fresh_database(server, "quiver_stats_bench")
        with servers(dsn, args.quiver_port, args.yard_port):
            token, slots = seed(args.quiver_port, dsn)
            urls: dict[str, tuple[str, str | None]] = {}
            for size, slot_id in slots.items():
                urls[f"quiver {size}"] = (
                    f"http://127.0.0.1:{args.quiver_port}/api/v0/slot/{slot_id}/statistics",
                    token,
                )
                urls[f"yard {size}"] = (
                    f"http://127.0.0.1:{args.yard_port}/yard/slot/{slot_id}/statistics",
                    None,
                )
            results = measure(urls, args.seconds, args.reps)
        report(results)
    finally:
        server.cleanup()


if __name__ == "__main__":
    main()
