"""The ceiling of PostgreSQL LISTEN/NOTIFY on this machine: how many notifying commits per
second the embedded server takes before commit throughput stops growing or commit latency jumps.

Starts the embedded PostgreSQL on a data directory of its own and, from this process (uvloop,
asyncpg), has N writers (8, 16, 32) commit one small transaction after another: one INSERT
into a scratch table shaped like ``shot`` (uuid key, slot id, x, y, time; index on slot id),
in one statement, autocommitted, like Quiver's arrow write. Variants:

- ``no NOTIFY``: the INSERT alone (the control);
- ``NOTIFY ''``: the same statement also calls ``pg_notify`` with an empty payload;
- ``NOTIFY <n> B``: with a realistic payload, the JSON Quiver's live channel sends (type,
  session id, slot id, the arrow ids, event id; ``models/realtime.py``), built in SQL;
- each NOTIFY variant without and with a listener: another process holds a connection that
  has run LISTEN and reads every notification (the table shows how many arrived).

First at full speed (closed loop: each writer sends its next statement when the last one
returns), then at paced offered rates (open loop, 16 writers, each due at fixed intervals and
sending at once when behind, so a server that falls behind shows as fewer commits): the ceiling
is the highest offered rate at which the notifying variant still commits >= 95% of what is
offered with a p99 commit latency <= 2x the control's at the same rate. Latency is one
statement's round trip, commit included. The client shares the 2 cores
with the server: the control row shows what the client itself can drive.

Why NOTIFY serialises. In PostgreSQL's src/backend/commands/async.c, PreCommit_Notify() takes
``LockSharedObject(DatabaseRelationId, InvalidOid, 0, AccessExclusiveLock)`` before it appends
the transaction's notifications to the queue: a heavyweight lock on "database 0", so one lock
for the whole cluster, which the comment above it says is held "till after commit" so that
queue entries appear in commit order. It is released at transaction end, after the commit
record has been flushed to the WAL. So notifying transactions commit one at a time, each holding
the lock across its own WAL flush, and cannot share a flush with each other (group commit) as
other commits do. NotifyQueueLock, an LWLock, is taken only briefly per queue page inside
asyncQueueAddEntries(); it is not what serialises. The ceiling is therefore about one notifying
commit per WAL flush plus the queue work, whatever the number of cores: the fdatasync probe
printed first shows this disk's flush time. Several notifications in one transaction take the
lock once (Quiver's arrow writer announces every request it merged into one statement in one
commit), so the limit is on notifying commits per second, not notifications.

Usage: .venv/bin/python scripts/bench/notify_bench.py [--seconds 5] [--reps 3]
       [--writers 8 16 32] [--rates 250 500 1000 2000 4000 8000] [--pgdata DIR]
"""

import argparse
import asyncio
import multiprocessing
import os
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection as Pipe
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias
from uuid import uuid4

import asyncpg
import uvloop

from quiver.core.embedded import start_embedded_postgres

if TYPE_CHECKING:
    Pool: TypeAlias = asyncpg.Pool[asyncpg.Record]
else:
    Pool = asyncpg.Pool

CHANNEL = "quiver_notify_bench"
DATABASE = "quiver_notify_bench"
WARM_UP_SECONDS = 1.0
LADDER_WRITERS = 16
# A rate is sustained when this share of what was offered commits in the window ...
SUSTAINED_SHARE = 0.95
# ... and its p99 stays within this factor of the control's at the same rate.
P99_FACTOR = 2.0

_INSERT = """INSERT INTO notify_bench (slot_id, x_mm, y_mm) VALUES ($1, $2, $3)
             RETURNING id, slot_id"""
# The live channel's payload (models/realtime.py): ids only, one arrow.
_PAYLOAD = """json_build_object('type', 'shot.created', 'session_id', $4::uuid,
    'slot_id', s.slot_id, 'shot_ids', ARRAY[s.id], 'event_id', gen_random_uuid())::text"""
STATEMENTS = {
    "none": f"WITH s AS ({_INSERT}) SELECT count(*) FROM s WHERE $4::uuid IS NOT NULL",
    "empty": f"WITH s AS ({_INSERT}) SELECT pg_notify('{CHANNEL}', '') FROM s"
    " WHERE $4::uuid IS NOT NULL",
    "payload": f"WITH s AS ({_INSERT}) SELECT pg_notify('{CHANNEL}', {_PAYLOAD}) FROM s",
}


