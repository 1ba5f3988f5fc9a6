"""The asyncpg pool and the dependencies that hand out connections."""

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import asyncpg
from asyncpg.pool import PoolAcquireContext, PoolConnectionProxy
from fastapi import Depends, Request

from quiver.core.logger import LoggerFactory
from quiver.core.settings import Settings

logger = LoggerFactory().get_logger(__name__)
# asyncpg's own default.
DEFAULT_STATEMENT_CACHE_SIZE = 100

# asyncpg's classes are generic only in its stubs; FastAPI evaluates these at runtime.
if TYPE_CHECKING:
    Connection: TypeAlias = asyncpg.Connection[asyncpg.Record] | PoolConnectionProxy[asyncpg.Record]
    _AsyncpgPool: TypeAlias = asyncpg.Pool[asyncpg.Record]
    _AcquireContext: TypeAlias = PoolAcquireContext[asyncpg.Record]
else:
    Connection = asyncpg.Connection | PoolConnectionProxy
    _AsyncpgPool = asyncpg.Pool
    _AcquireContext = PoolAcquireContext


class _CountedAcquire(_AcquireContext):
    """Counts its caller among the pool's waiters until a connection is lent (for metrics)."""

    __slots__ = ("_bounded",)

    def __init__(self, pool: "BoundedPool", timeout: float | None) -> None:
        super().__init__(pool, timeout)
        self._bounded = pool

    async def __aenter__(self) -> "PoolConnectionProxy[asyncpg.Record]":
        self._bounded.waiting += 1
        try:
            return await super().__aenter__()
        finally:
            self._bounded.waiting -= 1


class BoundedPool(_AsyncpgPool):
    """An asyncpg pool whose ``acquire`` waits at most ``acquire_timeout`` unless told otherwise.

    ``fetch``, ``execute`` and the other statements run on the pool itself (the pool used as
    an ``Executor``) acquire without a timeout in asyncpg: here they are bounded as well, so
    no path can wait for a connection longer than the setting says.
    """

    __slots__ = ("acquire_timeout", "waiting")

    def __init__(self, *connect_args: Any, acquire_timeout: float, **kwargs: Any) -> None:
        super().__init__(*connect_args, **kwargs)
        self.acquire_timeout = acquire_timeout
        # Callers inside ``async with acquire()`` that have no connection yet.
        self.waiting = 0

    def acquire(self, *, timeout: float | None = None) -> _AcquireContext:
        return _CountedAcquire(self, self.acquire_timeout if timeout is None else timeout)


Pool: TypeAlias = BoundedPool
# Where one statement can run: a held connection, or the pool (borrowed for that statement).
Executor: TypeAlias = Connection | Pool


async def _keep_session(_: Connection) -> None:
    """Skip asyncpg's reset query (RESET ALL, UNLISTEN *, ...) on every release.

    Pooled connections never change session state here (no SET, LISTEN or advisory lock held
    past a transaction; open transactions are still rolled back by asyncpg), so the reset
    would only cost a round trip per request. Through PgBouncer it would also be wrong: its
    RESET ALL lands on whichever server connection is free and resets the timezone PgBouncer
    tracks for this client to the server's default.
    """


def lock_timeout(settings: Settings) -> str:
    """The ``lock_timeout`` of pooled connections: the acquire timeout, in milliseconds.

    A statement waiting for a lock (a table locked by a migration or by hand, a row held by a
    long transaction) then fails with ``LockNotAvailableError`` instead of holding its request
    and its connection until the command timeout; the failed statement is rolled back.
    """
    return f"{max(1, round(settings.db_acquire_timeout_seconds * 1000))}ms"


def pool_options(settings: Settings) -> dict[str, Any]:
    """The connection options of the request pool, which depend on what ``DATABASE_URL`` is.

    Through a pooler in transaction mode (PgBouncer before 1.21 keeps no prepared statements
    across transactions), consecutive transactions of one client connection run on different
    server connections: asyncpg's statement cache, which names each statement once and reuses
    it by name, would find it missing ("prepared statement does not exist") or already there.
    With the cache off, asyncpg prepares every statement unnamed, in the same round trips as
    its execution, so each one stays on one server connection. It costs a second round trip
    per statement and a parse and plan on every execution (measured in the README's "Behind
    PgBouncer"). PgBouncer 1.21+ can keep named statements itself
    (``QUIVER_DATABASE_STATEMENT_CACHE_SIZE`` then turns the cache back on).

    The pooler refuses any startup setting it does not track itself ("unsupported startup
    parameter"); it tracks the timezone, not ``lock_timeout``, which the pooler's server
    connections must then get from the pooler or the server (see ``check_lock_timeout``).
    """
    transaction = settings.database_pool_mode == "transaction"
    cache_size = settings.database_statement_cache_size
    if cache_size is None:
        cache_size = 0 if transaction else DEFAULT_STATEMENT_CACHE_SIZE
    # Timestamps rendered to JSON by PostgreSQL come out in UTC.
    server_settings = {"timezone": "UTC"}
    if not transaction:
        server_settings["lock_timeout"] = lock_timeout(settings)
    return {"statement_cache_size": cache_size, "server_settings": server_settings}


async def check_lock_timeout(executor: Executor, settings: Settings) -> bool:
    """Whether pooled statements give up on a lock after the acquire timeout; log how to make
    them do so otherwise (in transaction mode, this cannot be set at connection start-up)."""
    current = await executor.fetchval("SELECT setting FROM pg_settings WHERE name = 'lock_timeout'")
    wanted = lock_timeout(settings).removesuffix("ms")
    if current == wanted:
        return True
    logger.warning(
        "pooled connections have lock_timeout %s ms, not %s: a request waiting for a lock "
        "waits up to the command timeout. Set it where the pooler connects: PgBouncer's "
        "connect_query='SET lock_timeout = %s', or ALTER ROLE ... SET lock_timeout = %s",
        current,
        wanted,
        wanted,
        wanted,
    )
    return False


async def create_pool(settings: Settings, dsn: str) -> Pool:
    """Open the pool the whole app shares."""
    pool = BoundedPool(
        dsn,
        acquire_timeout=settings.db_acquire_timeout_seconds,
        min_size=settings.postgres_pool_min_size,
        max_size=settings.postgres_pool_max_size,
        # asyncpg.create_pool's defaults, which it cannot pass to a subclass.
        max_queries=50_000,
        max_inactive_connection_lifetime=300.0,
        loop=None,
        connection_class=asyncpg.Connection,
        record_class=asyncpg.Record,
        command_timeout=settings.db_command_timeout_seconds,
        reset=_keep_session,
        **pool_options(settings),
    )
    await pool
    if settings.database_pool_mode == "transaction":
        await check_lock_timeout(pool, settings)
    return pool


# Dependencies are coroutines on purpose: FastAPI runs plain functions in a thread pool.
async def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


async def get_pool(request: Request) -> Pool:
    """The pool created by the app's lifespan."""
    pool: Pool = request.app.state.pool
    return pool


async def get_connection(
    pool: Annotated[Pool, Depends(get_pool)], settings: Annotated[Settings, Depends(get_settings)]
) -> AsyncIterator[Connection]:
    """One pooled connection per request, returned when the response is done."""
    async with pool.acquire(timeout=settings.db_acquire_timeout_seconds) as conn:
        yield conn


AppSettings = Annotated[Settings, Depends(get_settings)]
Conn = Annotated[Connection, Depends(get_connection)]
DbPool = Annotated[Pool, Depends(get_pool)]
