"""POST /api/v0/auth/login and /api/v0/auth/logout."""

import asyncio
import threading
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from conftest import PASSWORD, ArcherAccount, make_settings, registration_payload
from quiver.app import create_app
from quiver.core.security import Passwords
from quiver.core.settings import Settings


async def test_log_in_returns_a_bearer_token_that_expires(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    response = await client.post(
        "/api/v0/auth/login", json={"email": archer.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 200
    token = response.json()
    assert token["token_type"] == "bearer"
    assert token["archer_id"] == archer.id
    expires_at = datetime.fromisoformat(token["expires_at"])
    assert datetime.now(UTC) < expires_at < datetime.now(UTC) + timedelta(days=8)
    me = await client.get(
        "/api/v0/archer/me", headers={"Authorization": f"Bearer {token['access_token']}"}
    )
    assert me.status_code == 200


async def test_wrong_password_and_unknown_email_answer_identically(
    client: AsyncClient, archer: ArcherAccount
) -> None:
    wrong_password = await client.post(
        "/api/v0/auth/login", json={"email": archer.email, "password": "not the password"}
    )
    unknown_email = await client.post(
        "/api/v0/auth/login", json={"email": "nobody@example.org", "password": PASSWORD}
    )
    assert wrong_password.status_code == unknown_email.status_code == 401

    def comparable(body: dict[str, object]) -> dict[str, object]:
        return {key: value for key, value in body.items() if key != "request_id"}

    assert comparable(wrong_password.json()) == comparable(unknown_email.json())
    assert wrong_password.headers["www-authenticate"] == unknown_email.headers["www-authenticate"]


async def test_log_in_with_a_missing_field_is_a_validation_problem(client: AsyncClient) -> None:
    response = await client.post("/api/v0/auth/login", json={"email": "a@b.c"})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"pointer": "/password", "detail": "Field required"}]


async def test_log_out_revokes_the_token(client: AsyncClient, archer: ArcherAccount) -> None:
    response = await client.post("/api/v0/auth/logout", headers=archer.headers)
    assert response.status_code == 204
    assert (await client.get("/api/v0/archer/me", headers=archer.headers)).status_code == 401
    again = await client.post("/api/v0/auth/logout", headers=archer.headers)
    assert again.status_code == 401


async def test_log_out_without_a_token_is_unauthorized(client: AsyncClient) -> None:
    response = await client.post("/api/v0/auth/logout")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


async def test_a_malformed_authorization_header_is_unauthorized(client: AsyncClient) -> None:
    response = await client.get("/api/v0/archer/me", headers={"Authorization": "Basic abc"})
    assert response.status_code == 401
    assert 'error="invalid_request"' in response.headers["www-authenticate"]


async def test_an_unknown_token_is_unauthorized(client: AsyncClient) -> None:
    response = await client.get("/api/v0/archer/me", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


class CountingHasher:
    """Argon2's hasher, counting the verifications that actually ran."""

    def __init__(self, hasher: Any) -> None:
        self._hasher = hasher
        self.verified: list[str] = []

    def hash(self, password: str) -> str:
        return str(self._hasher.hash(password))

    def verify(self, password_hash: str, password: str) -> bool:
        self.verified.append(password_hash)
        return bool(self._hasher.verify(password_hash, password))


async def test_unknown_email_and_wrong_password_cost_one_verification_each(
    app: FastAPI, client: AsyncClient, archer: ArcherAccount, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Timing parity: the decoy hash is verified for an unknown email, not skipped."""
    passwords: Passwords = app.state.passwords
    counting = CountingHasher(passwords._hasher)
    monkeypatch.setattr(passwords, "_hasher", counting)
    for email in (archer.email, "nobody-here@example.org"):
        response = await client.post(
            "/api/v0/auth/login", json={"email": email, "password": "not the password"}
        )
        assert response.status_code == 401
    assert len(counting.verified) == 2
    assert counting.verified[1] == passwords._decoy_hash


class GatedPasswords(Passwords):
    """Passwords whose hashing waits for the test to let it finish."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.hashing = asyncio.Event()
        self.release = asyncio.Event()

    async def _gate(self) -> None:
        self.hashing.set()
        await self.release.wait()

    async def hash(self, password: str) -> str:
        await self._gate()
        return await super().hash(password)

    async def verify(self, password_hash: str | None, password: str) -> bool:
        await self._gate()
        return await super().verify(password_hash, password)


@pytest.mark.parametrize("operation", ["logIn", "registerArcher"])
async def test_hashing_holds_no_database_connection(database_url: str, operation: str) -> None:
    """With a pool of one, a login or sign-up that is hashing leaves the connection free."""
    settings = make_settings(
        database_url,
        postgres_pool_min_size=1,
        postgres_pool_max_size=1,
        db_acquire_timeout_seconds=0.5,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = ASGITransport(app=application, raise_app_exceptions=False)
        async with AsyncClient(transport=transport, base_url="http://test") as http:
            registration = registration_payload()
            assert (await http.post("/api/v0/archer", json=registration)).status_code == 201
            credentials = {"email": registration["email"], "password": PASSWORD}
            token = (await http.post("/api/v0/auth/login", json=credentials)).json()
            gated = GatedPasswords(settings)
            application.state.passwords = gated
            if operation == "logIn":
                slow = http.post("/api/v0/auth/login", json=credentials)
            else:
                slow = http.post("/api/v0/archer", json=registration_payload())
            hashing = asyncio.create_task(slow)
            await gated.hashing.wait()
            me = await http.get(
                "/api/v0/archer/me",
                headers={"Authorization": f"Bearer {token['access_token']}"},
            )
            assert me.status_code == 200, me.text
            gated.release.set()
            assert (await hashing).status_code in (200, 201)


async def test_concurrent_hashes_are_bounded(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``password_hash_concurrency``, hashes wait for a free slot."""
    passwords = Passwords(settings.model_copy(update={"password_hash_concurrency": 2}))
    running, most = 0, 0
    lock, release = threading.Lock(), threading.Event()

    def slow_hash(_: str) -> str:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        release.wait(timeout=10)
        with lock:
            running -= 1
        return "hashed"

    monkeypatch.setattr(passwords, "_hasher", SimpleNamespace(hash=slow_hash))
    hashes = [asyncio.create_task(passwords.hash(PASSWORD)) for _ in range(5)]
    while running < 2:
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.2)
    assert (running, most) == (2, 2)
    release.set()
    assert await asyncio.gather(*hashes) == ["hashed"] * 5
    assert most == 2
