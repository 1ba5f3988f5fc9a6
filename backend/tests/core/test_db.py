"""The pool bounds every wait by the acquire timeout: for a connection, and for a lock; behind
a transaction pooler, it prepares nothing by name and sends no startup setting it refuses."""

import logging
from collections.abc import AsyncIterator

import pytest

from conftest import make_settings
from quiver.core.db import Pool, check_lock_timeout, create_pool, pool_options

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


@pytest.fixture
async def transaction_mode_pool(database_url: str) -> AsyncIterator[Pool]:
    """A pool set up for a transaction pooler, here straight on PostgreSQL."""
    settings = make_settings(
        database_url,
        database_pool_mode="transaction",
        direct_database_url=database_url,
        postgres_pool_min_size=1,
        postgres_pool_max_size=1,
    )
    pool = await create_pool(settings, database_url)
    yield pool
    await pool.close()


async def _named_statements(pool: Pool) -> int:
    """Statements prepared by name on the pool's one connection, after running one twice."""
    async with pool.acquire() as conn:
        for _ in range(2):
            await conn.fetchval("SELECT $1::int", 1)
        count: int = await conn.fetchval("SELECT count(*) FROM pg_prepared_statements")
        return count


async def test_a_pool_for_a_transaction_pooler_prepares_no_statement_by_name(
    transaction_mode_pool: Pool, small_pool: Pool
) -> None:
    # A named statement outlives its transaction: PgBouncer 1.18 would then run the next
    # transaction on another server connection, where it does not exist.
    assert await _named_statements(transaction_mode_pool) == 0
    assert await _named_statements(small_pool) > 0


def test_a_pool_for_a_transaction_pooler_sends_only_the_timezone_at_start_up(
    database_url: str,
) -> None:
    settings = make_settings(
        database_url, database_pool_mode="transaction", direct_database_url=database_url
    )
    # PgBouncer tracks the timezone; it refuses the connection for any setting it does not.
    assert pool_options(settings) == {
        "statement_cache_size": 0,
        "server_settings": {"timezone": "UTC"},
    }
    kept = make_settings(
        database_url,
        database_pool_mode="transaction",
        direct_database_url=database_url,
        database_statement_cache_size=100,
    )
    assert pool_options(kept)["statement_cache_size"] == 100


async def test_a_missing_lock_timeout_behind_a_transaction_pooler_is_logged(
    transaction_mode_pool: Pool, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    settings = make_settings(
        database_url,
        database_pool_mode="transaction",
        direct_database_url=database_url,
        db_acquire_timeout_seconds=ACQUIRE_TIMEOUT_SECONDS,
    )
    with caplog.at_level(logging.WARNING, logger="quiver.core.db"):
        assert not await check_lock_timeout(transaction_mode_pool, settings)
    assert "connect_query='SET lock_timeout = 200'" in caplog.text
    async with transaction_mode_pool.acquire() as conn:
        # What PgBouncer's connect_query does on each server connection.
        await conn.execute("SET lock_timeout = 200")
        assert await check_lock_timeout(conn, settings)
        await conn.execute("RESET lock_timeout")
