"""The lag of live events under a write storm (issue 11): can a busy session delay its own
events, or anyone else's?

Runs a real ``quiver serve`` on the embedded PostgreSQL. One session has a slot already
holding --seed-arrows arrows (20,000; written through the API, ten per request, so whatever
the database maintains per arrow is maintained), then receives --rate arrows per second
(200) for --seconds (15), --arrows-per-post at a time (1), from concurrent writers that
keep to the schedule whatever the answers' latency (open loop). A quiet session receives
--quiet-rate arrows per second (1) meanwhile, from writers of its own. Each session has one
viewer on the live channel, connected before the storm.

For every arrow it measures when its viewer receives the ``shot.created`` event that names
it, from three starts: the write (the arrow's ``created_at``, stamped by the server as it
starts storing the arrow, so the commit is included but not the request's wait before its
handler runs; this is the event latency the targets apply to), the POST being sent (the whole
write included), and the POST's answer (negative when the event beats the answer). Then p50,
p99 and max per session, and whether every arrow was delivered (it waits --drain seconds
after the last write). Targets: quiet p99 <= 50 ms, busy p99 <= 250 ms, every arrow
delivered.

The client shares the machine's cores with the server and PostgreSQL: it is one uvloop
process, and the rate it achieved is printed.

Usage: .venv/bin/python scripts/bench/lag_bench.py [--seconds 15] [--rate 200]
       [--quiet-rate 1] [--seed-arrows 20000] [--workers N] [--port 18450] [--drain 30]
"""

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from uuid import uuid4

import asyncpg
import httpx
import orjson
import uvloop
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from quiver.core.embedded import start_embedded_postgres
from quiver.core.ratelimit import rate_limit_variables

ROOT = Path(__file__).resolve().parents[2]
PORT = 18450
PASSWORD = "benchmark-password"
DATABASE = "quiver_lag_bench"
SEED_ARROWS_PER_POST = 10
# Writers in flight at most: beyond it the schedule slips, and the achieved rate shows it.
MAX_IN_FLIGHT = 64
QUIET_P99_MS, BUSY_P99_MS = 50.0, 250.0


@dataclass
class Session:
    """One session under test: its slot, the token that writes and watches, what happened."""

    name: str
    session_id: str = ""
    slot_id: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    # shot id -> when (wall clock) its POST was sent, it was written (``created_at``), its
    # answer arrived and its event arrived.
    sent: dict[str, float] = field(default_factory=dict)
    written: dict[str, float] = field(default_factory=dict)
    answered: dict[str, float] = field(default_factory=dict)
    received: dict[str, float] = field(default_factory=dict)
    failed: int = 0
    all_received: asyncio.Event = field(default_factory=asyncio.Event)
    writing: bool = True

    def note_event(self, raw: str | bytes) -> None:
        """Record the arrival of a ``shot.created`` event's arrows."""
        now = time.time()
        if not (isinstance(raw, str) and raw.startswith('{"type":"shot.created"')):
            return
        for shot in orjson.loads(raw)["data"]["shots"]:
            self.received.setdefault(shot["id"], now)
        self.check_complete()

    def check_complete(self) -> None:
        if not self.writing and self.sent.keys() <= self.received.keys():
            self.all_received.set()


