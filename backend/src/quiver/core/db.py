"""The asyncpg pool and the dependencies that hand out connections."""

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Annotated, TypeAlias

import asyncpg
from asyncpg.pool import PoolConnectionProxy
from fastapi import Depends, Request

from quiver.core.settings import Settings

# asyncpg's classes are generic only in its stubs; FastAPI evaluates these at runtime.
if TYPE_CHECKING:
    Connection: TypeAlias = asyncpg.Connection[asyncpg.Record] | PoolConnectionProxy[asyncpg.Record]
    Pool: TypeAlias = asyncpg.Pool[asyncpg.Record]
else:
    Connection = asyncpg.Connection | PoolConnectionProxy
    Pool = asyncpg.Pool
# Where one statement can run: a held connection, or the pool (borrowed for that statement).
Executor: TypeAlias = Connection | Pool


async def _keep_session(_: Connection) -> None:
    """Skip asyncpg's reset query (RESET ALL, UNLISTEN *, ...) on every release.

    Pooled connections never change session state here (no SET, LISTEN or advisory lock held
    past a transaction; open transactions are still rolled back by asyncpg), so the reset
    would only cost a round trip per request.
    """


async def create_pool(settings: Settings, dsn: str) -> Pool:
    """Open the pool the whole app shares."""
    return await asyncpg.create_pool(
        dsn,
        min_size=settings.postgres_pool_min_size,
        max_size=settings.postgres_pool_max_size,
        command_timeout=settings.db_command_timeout_seconds,
        reset=_keep_session,
        # Timestamps rendered to JSON by PostgreSQL come out in UTC.
        server_settings={"timezone": "UTC"},
    )


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
