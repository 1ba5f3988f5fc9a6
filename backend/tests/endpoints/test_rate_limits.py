"""Rate limits through the app: the RateLimit headers, 429 answers, and the sign-in limits."""

import re
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient, Response

from backend.tests.endpoints.test_auth import CountingHasher
from conftest import PASSWORD, ArcherAccount, registration_payload
from quiver.app import create_app
from quiver.core.db import Pool
from quiver.core.security import Passwords
from quiver.core.settings import Settings

LOGIN = "/api/v0/auth/login"
FACES = "/api/v0/face"
ME = "/api/v0/archer/me"
NO_SIGN_IN_LIMITS = {
    "rate_limit_login_per_email": 0,
    "rate_limit_login_per_address": 0,
    "rate_limit_register_per_address": 0,
}


@dataclass
class Limited:
    """An app with limits of its own, and clients of it at two addresses."""

    app: FastAPI
    home: AsyncClient
    away: AsyncClient


def client_of(application: FastAPI, address: str) -> AsyncClient:
    transport = ASGITransport(app=application, raise_app_exceptions=False, client=(address, 5000))
    return AsyncClient(transport=transport, base_url="http://test")


LimitedApp = Callable[..., AbstractAsyncContextManager[Limited]]


@pytest.fixture
def limited(settings: Settings, pool: Pool) -> LimitedApp:
    """Serves an app on the tests' database with the limits given (the sign-in ones off
    unless given). Takes ``pool`` so that the tests' clean-up runs afterwards."""
    del pool

    @asynccontextmanager
    async def serve(**limits: int) -> AsyncIterator[Limited]:
        application = create_app(settings.model_copy(update={**NO_SIGN_IN_LIMITS, **limits}))
        async with (
            application.router.lifespan_context(application),
            client_of(application, "203.0.113.7") as home,
            client_of(application, "198.51.100.2") as away,
        ):
            yield Limited(application, home, away)

    return serve


async def register(http: AsyncClient, **overrides: Any) -> dict[str, Any]:
    payload = registration_payload(**overrides)
    response = await http.post("/api/v0/archer", json=payload)
    assert response.status_code == 201, response.text
    return payload


async def log_in(http: AsyncClient, email: str, password: str = "not the password") -> Response:
    return await http.post(LOGIN, json={"email": email, "password": password})


def assert_rate_limited(response: Response, retry_after: int) -> None:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == str(retry_after)
    body = response.json()
    assert (body["code"], body["status"]) == ("rate_limited", 429)
    assert body["request_id"] == response.headers["x-request-id"]


