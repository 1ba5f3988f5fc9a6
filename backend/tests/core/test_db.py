"""The pool bounds every wait by the acquire timeout: for a connection, and for a lock."""

from collections.abc import AsyncIterator

import pytest

from conftest import make_settings
from quiver.core.db import Pool, create_pool

ACQUIRE_TIMEOUT_SECONDS = 0.2


@pytest.fixture
async def small_pool(database_url: str) -> AsyncIterator[Pool]:
    settings = make_settings(
        database_url,
        db_acquire_timeout_seconds=ACQUIRE_TIMEOUT_SECONDS,
        postgres_pool_min_size=1,
        postgres_pool_max_size=1,
    )
    pool = await create_pool(settings, database_url)
    yield pool
    await pool.close()


async def test_a_statement_run_on_the_pool_itself_waits_no_longer_than_the_acquire_timeout(
    small_pool: Pool,
) -> None:
    async with small_pool.acquire():
        # asyncpg's own Pool.fetchval would wait here for as long as the connection is held.
        with pytest.raises(TimeoutError):
            await small_pool.fetchval("SELECT 1")
    assert await small_pool.fetchval("SELECT 1") == 1


async def test_an_explicit_acquire_timeout_still_wins(small_pool: Pool) -> None:
    async with small_pool.acquire():
        with pytest.raises(TimeoutError):
            await small_pool.acquire(timeout=0.01)


async def test_pooled_connections_give_up_on_a_lock_after_the_acquire_timeout(
    small_pool: Pool,
) -> None:
    assert await small_pool.fetchval("SHOW lock_timeout") == "200ms"
    assert await small_pool.fetchval("SHOW timezone") == "UTC"
