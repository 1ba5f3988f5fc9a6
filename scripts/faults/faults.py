"""The faults: each is injected while the writers run, and says what it saw and what failed.

An injection returns once the fault is over from the harness's side: the postmaster killed
and a new one seen, the lock released, the slow clients gone. The writers go on meanwhile.
"""

import asyncio
import contextlib
import os
import signal
import statistics
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import NamedTuple

import asyncpg
import httpx

from .load import Drive, Slot
from .server import (
    HOST,
    ServeProcess,
    database_dsn,
    memory_kib,
    postmaster_pid,
    process_alive,
)

KILL_RECOVERY_LIMIT_SECONDS = 10.0


class Profile(NamedTuple):
    """How long and how hard: the full run, or the short one of `make test`."""

    before_seconds: float  # load before the fault
    after_seconds: float  # load after the injection returns
    settle_seconds: float  # pending arrows' last chance to be acknowledged
    deadline_seconds: float  # the whole fault, after which everything in flight is abandoned
    lock_seconds: float
    slow_clients: int
    slow_seconds: float
    bursts: int
    burst_size: int
    big_headers: int
    big_header_mib: int


FULL = Profile(3, 3, 20, 120, 8, 100, 10, 3, 200, 8, 48)
SHORT = Profile(1, 1, 12, 45, 3, 100, 3, 1, 200, 8, 48)


class FaultContext:
    """What an injection works with."""

    def __init__(
        self,
        server: ServeProcess,
        drive: Drive,
        slots: list[Slot],
        profile: Profile,
    ) -> None:
        self.server = server
        self.drive = drive
        self.slots = slots
        self.profile = profile
        self.notes: list[str] = []
        self.failures: list[str] = []
        self.started = 0.0

    def mark_start(self) -> None:
        """The fault begins now: recovery is measured from here."""
        self.started = asyncio.get_running_loop().time()


def _counts(outcomes: list[str]) -> str:
    return " ".join(f"{name}:{count}" for name, count in sorted(Counter(outcomes).items())) or "-"


async def kill_database(ctx: FaultContext) -> None:
    """kill -9 of the embedded postmaster; `quiver serve` must bring it back by itself."""
    serve_pid = ctx.server.pid
    old = postmaster_pid(ctx.server.pgdata)
    if old is None or not process_alive(old):
        ctx.failures.append("no postmaster to kill")
        return
    ctx.mark_start()
    os.kill(old, signal.SIGKILL)
    loop = asyncio.get_running_loop()
    deadline = ctx.started + KILL_RECOVERY_LIMIT_SECONDS + 5
    new = None
    while loop.time() < deadline:
        new = postmaster_pid(ctx.server.pgdata)
        if new not in (None, old) and process_alive(new):
            break
        await asyncio.sleep(0.05)
    else:
        new = None
    if new is None:
        ctx.notes.append(f"postmaster {old} killed, none back")
    else:
        ctx.notes.append(f"postmaster {old}→{new} in {loop.time() - ctx.started:.1f} s")
    if not ctx.server.running() or ctx.server.pid != serve_pid:
        ctx.failures.append("quiver serve did not survive the database kill")


async def terminate_server(ctx: FaultContext) -> None:
    """SIGTERM of `quiver serve` under load, then a new one on the same data directory."""
    ctx.mark_start()
    loop = asyncio.get_running_loop()
    code = await ctx.server.stop(signal.SIGTERM, timeout=30)
    stopped_in = loop.time() - ctx.started
    if code != 0:
        ctx.failures.append(f"quiver serve exit code {code} on SIGTERM (None: killed after 30 s)")
    ctx.server.start()
    await ctx.server.wait_until_serving()
    serving_after = loop.time() - ctx.started
    ctx.notes.append(f"stopped in {stopped_in:.1f} s, serving again after {serving_after:.1f} s")


