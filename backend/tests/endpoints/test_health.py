"""Liveness and readiness: no authentication, and readiness fails while the database does."""

from collections.abc import AsyncIterator

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from conftest import make_settings
from quiver.app import create_app
from quiver.core.db import create_pool
from quiver.core.health import ReadinessProbe
from quiver.core.migrate import load_migrations

UNREACHABLE = "postgresql://postgres@127.0.0.1:1/quiver"


async def test_liveness_answers_ok_without_credentials(client: AsyncClient) -> None:
    response = await client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readiness_answers_ok_with_every_check_while_all_is_well(
    client: AsyncClient,
) -> None:
    response = await client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "live": "ok"},
    }


@pytest.fixture
async def app_without_database() -> AsyncIterator[FastAPI]:
    """An app (no lifespan) whose pool points at a server that is not there."""
    settings = make_settings(UNREACHABLE, postgres_pool_min_size=0, health_timeout_seconds=2)
    application = create_app(settings)
    pool = await create_pool(settings, UNREACHABLE)
    application.state.readiness = ReadinessProbe(
        pool, [migration.version for migration in load_migrations()], lambda: False, 2
    )
    yield application
    await pool.close()


async def test_readiness_is_a_503_not_ready_while_the_database_is_unreachable(
    app_without_database: FastAPI,
) -> None:
    async with AsyncClient(
        transport=ASGITransport(app=app_without_database, raise_app_exceptions=False),
        base_url="http://test",
    ) as http:
        ready = await http.get("/health/ready")
        live = await http.get("/health/live")
    assert ready.status_code == 503
    assert ready.headers["content-type"] == "application/problem+json"
    assert ready.headers["retry-after"] == "2"
    problem = ready.json()
    assert problem["code"] == "not_ready"
    assert problem["detail"] == "Not ready; failing: database, migrations, live."
    assert live.status_code == 200, "the process itself is fine"
