"""The readiness probe's checks, each against a real database."""

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest

from conftest import fresh_database, make_settings
from quiver.core.db import Pool, create_pool
from quiver.core.health import ReadinessProbe
from quiver.core.migrate import load_migrations, migrate

VERSIONS = [migration.version for migration in load_migrations()]


@pytest.fixture
def empty_database(server_dsn: str, worker_id: str) -> Iterator[str]:
    """A database of its own that no migration has touched."""
    with fresh_database(server_dsn, "quiver_health", worker_id) as url:
        yield url


@pytest.fixture
async def empty_pool(empty_database: str) -> AsyncIterator[Pool]:
    pool = await create_pool(make_settings(empty_database), empty_database)
    yield pool
    await pool.close()


async def test_a_database_that_was_never_migrated_fails_only_the_migrations_check(
    empty_pool: Pool,
) -> None:
    report = await ReadinessProbe(empty_pool, VERSIONS, lambda: True, 2).check()
    assert (report.database, report.migrations, report.live) == (True, False, True)
    assert not report.ready and report.failing() == ["migrations"]


async def test_a_missing_migration_fails_the_check_until_it_is_applied(empty_pool: Pool) -> None:
    probe = ReadinessProbe(empty_pool, [*VERSIONS, max(VERSIONS) + 1], lambda: True, 2)
    async with empty_pool.acquire() as conn:
        await migrate(conn)
    assert (await probe.check()).failing() == ["migrations"], "a version this code ships is missing"
    assert (await ReadinessProbe(empty_pool, VERSIONS, lambda: True, 2).check()).ready


async def test_a_disconnected_live_listener_fails_the_live_check(pool: Pool) -> None:
    report = await ReadinessProbe(pool, VERSIONS, lambda: False, 2).check()
    assert report.failing() == ["live"]


async def test_concurrent_probes_share_one_check(pool: Pool) -> None:
    calls = 0

    def live() -> bool:
        nonlocal calls
        calls += 1
        return True

    probe = ReadinessProbe(pool, VERSIONS, live, 2)
    reports = await asyncio.gather(*(probe.check() for _ in range(5)))
    assert all(report.ready for report in reports)
    assert calls == 1
    await probe.check()
    assert calls == 2, "a later probe checks again"