async def test_api_answers_carry_the_default_policy_and_the_callers_standing(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    for response in (await client.get(FACES), await client.get(ME, headers=archer.headers)):
        assert response.status_code == 200
        assert response.headers["ratelimit-policy"] == '"default";q=1000000;w=60'
        assert re.fullmatch(r'"default";r=\d+;t=1', response.headers["ratelimit"])


async def test_probes_docs_and_contract_carry_no_limit(client: AsyncClient) -> None:
    for path in ("/health/live", "/health/ready", "/openapi.json", "/docs"):
        response = await client.get(path)
        assert response.status_code == 200, path
        assert "ratelimit" not in response.headers, path


async def test_past_the_limit_a_caller_gets_a_429_with_when_to_retry(
    limited: LimitedApp,
) -> None:
    async with limited(rate_limit_requests_per_minute=2) as served:
        first, second, refused = [await served.home.get(FACES) for _ in range(3)]
    assert [first.status_code, second.status_code] == [200, 200]
    assert first.headers["ratelimit"] == '"default";r=1;t=30'
    assert second.headers["ratelimit"] == '"default";r=0;t=60'
    assert_rate_limited(refused, retry_after=30)
    assert refused.headers["ratelimit"] == '"default";r=0;t=60'
    assert refused.headers["ratelimit-policy"] == '"default";q=2;w=60'


async def test_anonymous_callers_are_limited_per_client_address(limited: LimitedApp) -> None:
    async with limited(rate_limit_requests_per_minute=1) as served:
        assert (await served.home.get(FACES)).status_code == 200
        assert (await served.home.get(FACES)).status_code == 429
        assert (await served.away.get(FACES)).status_code == 200


async def test_an_archer_is_limited_wherever_the_requests_come_from(limited: LimitedApp) -> None:
    async with limited(rate_limit_requests_per_minute=2) as served:
        payload = await register(served.home)
        token = (await log_in(served.home, payload["email"], PASSWORD)).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        # The token's first request counts against the address; then it is the archer's.
        statuses = [
            (await http.get(ME, headers=headers)).status_code
            for http in (served.home, served.away, served.home, served.away)
        ]
        assert statuses == [200, 200, 200, 429]
        # The address itself has one anonymous request left.
        assert (await served.home.get(FACES)).status_code == 200


async def test_sign_in_operations_do_not_count_against_the_default_limit(
    limited: LimitedApp,
) -> None:
    async with limited(rate_limit_requests_per_minute=1) as served:
        for _ in range(3):
            payload = await register(served.home)
            assert (await log_in(served.home, payload["email"], PASSWORD)).status_code == 200
        assert (await served.home.get(FACES)).status_code == 200
        assert (await served.home.get(FACES)).status_code == 429


async def test_zero_switches_the_default_limit_off(limited: LimitedApp) -> None:
    async with limited(rate_limit_requests_per_minute=0) as served:
        for _ in range(5):
            response = await served.home.get(FACES)
            assert response.status_code == 200
            assert "ratelimit" not in response.headers


async def test_login_attempts_are_limited_per_email(
    limited: LimitedApp, archer: ArcherAccount
) -> None:
    async with limited(rate_limit_login_per_email=2) as served:
        assert (await log_in(served.home, archer.email)).status_code == 401
        assert (await log_in(served.away, archer.email)).status_code == 401
        # The right password from a third address: the email's quota is spent.
        async with client_of(served.app, "192.0.2.9") as third:
            refused = await log_in(third, archer.email, PASSWORD)
        other = await log_in(served.home, "someone-else@example.org")
    assert_rate_limited(refused, retry_after=450)
    assert refused.headers["ratelimit-policy"] == '"login";q=2;w=900'
    assert refused.headers["ratelimit"] == '"login";r=0;t=900'
    assert other.status_code == 401


async def test_a_throttled_login_is_refused_before_any_password_is_hashed(
    limited: LimitedApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with limited(rate_limit_login_per_email=1) as served:
        passwords: Passwords = served.app.state.passwords
        counting = CountingHasher(passwords._hasher)
        monkeypatch.setattr(passwords, "_hasher", counting)
        assert (await log_in(served.home, "ghost@example.org")).status_code == 401
        assert len(counting.verified) == 1
        for password in ("guess", PASSWORD, "another guess"):
            assert (await log_in(served.home, "ghost@example.org", password)).status_code == 429
    assert len(counting.verified) == 1


def _without_clock(response: Response) -> tuple[int, dict[str, str], dict[str, Any]]:
    """A throttled answer with its request id dropped and its seconds blanked (both emails'
    quotas run out a few milliseconds apart)."""
    names = ("content-type", "retry-after", "ratelimit", "ratelimit-policy")
    headers = {name: re.sub(r"\d+", "N", response.headers[name]) for name in names}
    body = {key: value for key, value in response.json().items() if key != "request_id"}
    body["detail"] = re.sub(r"\d+", "N", body["detail"])
    return response.status_code, headers, body


async def test_a_throttled_login_answers_alike_for_known_and_unknown_emails(
    limited: LimitedApp, archer: ArcherAccount
) -> None:
    unknown = "nobody-at-all@example.org"
    async with limited(rate_limit_login_per_email=2, rate_limit_login_per_address=100) as served:
        for _ in range(2):
            assert (await log_in(served.home, archer.email)).status_code == 401
            assert (await log_in(served.home, unknown)).status_code == 401
        refused_known = await log_in(served.home, archer.email)
        refused_unknown = await log_in(served.home, unknown)
    assert refused_known.status_code == 429
    assert _without_clock(refused_known) == _without_clock(refused_unknown)
    retry_after = {int(r.headers["retry-after"]) for r in (refused_known, refused_unknown)}
    assert max(retry_after) - min(retry_after) <= 1


async def test_an_emails_case_variants_share_its_quota(limited: LimitedApp) -> None:
    async with limited(rate_limit_login_per_email=2) as served:
        assert (await log_in(served.home, "Robin.Hood@Sherwood.example")).status_code == 401
        assert (await log_in(served.home, "robin.hood@sherwood.example")).status_code == 401
        assert (await log_in(served.home, "ROBIN.HOOD@SHERWOOD.EXAMPLE")).status_code == 429


async def test_login_attempts_are_limited_per_client_address(limited: LimitedApp) -> None:
    async with limited(rate_limit_login_per_address=2) as served:
        assert (await log_in(served.home, "a@example.org")).status_code == 401
        assert (await log_in(served.home, "b@example.org")).status_code == 401
        refused = await log_in(served.home, "c@example.org")
        assert (await log_in(served.away, "c@example.org")).status_code == 401
    assert_rate_limited(refused, retry_after=450)
    assert refused.headers["ratelimit-policy"] == '"login_address";q=2;w=900'


async def test_a_successful_login_carries_both_sign_in_policies(limited: LimitedApp) -> None:
    async with limited(rate_limit_login_per_email=5, rate_limit_login_per_address=50) as served:
        payload = await register(served.home)
        response = await log_in(served.home, payload["email"], PASSWORD)
    assert response.status_code == 200
    assert response.headers["ratelimit-policy"] == '"login";q=5;w=900, "login_address";q=50;w=900'
    # The registration counted against the email too.
    assert response.headers["ratelimit"] == '"login";r=3;t=360, "login_address";r=49;t=18'


async def test_registrations_are_limited_per_client_address(limited: LimitedApp) -> None:
    async with limited(rate_limit_register_per_address=1) as served:
        created = await served.home.post("/api/v0/archer", json=registration_payload())
        refused = await served.home.post("/api/v0/archer", json=registration_payload())
        elsewhere = await served.away.post("/api/v0/archer", json=registration_payload())
    assert created.status_code == 201
    assert created.headers["ratelimit-policy"] == '"register";q=1;w=3600'
    assert created.headers["ratelimit"] == '"register";r=0;t=3600'
    assert_rate_limited(refused, retry_after=3600)
    assert elsewhere.status_code == 201


async def test_a_registration_counts_against_its_emails_login_quota(limited: LimitedApp) -> None:
    async with limited(rate_limit_login_per_email=1) as served:
        payload = await register(served.home)
        assert (await log_in(served.home, payload["email"], PASSWORD)).status_code == 429


async def test_a_sign_in_with_an_id_token_is_limited_per_client_address(
    limited: LimitedApp,
) -> None:
    body = {"provider": "google", "id_token": "not.a.token"}
    async with limited(rate_limit_login_per_address=1) as served:
        first = await served.home.post("/api/v0/auth/oidc", json=body)
        refused = await served.home.post("/api/v0/auth/oidc", json=body)
    assert first.status_code != 429
    assert_rate_limited(refused, retry_after=900)


@pytest.mark.parametrize("operation", ["login", "registration"])
async def test_zero_switches_the_sign_in_limits_off(
    limited: LimitedApp, pool: Pool, operation: str
) -> None:
    async with limited() as served:
        payload = await register(served.home)
        response = (
            await log_in(served.home, payload["email"], PASSWORD)
            if operation == "login"
            else await served.home.post("/api/v0/archer", json=registration_payload())
        )
    assert response.status_code in (200, 201)
    assert "ratelimit" not in response.headers
    assert await pool.fetchval("SELECT count(*) FROM rate_limit") == 0
