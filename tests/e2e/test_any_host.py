"""`quiver serve` on a port of its own, as a deployment runs it: the docs' request target is the
server that serves them, CORS and the security headers come from the environment, and two
processes on one database accept each other's cursors."""

from collections.abc import Iterator
from urllib.parse import urljoin

import httpx
import pytest

from conftest import fresh_database
from tests.e2e.test_ws_processes import account, quiver_serve

CLUB = "https://club.example"


@pytest.fixture
def host_database(server_dsn: str, worker_id: str) -> Iterator[str]:
    with fresh_database(server_dsn, "quiver_any_host", worker_id) as url:
        yield url


async def test_swaggers_request_target_is_the_server_that_serves_the_docs(
    host_database: str,
) -> None:
    async with quiver_serve(host_database) as (base, _):
        assert not base.endswith(":8000")
        async with httpx.AsyncClient(timeout=10) as http:
            docs = await http.get(f"{base}/docs")
            assert docs.status_code == 200
            assert b"url: '/openapi.json'" in docs.content
            contract_url = urljoin(str(docs.url), "/openapi.json")
            contract = (await http.get(contract_url)).json()
            # Swagger UI resolves a relative server URL against the contract's own address.
            target = urljoin(contract_url, contract["servers"][0]["url"])
            assert target == f"{base}/"
            face = await http.get(urljoin(target, "api/v0/face/wa_122"))
            assert face.status_code == 200 and face.json()["face_type"] == "wa_122"


async def test_cors_origins_and_security_headers_come_from_the_environment(
    host_database: str,
) -> None:
    async with quiver_serve(host_database, cors_origins=f"{CLUB},http://localhost:5173") as (
        base,
        _,
    ):
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            preflight = await http.options(
                "/api/v0/session",
                headers={
                    "Origin": CLUB,
                    "Access-Control-Request-Method": "POST",
                    "Access-Control-Request-Headers": "authorization, idempotency-key",
                },
            )
            page = await http.get("/docs", headers={"Origin": "http://localhost:5173"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == CLUB
    assert page.headers["access-control-allow-origin"] == "http://localhost:5173"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "'sha256-" in page.headers["content-security-policy"]


async def test_two_processes_accept_each_others_cursors(host_database: str) -> None:
    async with (
        quiver_serve(host_database) as (first_url, _),
        quiver_serve(host_database) as (second_url, _),
    ):
        async with (
            httpx.AsyncClient(base_url=first_url, timeout=10) as first,
            httpx.AsyncClient(base_url=second_url, timeout=10) as second,
        ):
            archer = await account(first)
            for hour in range(3):
                created = await first.post(
                    "/api/v0/session",
                    headers=archer.headers,
                    json={
                        "is_opened": True,
                        "start_time": f"2026-11-26T1{hour}:00:00Z",
                        "location": "Range",
                        "is_indoor": False,
                        "distance": 70,
                    },
                )
                assert created.status_code == 201
            page = await first.get("/api/v0/session", params={"limit": 2}, headers=archer.headers)
            rest = await second.get(
                "/api/v0/session",
                params={"limit": 2, "cursor": page.json()["next_cursor"]},
                headers=archer.headers,
            )
    assert rest.status_code == 200, rest.text
    assert [item["start_time"] for item in rest.json()["items"]] == ["2026-11-26T10:00:00Z"]