@contextmanager
def quiver_serve(dsn: str, port: int, workers: int | None, log: Path) -> Iterator[str]:
    """``quiver serve`` on ``dsn``; yields its base URL."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("QUIVER_")}
    env.update({"DATABASE_URL": dsn, "QUIVER_PORT": str(port), "QUIVER_LOG_LEVEL": "WARNING",
                "QUIVER_ARGON2_TIME_COST": "1", "QUIVER_ARGON2_MEMORY_COST_KIB": "8"})  # fmt: skip
    if workers is not None:
        env["QUIVER_WORKERS"] = str(workers)
    # Every rate limit on (its cost is part of the measure), but out of reach of the load.
    env.update(dict.fromkeys(rate_limit_variables(), "1000000"))
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "quiver", "serve"], cwd=ROOT, env=env, stderr=stderr
        )
    try:
        for _ in range(600):
            assert process.poll() is None, f"quiver serve exited; see {log}"
            try:
                if httpx.get(base + "/api/v0/face", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=60)


async def open_session(http: httpx.AsyncClient, session: Session) -> None:
    """A new archer, their open session and their own slot in it."""
    email = f"lag-{uuid4().hex}@example.org"
    created = await http.post("/archer", json={"email": email, "password": PASSWORD,
                                               "first_name": "L", "last_name": "Ag",
                                               "bowstyle": "recurve", "draw_weight_lb": 40})  # fmt: skip
    created.raise_for_status()
    login = await http.post("/auth/login", json={"email": email, "password": PASSWORD})
    session.headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    opened = await http.post("/session", headers=session.headers, json={
        "is_opened": True, "start_time": "2026-12-01T10:00:00Z", "location": "lag bench",
        "is_indoor": False, "distance": 70})  # fmt: skip
    session.session_id = opened.json()["id"]
    joined = await http.post(f"/session/{session.session_id}/slot", headers=session.headers,
                             json={"distance": 70, "face_type": "wa_122",
                                   "arrows_per_end": 6})  # fmt: skip
    session.slot_id = joined.json()["id"]


def arrow(number: int) -> dict[str, float]:
    return {"x_mm": float(number % 200) - 100.0, "y_mm": float(number % 90) - 45.0}


async def seed(http: httpx.AsyncClient, session: Session, arrows: int) -> float:
    """Write ``arrows`` arrows to the session's slot, ten per request; returns the seconds."""
    started = time.perf_counter()
    for first in range(0, arrows, SEED_ARROWS_PER_POST):
        count = min(SEED_ARROWS_PER_POST, arrows - first)
        response = await http.post(
            f"/slot/{session.slot_id}/shot",
            headers=session.headers,
            json={"arrows": [arrow(first + n) for n in range(count)]},
        )
        response.raise_for_status()
    return time.perf_counter() - started


async def watch(base: str, http: httpx.AsyncClient, session: Session) -> ClientConnection:
    """A viewer of the session, once it has its snapshot."""
    ticket = await http.post(f"/session/{session.session_id}/ws_ticket", headers=session.headers)
    ticket.raise_for_status()
    url = base.replace("http", "ws", 1) + f"/ws/v0/session/{session.session_id}"
    websocket = await connect(f"{url}?ticket={ticket.json()['ticket']}", max_queue=None)
    snapshot = orjson.loads(await websocket.recv())
    assert snapshot["type"] == "session.snapshot", snapshot["type"]
    return websocket


async def read(websocket: ClientConnection, session: Session) -> None:
    try:
        async for raw in websocket:
            session.note_event(raw)
    except ConnectionClosed:
        pass


