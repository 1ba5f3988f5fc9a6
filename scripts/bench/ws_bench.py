"""Quiver's live channel against the yardstick (scripts/bench/ws_yardstick.py) on this machine.

Runs one uvicorn worker of each on the embedded PostgreSQL and, from this process on 127.0.0.1,
connects N WebSocket viewers (1,000, 100, then 1) to one session. Then it records arrows one at
a time and measures, for every viewer, the time from just before the POST was sent to that
viewer receiving the event that names the arrow (so the POST's commit is included). Quiver's
event carries the arrow and the slot's live statistics, loaded once per event; the yardstick's
carries the inserted row, straight from NOTIFY. Each scenario watches a new session whose
archers shoot 72-arrow rounds in turn, so statistics have a realistic size.

It also reports memory per idle connection: the server's RSS (its process and any worker
processes) before and after 1,000 viewers connect, and the growth divided by 1,000 (measured
first, on fresh servers).

Every scenario runs --reps times, Quiver and the yardstick alternating; percentiles pool the
deliveries of all repetitions.

Usage: .venv/bin/python scripts/bench/ws_bench.py [--viewers 1000 100 1] [--shots 30 100 200]
       [--reps 3] [--ports 18090 18091]
"""

import argparse
import asyncio
import gc
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
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
QUIVER_PORT, YARD_PORT = 18090, 18091
PASSWORD = "benchmark-password"
CONNECT_BATCH = 50
ARROWS_PER_SLOT = 72
WARM_UP_ARROWS = 5
SETTLE_SECONDS = 3
DELIVERY_TIMEOUT_SECONDS = 10
# One arrow at a time, at most this often, so each measures one event's trip, not a backlog.
PACE_SECONDS = {1: 0.05, 100: 0.1, 1000: 0.25}


@dataclass
class Target:
    """One server under test and how to talk to it."""

    name: str
    port: int
    process: subprocess.Popen[bytes] | None = None
    token: str = ""
    session_id: str = ""
    slot_ids: list[str] = field(default_factory=list)

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss_kib(self) -> int:
        """Resident memory of the server: its process and every descendant (the workers of
        ``quiver serve --workers N``), from /proc/<pid>/status."""
        assert self.process is not None
        total, pending = 0, [self.process.pid]
        while pending:
            pid = pending.pop()
            try:
                status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
                children = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="utf-8")
            except FileNotFoundError:
                continue  # it exited meanwhile
            line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
            total += int(line.split()[1])
            pending += [int(child) for child in children.split()]
        return total


@dataclass
class Run:
    """The deliveries of one scenario."""

    target: str
    viewers: int
    latencies_ms: list[float] = field(default_factory=list)
    slowest_ms: list[float] = field(default_factory=list)
    post_ms: list[float] = field(default_factory=list)
    rep_p99_ms: list[float] = field(default_factory=list)
    expected: int = 0
    received: int = 0

    def add(self, other: "Run") -> None:
        """Pool the deliveries of another repetition of the same scenario."""
        self.latencies_ms += other.latencies_ms
        self.slowest_ms += other.slowest_ms
        self.post_ms += other.post_ms
        self.rep_p99_ms.append(percentile(other.latencies_ms, 0.99))
        self.expected += other.expected
        self.received += other.received


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