@dataclass(frozen=True)
class Variant:
    """What one run's writers send, and whether a listener reads."""

    statement: str
    listener: bool

    def label(self, payload_bytes: int) -> str:
        text = {"none": "no NOTIFY", "empty": "NOTIFY ''", "payload": f"NOTIFY {payload_bytes} B"}
        return text[self.statement] + (" + listener" if self.listener else "")


VARIANTS = [
    Variant("none", False),
    Variant("empty", False),
    Variant("empty", True),
    Variant("payload", False),
    Variant("payload", True),
]


@dataclass
class Result:
    """The commits of one variant at one concurrency (or offered rate), pooled over reps."""

    rates: list[float] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    sent: int = 0
    received: int = 0

    @property
    def rate(self) -> float:
        return statistics.median(self.rates) if self.rates else float("nan")

    def p(self, fraction: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def listen(dsn: str, pipe: Pipe) -> None:
    """Child process: LISTEN, count what arrives, report the count when told to stop."""

    async def run() -> None:
        received = 0

        def count(*_: object) -> None:
            nonlocal received
            received += 1

        conn = await asyncpg.connect(dsn)
        await conn.add_listener(CHANNEL, count)
        pipe.send("ready")
        # The writers' total, sent once they stop; meanwhile the loop reads notifications.
        expected: int = await asyncio.get_running_loop().run_in_executor(None, pipe.recv)
        deadline = time.monotonic() + 10
        while received < expected and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        pipe.send(received)
        await conn.close()

    uvloop.run(run())


class Listener:
    """A LISTENing connection in a process of its own, as Quiver's is in the server."""

    def __init__(self, dsn: str) -> None:
        context = multiprocessing.get_context("spawn")
        self.pipe, child = context.Pipe()
        self.process = context.Process(target=listen, args=(dsn, child), daemon=True)
        self.process.start()
        if not self.pipe.poll(30) or self.pipe.recv() != "ready":
            raise RuntimeError("the listener did not start")

    def stop(self, sent: int) -> int:
        """Wait (up to 10 s) until ``sent`` notifications arrived; return how many did."""
        self.pipe.send(sent)
        received: int = self.pipe.recv() if self.pipe.poll(30) else -1
        self.process.join(timeout=10)
        return received


async def run_writers(
    pool: Pool, statement: str, writers: int, seconds: float, rate: float | None
) -> tuple[float, list[float], int]:
    """Commits per second and latencies (ms) in the measured window, and all statements sent.

    ``rate`` None: closed loop. Otherwise each writer is due every ``writers / rate`` s.
    """
    # perf_counter, not loop.time(): uvloop's clock moves in whole milliseconds.
    clock = time.perf_counter
    start = clock() + 0.1
    window = (start + WARM_UP_SECONDS, start + WARM_UP_SECONDS + seconds)
    latencies: list[float] = []
    done = [0, 0]  # in the window, in all

    async def writer(index: int) -> None:
        slot, session = uuid4(), uuid4()
        interval = writers / rate if rate else 0.0
        due = start + index * interval / writers
        async with pool.acquire() as conn:
            prepared = await conn.prepare(statement)
            await asyncio.sleep(max(0.0, due - clock()))
            while (now := clock()) < window[1]:
                await prepared.fetchval(slot, float(index), 1.5, session)
                ended = clock()
                done[1] += 1
                if window[0] <= now and ended <= window[1]:
                    done[0] += 1
                    latencies.append((ended - now) * 1000)
                if rate:
                    due += interval
                    await asyncio.sleep(max(0.0, due - clock()))

    await asyncio.gather(*(writer(index) for index in range(writers)))
    return done[0] / seconds, latencies, done[1]


async def one_run(
    dsn: str, pool: Pool, variant: Variant, writers: int, seconds: float,
    rate: float | None,
) -> tuple[float, list[float], int, int]:  # fmt: skip
    await pool.execute("TRUNCATE notify_bench")
    listener = Listener(dsn) if variant.listener else None
    commits, latencies, sent = await run_writers(
        pool, STATEMENTS[variant.statement], writers, seconds, rate
    )
    received = listener.stop(sent) if listener else 0
    return commits, latencies, sent, received


def fsync_probe(directory: Path, count: int = 300) -> tuple[float, float]:
    """p50 and p99 in ms of an 8 kB write + fdatasync in ``directory`` (what a commit waits
    for)."""
    path = directory / "fsync_probe"
    times = []
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for _ in range(count):
            started = time.perf_counter()
            os.pwrite(fd, b"\0" * 8192, 0)
            os.fdatasync(fd)
            times.append((time.perf_counter() - started) * 1000)
    finally:
        os.close(fd)
        path.unlink()
    times.sort()
    return times[count // 2], times[int(count * 0.99)]


async def prepare(admin_dsn: str, dsn: str) -> tuple[str, int, dict[str, str]]:
    """A fresh database with the scratch table; the server's version, the payload's size and
    its durability settings."""
    admin = await asyncpg.connect(admin_dsn)
    await admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    await admin.execute(f"CREATE DATABASE {DATABASE}")
    await admin.close()
    conn = await asyncpg.connect(dsn)
    await conn.execute("""CREATE TABLE notify_bench (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(), slot_id uuid NOT NULL,
        x_mm real, y_mm real, created_at timestamptz NOT NULL DEFAULT now());
        CREATE INDEX ON notify_bench (slot_id)""")  # fmt: skip
    size: int = await conn.fetchval(
        f"""WITH s AS (SELECT gen_random_uuid() AS id, gen_random_uuid() AS slot_id)
            SELECT octet_length({_PAYLOAD.replace("$4", "$1")}) FROM s""",
        uuid4(),
    )
    version: str = await conn.fetchval("SHOW server_version")
    settings = {
        name: await conn.fetchval(f"SHOW {name}")
        for name in ("fsync", "synchronous_commit", "wal_sync_method", "max_connections")
    }
    await conn.close()
    return version, size, settings


async def bench(args: argparse.Namespace, admin_dsn: str, dsn: str, pgdata: Path) -> None:
    version, payload_bytes, settings = await prepare(admin_dsn, dsn)
    flush_p50, flush_p99 = fsync_probe(pgdata)
    print(f"PostgreSQL {version} ({', '.join(f'{k}={v}' for k, v in settings.items())}); "
          f"payload {payload_bytes} B; 8 kB write + fdatasync in the data directory: "
          f"p50 {flush_p50:.3f} ms, p99 {flush_p99:.3f} ms", flush=True)  # fmt: skip
    full = {(v, n): Result() for v in VARIANTS for n in args.writers}
    ladder_variants = [VARIANTS[0], VARIANTS[-1]]
    ladder = {(v, r): Result() for v in ladder_variants for r in args.rates}
    async with asyncpg.create_pool(
        dsn, min_size=1, max_size=max(*args.writers, LADDER_WRITERS) + 1
    ) as pool:
        for repetition in range(args.reps):
            # Rotate the order so no variant always follows the same one.
            order = VARIANTS[repetition % len(VARIANTS) :] + VARIANTS[: repetition % len(VARIANTS)]
            for writers in args.writers:
                for variant in order:
                    await record(full[variant, writers], dsn, pool, variant, writers, None, args)
                    print(f"  rep {repetition + 1}: {variant.label(payload_bytes)}, {writers} "
                          f"writers: {full[variant, writers].rates[-1]:,.0f} commits/s",
                          flush=True)  # fmt: skip
            for rate in args.rates:
                for variant in ladder_variants[:: 1 if repetition % 2 == 0 else -1]:
                    await record(ladder[variant, rate], dsn, pool, variant, LADDER_WRITERS, rate,
                                 args)  # fmt: skip
                    print(f"  rep {repetition + 1}: {variant.label(payload_bytes)}, offered "
                          f"{rate:,.0f}/s: {ladder[variant, rate].rates[-1]:,.0f} commits/s",
                          flush=True)  # fmt: skip
    best = report_full(full, payload_bytes, args)
    report_ladder(ladder, ladder_variants, best, payload_bytes, args)


async def record(
    result: Result, dsn: str, pool: Pool, variant: Variant, writers: int,
    rate: float | None, args: argparse.Namespace,
) -> None:  # fmt: skip
    commits, latencies, sent, received = await one_run(
        dsn, pool, variant, writers, args.seconds, rate
    )
    result.rates.append(commits)
    result.latencies_ms += latencies
    result.sent += sent
    result.received += received


def report_full(
    full: dict[tuple[Variant, int], Result], payload_bytes: int, args: argparse.Namespace
) -> dict[Variant, float]:
    """Print the full-speed table; return each variant's best rate."""
    print(f"\nFull speed: commits/s (median of {args.reps} x {args.seconds:g} s) and commit "
          "latency (pooled), one INSERT per transaction, autocommit")  # fmt: skip
    print(f"{'variant':<28} {'writers':>7} {'commits/s':>10} {'p50 ms':>7} {'p99 ms':>7} "
          f"{'vs none':>8} {'delivered':>19}")  # fmt: skip
    best: dict[Variant, float] = {}
    for variant in VARIANTS:
        for writers in args.writers:
            result = full[variant, writers]
            control = full[VARIANTS[0], writers].rate
            delivered = f"{result.received:,}/{result.sent:,}" if variant.listener else "-"
            best[variant] = max(best.get(variant, 0.0), result.rate)
            print(f"{variant.label(payload_bytes):<28} {writers:>7} {result.rate:>10,.0f} "
                  f"{result.p(0.5):>7.2f} {result.p(0.99):>7.2f} {result.rate / control:>8.2f} "
                  f"{delivered:>19}")  # fmt: skip
    return best


def report_ladder(
    ladder: dict[tuple[Variant, float], Result],
    ladder_variants: list[Variant],
    best: dict[Variant, float],
    payload_bytes: int,
    args: argparse.Namespace,
) -> None:
    """Print the paced table and the ceiling."""
    control, notifying = ladder_variants
    print(f"\nPaced, {LADDER_WRITERS} writers: offered rate, commits/s achieved and commit "
          f"latency: {control.label(payload_bytes)} | "
          f"{notifying.label(payload_bytes)}")  # fmt: skip
    print(f"{'offered/s':>9} {'commits/s':>10} {'p50 ms':>7} {'p99 ms':>7} | {'commits/s':>10} "
          f"{'p50 ms':>7} {'p99 ms':>7} {'delivered':>19}  verdict")  # fmt: skip
    kept_up_to = fast_up_to = 0.0  # the highest rates before the first that fails
    for rate in args.rates:
        plain, notified = ladder[control, rate], ladder[notifying, rate]
        kept_up = notified.rate >= SUSTAINED_SHARE * rate
        fast = notified.p(0.99) <= P99_FACTOR * plain.p(0.99)
        if kept_up and kept_up_to == rate_before(args.rates, rate):
            kept_up_to = rate
        if kept_up and fast and fast_up_to == rate_before(args.rates, rate):
            fast_up_to = rate
        verdict = "sustained" if kept_up and fast else "p99 > 2x" if kept_up else "falls behind"
        if plain.rate < SUSTAINED_SHARE * rate:
            verdict += " (so does the control: client-bound)"
        print(f"{rate:>9,.0f} {plain.rate:>10,.0f} {plain.p(0.5):>7.2f} {plain.p(0.99):>7.2f} | "
              f"{notified.rate:>10,.0f} {notified.p(0.5):>7.2f} {notified.p(0.99):>7.2f} "
              f"{notified.received:>9,}/{notified.sent:<9,}  {verdict}")  # fmt: skip

    def up_to(rate: float) -> str:
        return f"up to {rate:,.0f}/s" if rate else f"not even at {args.rates[0]:,.0f}/s"

    print(f"\nCeiling with {notifying.label(payload_bytes)}: at full speed {best[notifying]:,.0f} "
          f"commits/s at best (no NOTIFY: {best[control]:,.0f}, "
          f"{best[notifying] / best[control]:.2f}x). Paced: commits keep up (>= "
          f"{SUSTAINED_SHARE:.0%} of the offered rate) {up_to(kept_up_to)}; with a p99 within "
          f"{P99_FACTOR:g}x the control's {up_to(fast_up_to)}.")  # fmt: skip


def rate_before(rates: list[float], rate: float) -> float:
    """The rung below ``rate`` on the ladder (0 for the first)."""
    index = rates.index(rate)
    return rates[index - 1] if index else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--writers", type=int, nargs="+", default=[8, 16, 32])
    parser.add_argument(
        "--rates", type=float, nargs="+", default=[250, 500, 1000, 2000, 4000, 8000]
    )
    parser.add_argument(
        "--pgdata",
        type=Path,
        default=Path(tempfile.gettempdir()) / "quiver-bench-notify" / "pgdata",
    )
    args = parser.parse_args()
    server = start_embedded_postgres(args.pgdata)
    try:
        uvloop.run(bench(args, server.get_uri(), server.get_uri(database=DATABASE), args.pgdata))
    finally:
        server.cleanup()


if __name__ == "__main__":
    main()
