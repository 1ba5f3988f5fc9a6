"""What browsers are told: CORS only for the configured origins, and security headers on every
answer (the API's, its problems, the app's pages and the docs)."""

import base64
import hashlib
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from conftest import ArcherAccount
from quiver.app import create_app
from quiver.core.contract import load_contract
from quiver.core.settings import Settings
from quiver.core.web_security import (
    API_POLICY,
    CORS_EXPOSED_HEADERS,
    CORS_REQUEST_HEADERS,
    REFERRER_POLICY,
    content_security_policy,
)

CLUB = "https://club.example"
STRANGER = "https://stranger.example"
INDEX = "<!doctype html><title>Quiver</title><div id=app></div>"
APP_POLICY = content_security_policy()


def _preflight(method: str, origin: str = CLUB, headers: str | None = None) -> dict[str, str]:
    requested = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers is not None:
        requested["Access-Control-Request-Headers"] = headers
    return requested


def _path_of(template: str) -> str:
    return re.sub(r"\{[^}]+\}", lambda _: str(uuid4()), template)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = tmp_path_factory.mktemp("dist")
    (built / "index.html").write_text(INDEX, encoding="utf-8")
    return built


@asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[AsyncClient]:
    """A client of a second app on the test database, with its lifespan running."""
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        async with AsyncClient(
            transport=ASGITransport(app=application, raise_app_exceptions=False),
            base_url="http://test",
        ) as http:
            yield http


@pytest.fixture(scope="module")
async def cors(app: FastAPI, settings: Settings, dist: Path) -> AsyncIterator[AsyncClient]:
    """The app allowing one origin, serving a built app; the database is the session app's."""
    del app  # requested so that the rows these tests make are cleaned up like the others'
    changed = settings.model_copy(update={"cors_origins": (CLUB,), "frontend_dist": dist})
    async with running(changed) as http:
        yield http


# --- CORS ------------------------------------------------------------------------------------


async def test_without_configured_origins_no_answer_carries_cors_headers(
    client: AsyncClient,
) -> None:
    preflight = await client.options(
        f"/api/v0/session/{uuid4()}/ws_ticket", headers=_preflight("POST")
    )
    assert preflight.status_code == 405
    assert preflight.headers["content-type"] == "application/problem+json"
    simple = await client.get("/api/v0/face", headers={"Origin": CLUB})
    assert simple.status_code == 200
    for response in (preflight, simple):
        assert not [name for name in response.headers if name.startswith("access-control-")]