@contextmanager
def servers(dsn: str, quiver: Target, yard: Target, logs: Path, log_level: str) -> Iterator[None]:
    """Both servers, their warnings and errors logged to ``logs``."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("QUIVER_")}
    env.update({"DATABASE_URL": dsn, "QUIVER_PORT": str(quiver.port),
                "QUIVER_LOG_LEVEL": log_level, "QUIVER_ARGON2_TIME_COST": "1",
                "QUIVER_ARGON2_MEMORY_COST_KIB": "8"})  # fmt: skip
    # Every rate limit on (its cost is part of the measure), but out of reach of the load.
    env.update(dict.fromkeys(rate_limit_variables(), "1000000"))
    with (logs / "quiver.log").open("wb") as quiver_log:
        quiver.process = subprocess.Popen(
            [sys.executable, "-m", "quiver", "serve"], cwd=ROOT, env=env, stderr=quiver_log
        )
    # Both without per-message compression (quiver serve turns it off): the same transport.
    with (logs / "yardstick.log").open("wb") as yard_log:
        yard.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "scripts.bench.ws_yardstick:app", "--port",
             str(yard.port), "--no-access-log", "--log-level", "warning",
             "--ws-per-message-deflate", "false"],
            cwd=ROOT, env=env, stderr=yard_log,
        )  # fmt: skip
    try:
        for target, probe in ((quiver, "/api/v0/face"), (yard, "/docs")):
            for _ in range(300):
                process = target.process
                assert process is not None and process.poll() is None, f"{target.name} exited"
                try:
                    httpx.get(target.http + probe, timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
        yield
    finally:
        for target in (quiver, yard):
            assert target.process is not None
            target.process.terminate()
            target.process.wait(timeout=30)


def seed(target: Target, arrows: int) -> None:
    """A new open session on ``target`` with enough 72-arrow slots for ``arrows`` arrows."""
    slots = -(-arrows // ARROWS_PER_SLOT)
    if target.name == "yardstick":
        target.slot_ids = [str(uuid4()) for _ in range(slots)]
        return
    with httpx.Client(base_url=target.http + "/api/v0", timeout=30) as http:

        def account() -> dict[str, str]:
            email = f"bench-{uuid4().hex}@example.org"
            http.post("/archer", json={"email": email, "password": PASSWORD, "first_name": "B",
                                       "last_name": "Ench", "bowstyle": "recurve",
                                       "draw_weight_lb": 40}).raise_for_status()  # fmt: skip
            token = http.post("/auth/login", json={"email": email, "password": PASSWORD})
            return {"Authorization": f"Bearer {token.json()['access_token']}"}

        owner = account()
        target.token = owner["Authorization"].removeprefix("Bearer ")
        target.session_id = http.post("/session", headers=owner, json={
            "is_opened": True, "start_time": "2026-11-26T10:00:00Z", "location": "bench",
            "is_indoor": False, "distance": 70}).json()["id"]  # fmt: skip
        target.slot_ids = [
            http.post(f"/session/{target.session_id}/slot", headers=account(),
                      json={"distance": 70, "face_type": "wa_122", "arrows_per_end": 6}
                      ).json()["id"]
            for _ in range(slots)
        ]  # fmt: skip


def quiver_shot_id(raw: str | bytes) -> str | None:
    if not (raw.startswith('{"type":"shot.created"') if isinstance(raw, str) else False):
        return None
    shot_id: str = orjson.loads(raw)["data"]["shots"][0]["id"]
    return shot_id


def yard_shot_id(raw: str | bytes) -> str | None:
    shot_id: str = orjson.loads(raw)["id"]
    return shot_id


class Viewers:
    """N connected WebSocket clients and the arrival times of the events they read."""

    def __init__(self, extract: Callable[[str | bytes], str | None]) -> None:
        self.extract = extract
        self.sockets: list[ClientConnection] = []
        self.readers: list[asyncio.Task[None]] = []
        self.arrivals: defaultdict[str, list[float]] = defaultdict(list)
        self.complete: defaultdict[str, asyncio.Event] = defaultdict(asyncio.Event)
        self.first_message: list[asyncio.Event] = []

    async def open(self, urls: list[str]) -> None:
        for start in range(0, len(urls), CONNECT_BATCH):
            batch = urls[start : start + CONNECT_BATCH]
            self.sockets += await asyncio.gather(*(connect(url, max_queue=None) for url in batch))
        for websocket in self.sockets:
            greeted = asyncio.Event()
            self.first_message.append(greeted)
            self.readers.append(asyncio.create_task(self._read(websocket, greeted)))

    async def _read(self, websocket: ClientConnection, greeted: asyncio.Event) -> None:
        try:
            async for raw in websocket:
                now = time.perf_counter()
                greeted.set()
                shot_id = self.extract(raw)
                if shot_id is None:
                    continue
                bucket = self.arrivals[shot_id]
                bucket.append(now)
                if len(bucket) == len(self.sockets):
                    self.complete[shot_id].set()
        except ConnectionClosed:
            pass

    async def close(self) -> None:
        await asyncio.gather(*(websocket.close() for websocket in self.sockets))
        for reader in self.readers:
            reader.cancel()
        await asyncio.gather(*self.readers, return_exceptions=True)


async def viewer_urls(target: Target, count: int) -> list[str]:
    if target.name == "yardstick":
        return [f"ws://127.0.0.1:{target.port}/yard/ws"] * count
    async with httpx.AsyncClient(base_url=target.http, timeout=30) as http:

        async def ticket() -> str:
            response = await http.post(
                f"/api/v0/session/{target.session_id}/ws_ticket",
                headers={"Authorization": f"Bearer {target.token}"},
            )
            value: str = response.json()["ticket"]
            return value

        tickets = []
        for start in range(0, count, CONNECT_BATCH):
            batch = min(CONNECT_BATCH, count - start)
            tickets += await asyncio.gather(*(ticket() for _ in range(batch)))
    base = f"ws://127.0.0.1:{target.port}/ws/v0/session/{target.session_id}"
    return [f"{base}?ticket={value}" for value in tickets]


def poster(target: Target, http: httpx.AsyncClient) -> Callable[[int], Awaitable[str]]:
    """A function that records one arrow on ``target`` and returns its id."""

    async def post_quiver(number: int) -> str:
        # The session's owner records for each archer in turn, 72 arrows each.
        response = await http.post(
            f"/api/v0/slot/{target.slot_ids[number // ARROWS_PER_SLOT]}/shot",
            json={"arrows": [{"x_mm": float(number % 200) - 100.0, "y_mm": 12.5}]},
            headers={"Authorization": f"Bearer {target.token}"},
        )
        shot_id: str = response.json()["items"][0]["id"]
        return shot_id

    async def post_yard(number: int) -> str:
        response = await http.post("/yard/ws/shot", json={
            "slot_id": target.slot_ids[number // ARROWS_PER_SLOT],
            "x_mm": float(number % 200) - 100.0, "y_mm": 12.5, "value": 9})  # fmt: skip
        shot_id: str = response.json()["id"]
        return shot_id

    return post_quiver if target.name == "Quiver" else post_yard


async def measure(target: Target, viewers: Viewers, count: int, shots: int) -> Run:
    run = Run(target.name, count)
    pace = PACE_SECONDS.get(count, 0.1)
    async with httpx.AsyncClient(base_url=target.http, timeout=30) as http:
        post = poster(target, http)
        for number in range(shots + WARM_UP_ARROWS):
            started = time.perf_counter()
            shot_id = await post(number)
            posted = time.perf_counter()
            try:
                await asyncio.wait_for(viewers.complete[shot_id].wait(), DELIVERY_TIMEOUT_SECONDS)
            except TimeoutError:
                pass
            arrivals = viewers.arrivals.pop(shot_id, [])
            viewers.complete.pop(shot_id, None)
            if number >= WARM_UP_ARROWS:  # they warm up connections and caches
                run.expected += count
                run.received += len(arrivals)
                run.post_ms.append((posted - started) * 1000)
                run.latencies_ms += [(arrival - started) * 1000 for arrival in arrivals]
                if arrivals:
                    run.slowest_ms.append((max(arrivals) - started) * 1000)
            await asyncio.sleep(max(0.0, pace - (time.perf_counter() - started)))
    return run


async def scenario(
    target: Target, count: int, shots: int, memory: dict[str, tuple[int, int, int]]
) -> Run:
    seed(target, shots + WARM_UP_ARROWS)
    extract = quiver_shot_id if target.name == "Quiver" else yard_shot_id
    viewers = Viewers(extract)
    gc.collect()
    await asyncio.sleep(1)
    rss_before = target.rss_kib()
    await viewers.open(await viewer_urls(target, count))
    if target.name == "Quiver":  # every viewer has its snapshot before the first arrow
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in viewers.first_message)), 60)
    await asyncio.sleep(2)
    memory.setdefault(target.name, (rss_before, target.rss_kib(), count))
    # This process reads for every viewer: keep its collector's pauses out of the figures.
    gc.collect()
    gc.freeze()
    try:
        return await measure(target, viewers, count, shots)
    finally:
        gc.unfreeze()
        await viewers.close()
        await asyncio.sleep(SETTLE_SECONDS)  # the server finishes closing before the next run


def report(runs: list[Run], memory: dict[str, tuple[int, int, int]], viewers: list[int]) -> None:
    print("\nTime from sending the POST of an arrow to each viewer receiving its event (ms)")
    print(f"{'viewers':>8} {'server':>10} {'events':>15} {'POST p50':>9} {'p50':>7} {'p99':>7}"
          f" {'max':>7} {'slowest p50':>12} {'slowest p99':>12}   p99 per repetition")  # fmt: skip
    for run in runs:
        print(f"{run.viewers:>8} {run.target:>10} {run.received:>7}/{run.expected:<7} "
              f"{percentile(run.post_ms, 0.5):>9.1f} {percentile(run.latencies_ms, 0.5):>7.1f} "
              f"{percentile(run.latencies_ms, 0.99):>7.1f} {max(run.latencies_ms, default=0):>7.1f} "
              f"{percentile(run.slowest_ms, 0.5):>12.1f} {percentile(run.slowest_ms, 0.99):>12.1f}   "
              + ", ".join(f"{p99:.1f}" for p99 in run.rep_p99_ms))  # fmt: skip
    print("\np99 ratio Quiver / yardstick (all deliveries; slowest viewer per arrow):")
    for count in viewers:
        ours = next(r for r in runs if r.viewers == count and r.target == "Quiver")
        yard = next(r for r in runs if r.viewers == count and r.target == "yardstick")
        print(f"{count:>8} viewers: "
              f"{percentile(ours.latencies_ms, 0.99) / percentile(yard.latencies_ms, 0.99):.2f}x; "
              f"{percentile(ours.slowest_ms, 0.99) / percentile(yard.slowest_ms, 0.99):.2f}x")  # fmt: skip
    print(f"\nMemory per idle connection (server RSS, all its processes, before and after "
          f"{viewers[0]} viewers connect):")  # fmt: skip
    for name, (before, after, count) in memory.items():
        print(f"{name:>10}: {before:,} KiB -> {after:,} KiB = {(after - before) / count:.1f} KiB "
              "per viewer")  # fmt: skip


async def bench(args: argparse.Namespace, quiver: Target, yard: Target) -> None:
    pooled = {(t.name, n): Run(t.name, n) for t in (quiver, yard) for n in args.viewers}
    memory: dict[str, tuple[int, int, int]] = {}
    for repetition in range(args.reps):
        # Alternate who goes first, so neither always follows the other's teardown.
        order = (quiver, yard) if repetition % 2 == 0 else (yard, quiver)
        for count, shots in zip(args.viewers, args.shots):
            for target in order:
                run = await scenario(target, count, shots, memory)
                pooled[target.name, count].add(run)
                print(f"  repetition {repetition + 1}: {target.name} with {count} viewer(s), "
                      f"p99 {percentile(run.latencies_ms, 0.99):.1f} ms", flush=True)  # fmt: skip
    report(list(pooled.values()), memory, args.viewers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, nargs="+", default=[1000, 100, 1])
    parser.add_argument("--shots", type=int, nargs="+", default=[30, 100, 200])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--ports", type=int, nargs=2, default=[QUIVER_PORT, YARD_PORT],
                        help="Quiver's and the yardstick's")  # fmt: skip
    parser.add_argument("--server-log-level", default="WARNING", help="Quiver's QUIVER_LOG_LEVEL")
    args = parser.parse_args()
    assert len(args.viewers) == len(args.shots), "one --shots count per --viewers count"
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    workdir = Path(tempfile.gettempdir()) / "quiver-bench-ws"
    pgdata = workdir / "pgdata"
    server = start_embedded_postgres(pgdata)
    try:

        async def recreate() -> None:
            conn = await asyncpg.connect(server.get_uri())
            await conn.execute("DROP DATABASE IF EXISTS quiver_ws_bench WITH (FORCE)")
            await conn.execute("CREATE DATABASE quiver_ws_bench")
            await conn.close()

        asyncio.run(recreate())
        quiver, yard = Target("Quiver", args.ports[0]), Target("yardstick", args.ports[1])
        print(f"Server logs: {workdir}/quiver.log, {workdir}/yardstick.log")
        with servers(
            server.get_uri(database="quiver_ws_bench"), quiver, yard, workdir, args.server_log_level
        ):
            uvloop.run(bench(args, quiver, yard))
    finally:
        server.cleanup()


if __name__ == "__main__":
    main()
