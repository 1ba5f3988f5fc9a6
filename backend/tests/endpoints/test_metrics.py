"""Prometheus metrics: on their own port, never on the API's, with the documented names."""

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from prometheus_client.parser import text_string_to_metric_families

from conftest import (
    PASSWORD,
    ArcherAccount,
    free_port,
    join,
    make_settings,
    open_session,
    registration_payload,
    shoot,
)
from quiver.app import create_app
from quiver.core.metrics import Metrics
from quiver.core.settings import Settings

# Every metric the README documents, with the sample names Prometheus' parser reports.
DOCUMENTED = {
    "quiver_http_requests",
    "quiver_http_request_duration_seconds",
    "quiver_http_rejections",
    "quiver_db_pool_connections",
    "quiver_db_pool_in_use",
    "quiver_db_pool_waiting",
    "quiver_arrows_written",
    "quiver_arrow_writer_batch_size",
    "quiver_live_viewers",
    "quiver_live_queued_messages",
    "quiver_live_pending_notifications",
    "quiver_live_events",
    "quiver_live_event_lag_seconds",
    "quiver_housekeeping_purged",
}


@pytest.fixture
async def metered(database_url: str) -> AsyncIterator[tuple[FastAPI, Settings]]:
    settings = make_settings(database_url, metrics_port=free_port())
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application, settings


def _samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def _scrape(settings: Settings) -> str:
    async with httpx.AsyncClient() as scraper:
        response = await scraper.get(f"http://127.0.0.1:{settings.metrics_port}/metrics")
    assert response.status_code == 200
    return response.text


async def test_metrics_count_requests_arrows_and_rejections(
    metered: tuple[FastAPI, Settings],
) -> None:
    application, settings = metered
    transport = ASGITransport(app=application, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as http:
        registration = registration_payload()
        await http.post("/api/v0/archer", json=registration)
        login = await http.post(
            "/api/v0/auth/login", json={"email": registration["email"], "password": PASSWORD}
        )
        account = ArcherAccount(
            id="-", email=registration["email"], token=login.json()["access_token"]
        )
        slot = await join(http, account, await open_session(http, account))
        shot = await shoot(http, account, slot["id"], {"value": "9"}, {"value": "X"})
        assert shot.status_code == 201
        assert (await http.get("/api/v0/face/wa_122")).status_code == 200
        refused = await http.post(
            "/api/v0/bow", content=b"name=x", headers={"Content-Type": "text/plain"}
        )
        assert refused.status_code == 415
        # /metrics is not served on the public port: a 404 problem, or the web app's page
        # when it is built (every other path is one of its routes), never the metrics.
        public = await http.get("/metrics")
        assert public.status_code in (200, 404)
        assert "quiver_http_requests_total" not in public.text

    text = await _scrape(settings)
    families = {family.name for family in text_string_to_metric_families(text)}
    assert {name for name in families if not name.endswith("_created")} == DOCUMENTED
    samples = _samples(text)
    get_face = frozenset({("operation", "getFace"), ("method", "GET"), ("status", "200")})
    assert samples[("quiver_http_requests_total", get_face)] == 1
    assert samples[("quiver_arrows_written_total", frozenset())] == 2
    assert samples[("quiver_db_pool_connections", frozenset())] >= 1
    count = (
        "quiver_http_request_duration_seconds_count",
        frozenset({("operation", "createShots")}),
    )
    assert samples[count] == 1
    rejection = frozenset({("reason", "unsupported_media_type")})
    assert samples[("quiver_http_rejections_total", rejection)] == 1


def test_a_metrics_registry_belongs_to_its_app() -> None:
    """Two registries never share samples (no process-wide state)."""
    first, second = Metrics(), Metrics()
    first.arrows_written.inc(3)
    assert second.registry.get_sample_value("quiver_arrows_written_total") == 0
    assert first.registry.get_sample_value("quiver_arrows_written_total") == 3
