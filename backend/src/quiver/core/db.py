"""The asyncpg pool and the dependencies that hand out connections."""

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import asyncpg
from asyncpg.pool import PoolAcquireContext, PoolConnectionProxy
from fastapi import Depends, Request

from quiver.core.settings import Settings

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
    would only cost a round trip per request.
    """


def lock_timeout(settings: Settings) -> str:
    """The ``lock_timeout`` of pooled connections: the acquire timeout, in milliseconds.

    A statement waiting for a lock (a table locked by a migration or by hand, a row held by a
    long transaction) then fails with ``LockNotAvailableError`` instead of holding its request
    and its connection until the command timeout; the failed statement is rolled back.
    """
    return f"{max(1, round(settings.db_acquire_timeout_seconds * 1000))}ms"


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
        # Timestamps rendered to JSON by PostgreSQL come out in UTC.
        server_settings={"timezone": "UTC", "lock_timeout": lock_timeout(settings)},
    )
    return await pool


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
