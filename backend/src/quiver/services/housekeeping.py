"""Periodic purge of what has expired: idempotency keys, dead tokens, unusable tickets and
idle rate-limit keys.

Every process runs the loop; a transaction-scoped advisory lock lets one of them purge at a
time, and the others skip that round. Each table is emptied in bounded batches until a batch
comes back short, so a large backlog never holds long locks.
"""

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from quiver.core.db import Connection, Pool
from quiver.core.logger import LoggerFactory
from quiver.core.metrics import Metrics
from quiver.core.settings import Settings
from quiver.models import housekeeping as housekeeping_model

logger = LoggerFactory().get_logger(__name__)

# pg_try_advisory_xact_lock key: "quiver housekeeping", fixed so every process agrees on it.
LOCK_KEY = 0x71_68_6B_70


@dataclass(frozen=True)
class Purged:
    """Rows deleted by one round."""

    idempotency_keys: int
    tokens: int
    tickets: int
    rate_limits: int


async def _drain(delete_batch: Callable[[], Awaitable[int]]) -> int:
    total = 0
    while True:
        deleted = await delete_batch()
        total += deleted
        if deleted < housekeeping_model.PURGE_BATCH:
            return total


async def purge_expired(conn: Connection, idempotency_key_ttl_seconds: float) -> Purged | None:
    """One round of purging; None when another process holds the lock."""
    async with conn.transaction():
        if not await housekeeping_model.try_lock_housekeeping(conn, LOCK_KEY):
            return None
        return Purged(
            idempotency_keys=await _drain(
                lambda: housekeeping_model.delete_idempotency_keys_older_than(
                    conn, idempotency_key_ttl_seconds
                )
            ),
            tokens=await _drain(lambda: housekeeping_model.delete_dead_tokens(conn)),
            tickets=await _drain(lambda: housekeeping_model.delete_expired_tickets(conn)),
            rate_limits=await _drain(lambda: housekeeping_model.delete_expired_rate_limits(conn)),
        )


class Housekeeping:
    """The purge loop of one process, started and stopped by the app's lifespan."""

    def __init__(self, pool: Pool, settings: Settings, metrics: Metrics) -> None:
        self._pool = pool
        self._settings = settings
        self._metrics = metrics
        self._task: asyncio.Task[None] | None = None
        self.rounds = 0

    def start(self) -> None:
        """Purge now, then every ``housekeeping_interval_seconds``."""
        self._task = asyncio.create_task(self._run(), name="quiver-housekeeping")

    async def stop(self) -> None:
        """Stop the loop (a round in progress is rolled back; the next process finishes it)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def _count(self, purged: Purged) -> None:
        counter = self._metrics.housekeeping_purged
        counter.labels("idempotency_key").inc(purged.idempotency_keys)
        counter.labels("token").inc(purged.tokens)
        counter.labels("ticket").inc(purged.tickets)
        counter.labels("rate_limit").inc(purged.rate_limits)

    async def _run(self) -> None:
        while True:
            try:
                async with self._pool.acquire(
                    timeout=self._settings.db_acquire_timeout_seconds
                ) as conn:
                    purged = await purge_expired(conn, self._settings.idempotency_key_ttl_seconds)
                if purged is not None:
                    self._count(purged)
                    logger.info(
                        "housekeeping purged %d idempotency key(s), %d token(s), %d ticket(s), "
                        "%d rate-limit key(s)",
                        purged.idempotency_keys,
                        purged.tokens,
                        purged.tickets,
                        purged.rate_limits,
                    )
            except Exception as exc:  # pylint: disable=broad-exception-caught
                # The database may be restarting; the next round tries again.
                logger.warning("housekeeping round failed: %s", exc)
            self.rounds += 1
            await asyncio.sleep(self._settings.housekeeping_interval_seconds)