async def lock_shot_table(ctx: FaultContext) -> None:
    """A session of its own holds ACCESS EXCLUSIVE on ``shot`` for a while, then rolls back."""
    conn = await asyncpg.connect(database_dsn(ctx.server.pgdata), timeout=10)
    try:
        async with conn.transaction():
            await conn.execute("SET LOCAL lock_timeout = '10s'")
            ctx.mark_start()
            await conn.execute("LOCK TABLE shot IN ACCESS EXCLUSIVE MODE")
            await asyncio.sleep(ctx.profile.lock_seconds)
            # Leaving the block commits a transaction that changed nothing: the lock goes.
        ctx.notes.append(f"held {ctx.profile.lock_seconds:.0f} s")
    finally:
        await conn.close()


async def exhaust_pool(ctx: FaultContext) -> None:
    """Bursts of concurrent requests, far beyond the pool: half one-arrow writers (retrying
    like the others), half reads of the caller's account."""
    readers: list[str] = []
    burst_acked = burst_arrows = 0
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=ctx.server.base_url, timeout=10, limits=limits) as burst:

        async def read(slot: Slot) -> str:
            try:
                response = await burst.get(
                    "/api/v0/archer/me", headers={"Authorization": f"Bearer {slot.token}"}
                )
            except httpx.TimeoutException:
                return "timeout"
            except httpx.TransportError:
                return "conn"
            return str(response.status_code)

        ctx.mark_start()
        for _ in range(ctx.profile.bursts):
            half = ctx.profile.burst_size // 2
            slots = [ctx.slots[i % len(ctx.slots)] for i in range(half)]
            first = len(ctx.drive.ledger.arrows)
            writes = [ctx.drive.spawn_arrow(slot, burst) for slot in slots]
            readers += await asyncio.gather(*(read(slot) for slot in slots))
            # The burst's arrows retry like any other; the client stays open until they end.
            await asyncio.gather(*writes)
            arrows = ctx.drive.ledger.arrows[first : first + half]
            burst_arrows += len(arrows)
            burst_acked += sum(arrow.shot_id is not None for arrow in arrows)
            await asyncio.sleep(1)
    ctx.notes.append(f"burst reads {_counts(readers)}")
    ctx.notes.append(f"burst arrows acked {burst_acked}/{burst_arrows}")


async def slow_clients(ctx: FaultContext) -> None:
    """Clients that send headers announcing a 100,000-byte body, one byte of it, then
    nothing; a probe meanwhile reads a face, one request after the other."""
    slot = ctx.slots[0]
    head = (
        f"POST /api/v0/slot/{slot.id}/shot HTTP/1.1\r\nHost: {HOST}:{ctx.server.port}\r\n"
        f"Authorization: Bearer {slot.token}\r\nContent-Type: application/json\r\n"
        "Content-Length: 100000\r\n\r\n{"
    ).encode()
    sockets: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    probe: list[str] = []
    latencies: list[float] = []
    loop = asyncio.get_running_loop()
    try:
        ctx.mark_start()
        for _ in range(ctx.profile.slow_clients):
            reader, writer = await asyncio.open_connection(HOST, ctx.server.port)
            writer.write(head)
            await writer.drain()
            sockets.append((reader, writer))
        async with httpx.AsyncClient(base_url=ctx.server.base_url, timeout=5) as http:
            while loop.time() < ctx.started + ctx.profile.slow_seconds:
                sent = loop.time()
                try:
                    probe.append(str((await http.get("/api/v0/face/wa_122")).status_code))
                except httpx.TimeoutException:
                    probe.append("timeout")
                except httpx.TransportError:
                    probe.append("conn")
                latencies.append(loop.time() - sent)
                await asyncio.sleep(0.05)
        answered = [await _status_if_any(reader) for reader, _ in sockets]
    finally:
        for _, writer in sockets:
            writer.close()
    latencies.sort()
    if latencies:
        ctx.notes.append(
            f"probe {_counts(probe)}, median {statistics.median(latencies) * 1000:.0f} ms, "
            f"max {latencies[-1] * 1000:.0f} ms"
        )
    else:
        ctx.failures.append("the probe never ran")
    ctx.notes.append(f"slow clients answered {_counts(answered)}")
    starved = [outcome for outcome in probe if outcome != "200"]
    if starved:
        ctx.failures.append(f"probe starved: {_counts(starved)}")
    refused = [
        attempt.outcome
        for attempt in ctx.drive.ledger.attempts()
        if attempt.sent >= ctx.started and not attempt.ok
    ]
    if refused:
        ctx.failures.append(f"writers starved: {_counts(refused)}")


