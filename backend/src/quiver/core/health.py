"""Readiness: whether this process can serve requests now.

Ready means the database answers, every migration this code ships is applied, and the
live channel's LISTEN connection is up. The check costs one short query on a pooled
connection; concurrent probes share one check.
"""

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import asyncpg

from quiver.core.db import Pool
from quiver.core.errors import DATABASE_UNAVAILABLE_ERRORS
from quiver.core.logger import LoggerFactory

logger = LoggerFactory().get_logger(__name__)

_DATABASE_DOWN: tuple[type[Exception], ...] = (*DATABASE_UNAVAILABLE_ERRORS, asyncpg.PostgresError)
# How many of the shipped migrations the database has recorded.
_APPLIED_MIGRATIONS = "SELECT count(*) FROM schema_migration WHERE version = ANY($1::integer[])"


@dataclass(frozen=True, slots=True)
class ReadinessReport:
    """The outcome of each check."""

    database: bool
    migrations: bool
    live: bool

    @property
    def ready(self) -> bool:
        """Every check passed."""
        return self.database and self.migrations and self.live

    def failing(self) -> list[str]:
        """The names of the checks that failed, in a fixed order."""
        checks = {"database": self.database, "migrations": self.migrations, "live": self.live}
        return [name for name, passed in checks.items() if not passed]


class ReadinessProbe:
    """Checks readiness on demand; created by the app's lifespan."""

    def __init__(
        self,
        pool: Pool,
        migration_versions: Sequence[int],
        live_connected: Callable[[], bool],
        timeout: float,
    ) -> None:
        self._pool = pool
        self._versions = sorted(migration_versions)
        self._live_connected = live_connected
        self._timeout = timeout
        self._running: asyncio.Future[ReadinessReport] | None = None

    async def check(self) -> ReadinessReport:
        """The current readiness; a probe arriving during a check shares its result."""
        if self._running is None:
            self._running = asyncio.ensure_future(self._check())
            self._running.add_done_callback(self._forget)
        # Shielded: one impatient prober must not cancel the check the others wait for.
        return await asyncio.shield(self._running)

    def _forget(self, _: "asyncio.Future[ReadinessReport]") -> None:
        self._running = None

    async def _check(self) -> ReadinessReport:
        database, migrations = await self._check_database()
        return ReadinessReport(database, migrations, self._live_connected())

    async def _check_database(self) -> tuple[bool, bool]:
        """(The database answers, every shipped migration is applied)."""
        try:
            async with asyncio.timeout(self._timeout):
                async with self._pool.acquire(timeout=self._timeout) as conn:
                    applied = await conn.fetchval(_APPLIED_MIGRATIONS, self._versions)
        except asyncpg.UndefinedTableError:
            return True, False  # Reachable, but never migrated.
        except _DATABASE_DOWN as exc:
            logger.warning("readiness: the database does not answer (%s)", type(exc).__name__)
            return False, False
        return True, applied == len(self._versions)