async def test_a_preflight_from_an_allowed_origin_is_answered_where_fastapi_would_405(
    cors: AsyncClient,
) -> None:
    # POST is the only method of this path: FastAPI alone answers OPTIONS with a 405.
    response = await cors.options(
        f"/api/v0/session/{uuid4()}/ws_ticket",
        headers=_preflight("POST", headers="authorization, idempotency-key, x-request-id"),
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == CLUB
    assert "POST" in response.headers["access-control-allow-methods"].split(", ")
    allowed = response.headers["access-control-allow-headers"].lower().split(", ")
    assert {header.lower() for header in CORS_REQUEST_HEADERS} <= set(allowed)
    assert response.headers["access-control-max-age"] == "600"
    assert "Origin" in response.headers["vary"]
    assert "access-control-allow-credentials" not in response.headers


async def test_no_preflight_of_an_allowed_origin_is_a_405_on_any_operation(
    cors: AsyncClient,
) -> None:
    contract = load_contract(Settings().contract_path)
    answers = {}
    for template, operations in contract["paths"].items():
        for method in operations:
            if method in {"get", "post", "put", "patch", "delete"}:
                response = await cors.options(
                    _path_of(template),
                    headers=_preflight(method.upper(), headers="content-type, if-match"),
                )
                answers[f"{method.upper()} {template}"] = response.status_code
    assert answers and set(answers.values()) == {200}, answers


async def test_a_preflight_from_another_origin_is_a_problem_without_permission(
    cors: AsyncClient,
) -> None:
    response = await cors.options("/api/v0/session", headers=_preflight("POST", STRANGER))
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "cors_not_allowed"
    assert "origin" in problem["detail"]
    assert problem["request_id"] == response.headers["x-request-id"]
    assert "access-control-allow-origin" not in response.headers


async def test_a_preflight_asking_for_an_unknown_header_is_refused(cors: AsyncClient) -> None:
    response = await cors.options(
        "/api/v0/session", headers=_preflight("POST", headers="x-something-else")
    )
    assert response.status_code == 403
    assert response.json()["code"] == "cors_not_allowed"


async def test_an_allowed_origin_may_read_every_documented_response_header(
    cors: AsyncClient,
) -> None:
    response = await cors.get("/api/v0/face", headers={"Origin": CLUB})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == CLUB
    exposed = response.headers["access-control-expose-headers"].split(", ")
    assert set(exposed) == set(CORS_EXPOSED_HEADERS)
    # Every header the contract declares for clients to read, so a new one is not forgotten.
    assert set(exposed) == set(load_contract(Settings().contract_path)["components"]["headers"])
    other = await cors.get("/api/v0/face", headers={"Origin": STRANGER})
    assert "access-control-allow-origin" not in other.headers


async def test_the_request_contexts_own_refusals_are_readable_cross_origin(
    cors: AsyncClient,
) -> None:
    # 415 comes from the middleware that wraps every operation, before any route runs.
    response = await cors.post(
        "/api/v0/archer", content=b"a=b", headers={"Origin": CLUB, "Content-Type": "text/plain"}
    )
    assert response.status_code == 415
    assert response.headers["access-control-allow-origin"] == CLUB


async def test_any_origin_may_call_when_the_origins_are_a_star(settings: Settings) -> None:
    async with running(settings.model_copy(update={"cors_origins": ("*",)})) as http:
        preflight = await http.options("/api/v0/face", headers=_preflight("GET", STRANGER))
        simple = await http.get("/api/v0/face", headers={"Origin": STRANGER})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert simple.headers["access-control-allow-origin"] == "*"


def test_cors_origins_are_read_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIVER_CORS_ORIGINS", f" {CLUB}, http://localhost:5173 ")
    assert Settings().cors_origins == (CLUB, "http://localhost:5173")
    monkeypatch.setenv("QUIVER_CORS_ORIGINS", "")
    assert Settings().cors_origins == ()
    monkeypatch.setenv("QUIVER_CORS_ORIGINS", f"{CLUB}/path")
    with pytest.raises(ValueError):
        Settings()


# --- security headers ------------------------------------------------------------------------


def _assert_common(response: Any, policy: str) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == REFERRER_POLICY
    assert response.headers["content-security-policy"] == policy


async def test_api_answers_and_their_problems_carry_the_security_headers(
    client: AsyncClient,
) -> None:
    answers = [
        await client.get("/api/v0/face"),
        await client.get("/api/v0/nothing-here"),
        await client.delete("/api/v0/face"),
        await client.post("/api/v0/archer", content=b"{", headers={"Content-Type": "text/plain"}),
        await client.get("/health/live"),
    ]
    assert [answer.status_code for answer in answers] == [200, 404, 405, 415, 200]
    for answer in answers:
        _assert_common(answer, API_POLICY)
        # Anonymous: caching is the route's business.
        assert answer.headers.get("cache-control") != "no-store"


async def test_authenticated_answers_are_not_stored(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    mine = await client.get("/api/v0/archer/me", headers=archer.headers)
    refused = await client.get("/api/v0/archer/me", headers={"Authorization": "Bearer nope"})
    public = await client.get("/api/v0/face", headers=archer.headers)
    for answer in (mine, refused, public):
        assert answer.headers["cache-control"] == "no-store"
    assert (mine.status_code, refused.status_code) == (200, 401)


async def test_a_route_that_sets_its_own_cache_control_keeps_it(cors: AsyncClient) -> None:
    page = await cors.get("/", headers={"Authorization": "Bearer whatever"})
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-cache"


async def test_the_app_gets_its_policy_and_the_docs_allow_exactly_their_inline_script(
    cors: AsyncClient,
) -> None:
    page = await cors.get("/history")
    assert page.status_code == 200
    _assert_common(page, APP_POLICY)
    docs = await cors.get("/docs")
    policy = docs.headers["content-security-policy"]
    scripts = re.findall(rb"<script>(.*?)</script>", docs.content, re.DOTALL)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0]).digest()).decode()
    script_src = next(part for part in policy.split("; ") if part.startswith("script-src "))
    assert script_src == f"script-src 'self' 'sha256-{digest}'"
    assert "unsafe" not in policy
    contract = await cors.get("/openapi.json")
    _assert_common(contract, APP_POLICY)


def test_the_app_policy_names_only_its_own_origin_unless_google_sign_in_is_on() -> None:
    directives = dict(part.split(" ", 1) for part in APP_POLICY.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "google" not in APP_POLICY


async def test_google_sign_in_adds_its_documented_sources(settings: Settings, dist: Path) -> None:
    changed = settings.model_copy(
        update={"oidc_google_client_id": "client.apps.googleusercontent.com", "frontend_dist": dist}
    )
    async with running(changed) as http:
        page = await http.get("/")
    directives = dict(
        part.split(" ", 1) for part in page.headers["content-security-policy"].split("; ")
    )
    assert directives["script-src"] == "'self' https://accounts.google.com/gsi/client"
    assert directives["style-src"] == "'self' https://accounts.google.com/gsi/style"
    assert directives["frame-src"] == "https://accounts.google.com/gsi/"
    assert directives["connect-src"] == "'self' https://accounts.google.com/gsi/"