async def _status_if_any(reader: asyncio.StreamReader) -> str:
    """The status a slow client got so far, or ``none``."""
    try:
        line = await asyncio.wait_for(reader.readline(), 0.01)
    except TimeoutError:
        return "none"
    except ConnectionError:
        return "reset"
    return line.split(b" ")[1].decode() if line.startswith(b"HTTP/") else "closed"


async def _big_header_request(port: int, mib: int) -> str:
    """A GET with one header of ``mib`` MiB, read while it is sent: its status, or how the
    connection ended without one."""
    reader, writer = await asyncio.open_connection(HOST, port)
    chunk = b"a" * (1 << 20)

    async def send() -> None:
        writer.write(f"GET /api/v0/face/wa_122 HTTP/1.1\r\nHost: {HOST}\r\nX-Fill: ".encode())
        for _ in range(mib):
            writer.write(chunk)
            await writer.drain()
        writer.write(b"\r\n\r\n")
        await writer.drain()

    sender = asyncio.create_task(send())
    try:
        line = await asyncio.wait_for(reader.readline(), 60)
    except TimeoutError:
        return "timeout"
    except ConnectionError:
        return "reset"
    finally:
        sender.cancel()
        await asyncio.gather(sender, return_exceptions=True)
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()
    return line.split(b" ")[1].decode() if line.startswith(b"HTTP/") else "closed"


async def oversize_headers(ctx: FaultContext) -> None:
    """Concurrent requests, each with one huge header; the answer should be 431 at once and
    the server's memory should not grow by what they sent."""
    pid = ctx.server.pid
    rss_before, _ = memory_kib(pid)
    ctx.mark_start()
    statuses = await asyncio.gather(
        *(
            _big_header_request(ctx.server.port, ctx.profile.big_header_mib)
            for _ in range(ctx.profile.big_headers)
        )
    )
    rss_after, peak = memory_kib(pid)
    ctx.notes.append(
        f"{ctx.profile.big_headers} × {ctx.profile.big_header_mib} MiB header: {_counts(statuses)}"
    )
    ctx.notes.append(f"RSS {rss_before // 1024}→{rss_after // 1024} MiB (peak {peak // 1024})")
    wrong = [status for status in statuses if status != "431"]
    if wrong:
        ctx.failures.append(f"big headers not answered 431: {_counts(wrong)}")


class Fault(NamedTuple):
    """A fault the harness can inject."""

    name: str
    title: str
    in_short: bool  # deterministic enough for `make test`
    inject: Callable[[FaultContext], Awaitable[None]]
    recovery_limit: float | None = None  # seconds; None: no limit


FAULTS = [
    Fault(
        "db-kill",
        "kill -9 of the database",
        True,
        kill_database,
        recovery_limit=KILL_RECOVERY_LIMIT_SECONDS,
    ),
    Fault("sigterm", "SIGTERM of quiver serve, then a restart", True, terminate_server),
    Fault("table-lock", "ACCESS EXCLUSIVE lock on shot", True, lock_shot_table),
    Fault("pool-exhaustion", "bursts of concurrent requests", False, exhaust_pool),
    Fault("slow-clients", "clients that never finish their body", True, slow_clients),
    Fault("oversize-headers", "requests with a 48 MiB header", True, oversize_headers),
]