async def write(base: str, session: Session, rate: float, seconds: float, per_post: int) -> float:
    """``per_post`` arrows per POST, each POST due at its own time from the start (open
    loop), on connections of the session's own; returns the seconds writing took."""
    loop = asyncio.get_running_loop()
    posts = max(1, int(rate * seconds) // per_post)
    interval = per_post / rate
    limit = asyncio.Semaphore(MAX_IN_FLIGHT)
    limits = httpx.Limits(max_connections=MAX_IN_FLIGHT, max_keepalive_connections=MAX_IN_FLIGHT)
    async with httpx.AsyncClient(base_url=base + "/api/v0", timeout=60, limits=limits) as http:

        async def post(number: int) -> None:
            async with limit:
                sent = time.time()
                try:
                    response = await http.post(
                        f"/slot/{session.slot_id}/shot",
                        headers=session.headers,
                        json={"arrows": [arrow(number * per_post + n) for n in range(per_post)]},
                    )
                except httpx.HTTPError:
                    session.failed += per_post
                    return
                answered = time.time()
                if response.status_code != 201:
                    session.failed += per_post
                    return
                for shot in response.json()["items"]:
                    session.sent[shot["id"]] = sent
                    session.written[shot["id"]] = datetime.fromisoformat(
                        shot["created_at"]
                    ).timestamp()
                    session.answered[shot["id"]] = answered

        start = loop.time()
        tasks = []
        for number in range(posts):
            await asyncio.sleep(max(0.0, start + number * interval - loop.time()))
            tasks.append(asyncio.create_task(post(number)))
        await asyncio.gather(*tasks)
        elapsed = loop.time() - start
    session.writing = False
    session.check_complete()
    return elapsed


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def report(session: Session, seconds: float, target_ms: float) -> bool:
    """Print the session's figures; whether it met its target."""
    delivered = [shot for shot in session.sent if shot in session.received]
    figures = {
        label: [(session.received[s] - start[s]) * 1000 for s in delivered]
        for label, start in (
            ("write -> event", session.written),
            ("POST sent -> event", session.sent),
            ("answer -> event", session.answered),
        )
    }
    p99 = percentile(figures["write -> event"], 0.99)
    complete = len(delivered) == len(session.sent) and session.failed == 0
    print(f"{session.name:>6}: {len(session.sent)} arrows in {seconds:.1f} s "
          f"({len(session.sent) / seconds:.1f}/s), {session.failed} failed writes, "
          f"{len(delivered)}/{len(session.sent)} delivered")  # fmt: skip
    for label, values in figures.items():
        print(f"        {label:<20} p50 {percentile(values, 0.5):8.1f} ms   "
              f"p99 {percentile(values, 0.99):8.1f} ms   max {max(values, default=float('nan')):8.1f} ms")  # fmt: skip
    met = complete and p99 <= target_ms
    print(f"        target p99 <= {target_ms:.0f} ms, every arrow delivered: "
          f"{'met' if met else 'MISSED'}")  # fmt: skip
    return met


async def bench(args: argparse.Namespace, base: str) -> None:
    busy, quiet = Session("busy"), Session("quiet")
    async with httpx.AsyncClient(base_url=base + "/api/v0", timeout=60) as http:
        for session in (busy, quiet):
            await open_session(http, session)
        seeded = await seed(http, busy, args.seed_arrows)
        print(f"Seeded the busy slot with {args.seed_arrows} arrows in {seeded:.1f} s")
        sockets = [await watch(base, http, session) for session in (busy, quiet)]
        readers = [
            asyncio.create_task(read(websocket, session))
            for websocket, session in zip(sockets, (busy, quiet))
        ]
        elapsed = await asyncio.gather(
            write(base, busy, args.rate, args.seconds, args.arrows_per_post),
            write(base, quiet, args.quiet_rate, args.seconds, 1),
        )
        for session in (busy, quiet):
            try:
                await asyncio.wait_for(session.all_received.wait(), args.drain)
            except TimeoutError:
                pass
        for websocket in sockets:
            await websocket.close()
        await asyncio.gather(*readers)
    print(f"\nLive-event lag, {args.rate:g} + {args.quiet_rate:g} arrows/s for {args.seconds:g} s, "
          f"busy slot seeded with {args.seed_arrows} arrows, {args.arrows_per_post} per busy "
          "POST:")  # fmt: skip
    met = [report(busy, elapsed[0], BUSY_P99_MS), report(quiet, elapsed[1], QUIET_P99_MS)]
    print("\nAll targets met." if all(met) else "\nSome targets MISSED.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--rate", type=float, default=200.0, help="busy arrows per second")
    parser.add_argument("--quiet-rate", type=float, default=1.0, help="quiet arrows per second")
    parser.add_argument("--arrows-per-post", type=int, default=1, choices=range(1, 11),
                        metavar="1..10", help="arrows per busy POST")  # fmt: skip
    parser.add_argument("--seed-arrows", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=None, help="QUIVER_WORKERS (default: its)")
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--drain", type=float, default=30.0,
                        help="seconds to wait for the last events after writing stops")  # fmt: skip
    args = parser.parse_args()
    workdir = Path(tempfile.gettempdir()) / "quiver-bench-lag"
    server = start_embedded_postgres(workdir / "pgdata")
    try:

        async def recreate() -> None:
            conn = await asyncpg.connect(server.get_uri())
            await conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            await conn.execute(f"CREATE DATABASE {DATABASE}")
            await conn.close()

        asyncio.run(recreate())
        print(f"Server log: {workdir}/quiver.log")
        dsn = server.get_uri(database=DATABASE)
        with quiver_serve(dsn, args.port, args.workers, workdir / "quiver.log") as base:
            uvloop.run(bench(args, base))
    finally:
        server.cleanup()


if __name__ == "__main__":
    main()
