"""The outbox relay: publishes committed announcements (``live_outbox``) to the broker.

Every process runs one, on a direct connection of its own; one of them at a time leads: the
one holding a session-level advisory lock (``pg_try_advisory_lock``), which PostgreSQL
releases when that process or its connection dies, and a standby then takes over within
``outbox_poll_seconds``. A single publisher keeps each session's messages in seq order
without coordinating per session, and one query a round serves every session; a second
leader could only exist for the moment the server takes to notice a dead connection, and
subscribers drop what they already delivered (by seq), so even that costs no order.

The leader publishes what is committed and unpublished, oldest seq first per session, waits
for the broker to confirm it has it all (a PING round trip), and only then marks it
published: a broker that is down keeps everything for the next round, and a crash between
publishing and marking publishes again (a duplicate, dropped by seq). It looks again when a
write wakes it (``wake``), at most ``outbox_poll_seconds`` after the last look otherwise, and
purges rows published more than ``outbox_retention_seconds`` ago.
"""

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, TypeAlias
from uuid import UUID

import asyncpg

from quiver.core.db import Connection
from quiver.core.logger import LoggerFactory
from quiver.models import outbox as outbox_model

if TYPE_CHECKING:
    RelayConnection: TypeAlias = asyncpg.Connection[asyncpg.Record]
else:
    RelayConnection = asyncpg.Connection

logger = LoggerFactory().get_logger(__name__)

# pg_try_advisory_lock key: "quiver outbox relay", fixed so every process agrees on it.
LOCK_KEY = 0x71_6F_62_72
# Rows published per round trip; a backlog takes several, without waiting in between.
BATCH = 500
# Rows deleted per purge statement (as housekeeping's), so a backlog never holds long locks.
PURGE_BATCH = 5000
DATABASE_ERRORS = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)

# (session id, seq, message) of each row, in the order to publish them.
Rows: TypeAlias = Sequence[tuple[UUID, int, str]]


class BrokerUnavailable(Exception):
    """The broker could not take (or confirm) a batch; it stays unpublished."""


class OutboxRelay:
    """The relay of one process: standby, or the deployment's leader."""

    def __init__(
        self,
        dsn: str,
        send: Callable[[Rows], Awaitable[None]],
        *,
        poll_seconds: float,
        retention_seconds: float,
        on_lead: Callable[[bool], Awaitable[None]] | None = None,
    ) -> None:
        self._dsn = dsn
        self._send = send
        self._poll = poll_seconds
        self._retention = retention_seconds
        self._on_lead = on_lead
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.leading = False
        self.published = 0

    def start(self) -> None:
        """Connect and stand by, or lead (in the background)."""
        self._task = asyncio.create_task(self._run(), name="quiver-outbox-relay")

    async def stop(self) -> None:
        """Stop relaying; the advisory lock goes with the connection. Safe to call twice."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    def wake(self) -> None:
        """A write committed an announcement: look now (a no-op unless leading)."""
        self._wake.set()

    async def _run(self) -> None:
        while True:
            try:
                conn: RelayConnection = await asyncpg.connect(self._dsn)
            except DATABASE_ERRORS as exc:
                logger.warning("outbox relay could not connect: %s", exc)
            else:
                try:
                    await self._serve(conn)
                except DATABASE_ERRORS as exc:
                    logger.warning("outbox relay connection failed: %s", exc)
                # A bug in one round must not end relaying for the whole deployment.
                except Exception:  # pylint: disable=broad-exception-caught
                    logger.exception("outbox relay failed; starting over")
                finally:
                    await self._lead(False)
                    conn.terminate()
            await asyncio.sleep(self._poll)

    async def _lead(self, leading: bool) -> None:
        if leading != self.leading:
            self.leading = leading
            if leading:
                logger.info("this process now relays the live outbox")
            if self._on_lead is not None:
                await self._on_lead(leading)

    async def _serve(self, conn: RelayConnection) -> None:
        while not await outbox_model.try_lock_relay(conn, LOCK_KEY):
            await asyncio.sleep(self._poll)
        await self._lead(True)
        purge_every = min(max(self._retention / 4, self._poll), 60.0)
        next_purge = time.monotonic()
        broker_down = False
        while True:
            self._wake.clear()
            try:
                await self.relay(conn)
                broker_down = False
            except BrokerUnavailable as exc:
                # Kept for the next round; said once per outage.
                if not broker_down:
                    logger.warning("live broker unavailable, outbox kept for later: %s", exc)
                broker_down = True
            if time.monotonic() >= next_purge:
                await purge(conn, self._retention)
                next_purge = time.monotonic() + purge_every
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._poll):
                    await self._wake.wait()

    async def relay(self, conn: Connection) -> int:
        """Publish every committed unpublished row, then mark it; returns how many.

        Raises:
            BrokerUnavailable: The broker did not confirm a batch (left unpublished).
        """
        total = 0
        while True:
            rows = await outbox_model.select_unpublished(conn, BATCH)
            if not rows:
                return total
            await self._send([(row["session_id"], row["seq"], row["message"]) for row in rows])
            # Rows come each session's in seq order: the last one seen is its highest.
            last = {row["session_id"]: row["seq"] for row in rows}
            await outbox_model.update_published(conn, list(last), list(last.values()))
            total += len(rows)
            self.published += len(rows)
            if len(rows) < BATCH:
                return total


async def purge(conn: Connection, retention_seconds: float) -> int:
    """Delete rows published longer ago than the retention, and counters of deleted
    sessions without rows, in bounded batches; returns the rows deleted."""
    total = 0
    while (
        deleted := await outbox_model.delete_published_before(conn, retention_seconds, PURGE_BATCH)
    ) == PURGE_BATCH:
        total += deleted
    total += deleted
    while (deleted := await outbox_model.delete_ended_sequences(conn, PURGE_BATCH)) == PURGE_BATCH:
        total += deleted
    return total + deleted
